package io.lamina.extraction.model.parse;

import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ParsersTest {

    private static String date(String text, Dates.Order order) {
        return Dates.findDate(text, order).map(m -> m.value().toString()).orElse(null);
    }

    @Test
    void readsDatesInManyFormatsAndLanguages() {
        Dates.Order d = Dates.Order.DAY_FIRST;
        assertEquals("2024-03-12", date("Date: 2024-03-12", d));
        assertEquals("2024-03-12", date("12.03.2024", d));
        assertEquals("2024-03-12", date("12.03.24", d));
        assertEquals("2024-03-12", date("12 March 2024", d));
        assertEquals("2024-03-12", date("March 12, 2024", d));
        assertEquals("2024-03-12", date("12. März 2024", d));
        assertEquals("2024-03-01", date("1er mars 2024", d));
        assertEquals("2024-12-05", date("5 déc. 2024", d));
        assertEquals("2024-03-13", date("13/03/2024", Dates.Order.MONTH_FIRST));
        assertEquals("2024-03-13", date("03/13/2024", d));
        assertEquals("2024-03-12", date("03/12/2024", Dates.Order.MONTH_FIRST));
        assertEquals("2024-12-03", date("03/12/2024", d));
        assertEquals("2024-03-12", date("12/03/2024", d));
        assertEquals(null, date("31.02.2024", d));
        assertEquals("14:30", Dates.findTime("at 14:30 Uhr").map(m -> m.value().toString()).orElse(null));
        assertEquals("14:30", Dates.findTime("2:30 PM").map(m -> m.value().toString()).orElse(null));
        assertEquals("2024-03-12T14:30:00", Dates.findDateTime("12.03.2024 14:30", d).map(Match::value).orElse(null));
    }

    private static BigDecimal amount(String text) {
        return Amounts.findLast(text).map(m -> m.value().value()).orElse(null);
    }

    @Test
    void readsAmountsWithEitherDecimalSeparator() {
        assertEquals(new BigDecimal("1234.56"), amount("1.234,56 €"));
        assertEquals(new BigDecimal("1234.56"), amount("€1,234.56"));
        assertEquals(new BigDecimal("1234.56"), amount("EUR 1 234,56"));
        assertEquals(new BigDecimal("1234.50"), amount("CHF 1'234.50"));
        assertEquals(new BigDecimal("-12.50"), amount("(12.50)"));
        assertEquals(new BigDecimal("-12.50"), amount("-12.50"));
        assertEquals(new BigDecimal("1500"), amount("1.500"));
        assertEquals(new BigDecimal("12.5"), amount("12,5"));
        assertEquals("USD", Amounts.findLast("$1,234.56").get().value().currency());
        assertEquals("EUR", Amounts.findLast("1.234,56 €").get().value().currency());
    }

    @Test
    void validatesIbansAndRepairsOcrConfusions() {
        assertTrue(Iban.isValid("DE89 3704 0044 0532 0130 00"));
        assertFalse(Iban.isValid("DE88 3704 0044 0532 0130 00"));
        assertFalse(Iban.isValid("DE89 3704 0044 0532 0130 0"));
        assertEquals("GB29NWBK60161331926819", Iban.find("IBAN: GB29 NWBK 6016 1331 9268 19").get().value());
        Match<String> repaired = Iban.find("IBAN DE89 37O4 0044 0532 0130 00").get();
        assertEquals("DE89370400440532013000", repaired.value());
        assertEquals(0.8, repaired.quality());
    }

    @Test
    void readsCodesNamesAndAddresses() {
        assertEquals("DE", Countries.find("Deutschland").orElse(null));
        assertEquals("FR", Countries.find("France").orElse(null));
        assertEquals("CH", Countries.find("Schweiz").orElse(null));
        assertTrue(Currencies.isCode("EUR"));
        assertEquals("GBP", Currencies.find("Amount in £").get().value());
        assertEquals("b.c@example.org", Emails.find("mail: b.c@example.org.").get().value());
        assertEquals(true, Booleans.find("Ja").get().value());
        assertEquals(false, Booleans.find("[ ] newsletter").get().value());
        Addresses.Address a = Addresses.parse(List.of("Hauptstraße 12", "10115 Berlin", "Germany")).get().value();
        assertEquals(new Addresses.Address("Hauptstraße 12", "Berlin", "10115", null, "DE"), a);
        Addresses.Address us = Addresses.parse(List.of("1600 Pennsylvania Ave NW", "Washington, DC 20500")).get().value();
        assertEquals(new Addresses.Address("1600 Pennsylvania Ave NW", "Washington", "20500", "DC", "US"), us);
        assertEquals(LocalDate.of(2024, 1, 2), Dates.findDate("2.1.2024", Dates.Order.DAY_FIRST).get().value());
    }
}
