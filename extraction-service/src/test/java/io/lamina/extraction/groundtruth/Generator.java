package io.lamina.extraction.groundtruth;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;

/**
 * Generates invoices, receipts and forms with a seeded random: several layouts (label then value on one line, value
 * in a column further right, label above value), English and German wordings, date and amount formats of each
 * locale. Reproducible: the same seed gives the same documents.
 */
final class Generator {

    private static final String[] COMPANIES = {"Nordlicht Software GmbH", "Acme Tools Ltd", "Bergmann & Söhne KG",
            "Blue Harbor Consulting LLC", "Kessler Druck GmbH", "Riverside Bakery Inc", "Alpenblick Hotel AG",
            "Greenfield Supplies Ltd", "Hansen Logistik GmbH", "Summit Analytics Inc"};
    private static final String[] CUSTOMERS = {"Müller Maschinenbau GmbH", "Oakwood Dental Practice",
            "Stadtwerke Lindau", "Pinecrest Realty LLC", "Fischer Architekten", "Harbor View Cafe",
            "Weber Elektrotechnik", "Northwind Traders", "Schneider Medien GmbH", "Brightside Clinic"};
    private static final String[] ITEMS_EN = {"Consulting services", "Software license", "Website maintenance",
            "Printer paper A4", "Office chair", "Cloud hosting", "Training workshop", "Support hours", "USB-C cable",
            "Design review"};
    private static final String[] ITEMS_DE = {"Beratungsleistung", "Softwarelizenz", "Wartung Webseite",
            "Druckerpapier A4", "Bürostuhl", "Cloud-Hosting", "Schulung", "Supportstunden", "USB-C Kabel",
            "Designprüfung"};
    private static final String[] FIRST = {"Anna", "Lukas", "Sophie", "James", "Emma", "Oliver", "Marie", "Jonas"};
    private static final String[] LAST = {"Schmidt", "Becker", "Walker", "Hoffmann", "Turner", "Wagner", "Evans", "Koch"};
    private static final String[][] CITIES = {{"10115", "Berlin", "Hauptstraße 12", "DE", "Germany", "Deutschland"},
            {"80331", "München", "Marienplatz 8", "DE", "Germany", "Deutschland"},
            {"1010", "Wien", "Ringstraße 25", "AT", "Austria", "Österreich"},
            {"8001", "Zürich", "Bahnhofstrasse 44", "CH", "Switzerland", "Schweiz"},
            {"75002", "Paris", "12 Rue de la Paix", "FR", "France", "Frankreich"},
            {"20095", "Hamburg", "Mönckebergstraße 7", "DE", "Germany", "Deutschland"}};
    private static final String[] IBANS = {"DE89370400440532013000", "DE02120300000000202051", "AT611904300234573201",
            "CH9300762011623852957", "GB29NWBK60161331926819", "FR1420041010050500013M02606", "NL91ABNA0417164300",
            "DE44500105175407324931"};
    private static final String[] MONTHS_EN = {"January", "February", "March", "April", "May", "June", "July", "August",
            "September", "October", "November", "December"};
    private static final String[] MONTHS_DE = {"Januar", "Februar", "März", "April", "Mai", "Juni", "Juli", "August",
            "September", "Oktober", "November", "Dezember"};

    private final Random random;

    Generator(long seed) {
        this.random = new Random(seed);
    }

    List<Sample> all(int invoices, int receipts, int forms) {
        List<Sample> out = new ArrayList<>();
        for (int i = 0; i < invoices; i++) {
            out.add(invoice(i));
        }
        for (int i = 0; i < receipts; i++) {
            out.add(receipt(i));
        }
        for (int i = 0; i < forms; i++) {
            out.add(form(i));
        }
        return out;
    }

    private <T> T pick(T[] values) {
        return values[random.nextInt(values.length)];
    }

    private LocalDate date() {
        return LocalDate.of(2023 + random.nextInt(3), 1 + random.nextInt(12), 1 + random.nextInt(28));
    }

    private String formatDate(LocalDate d, boolean german, int style) {
        return switch (style) {
            case 0 -> german ? String.format("%02d.%02d.%d", d.getDayOfMonth(), d.getMonthValue(), d.getYear())
                    : d.toString();
            case 1 -> german ? d.getDayOfMonth() + ". " + MONTHS_DE[d.getMonthValue() - 1] + " " + d.getYear()
                    : MONTHS_EN[d.getMonthValue() - 1] + " " + d.getDayOfMonth() + ", " + d.getYear();
            case 2 -> german ? String.format("%02d.%02d.%d", d.getDayOfMonth(), d.getMonthValue(), d.getYear())
                    : d.getDayOfMonth() + " " + MONTHS_EN[d.getMonthValue() - 1].substring(0, 3) + " " + d.getYear();
            default -> String.format("%02d/%02d/%d", d.getMonthValue(), d.getDayOfMonth(), d.getYear());
        };
    }

    /** An amount the way the document's locale writes it. */
    private static String money(BigDecimal v, String currency, boolean german) {
        String plain = String.format(Locale.ROOT, "%,.2f", v);
        if (german) {
            plain = plain.replace(",", "X").replace(".", ",").replace("X", ".");
        }
        return switch (currency) {
            case "EUR" -> german ? plain + " €" : "€" + plain;
            case "USD" -> "$" + plain;
            case "GBP" -> "£" + plain;
            default -> currency + " " + plain;
        };
    }

    private Sample invoice(int n) {
        boolean german = n % 2 == 1;
        int layout = n % 3;
        String currency = german ? (n % 5 == 3 ? "CHF" : "EUR") : pick(new String[] {"EUR", "USD", "GBP"});
        int dateStyle = german ? random.nextInt(2) * 1 : currency.equals("USD") ? 3 : random.nextInt(3);
        String vendor = pick(COMPANIES);
        String customer = pick(CUSTOMERS);
        String number = (german ? "RE-" : "INV-") + (2023 + random.nextInt(3)) + "-" + (100 + random.nextInt(900));
        LocalDate issued = date();
        LocalDate due = issued.plusDays(14 + random.nextInt(3) * 8);
        String iban = pick(IBANS);
        String email = "billing@" + customer.toLowerCase(Locale.ROOT).replaceAll("[^a-z]", "").substring(0, 8) + ".example";
        int count = 2 + random.nextInt(4);
        String[] names = german ? ITEMS_DE : ITEMS_EN;
        List<Map<String, String>> lines = new ArrayList<>();
        List<String[]> rows = new ArrayList<>();
        BigDecimal subtotal = BigDecimal.ZERO;
        for (int i = 0; i < count; i++) {
            int qty = 1 + random.nextInt(12);
            BigDecimal unit = BigDecimal.valueOf(500 + random.nextInt(150000), 2);
            if (i == 0) {
                unit = BigDecimal.valueOf(100000 + random.nextInt(200000), 2); // a value with thousands
            }
            BigDecimal amount = unit.multiply(BigDecimal.valueOf(qty)).setScale(2, RoundingMode.HALF_UP);
            subtotal = subtotal.add(amount);
            String desc = names[(n + i * 3) % names.length];
            Map<String, String> expected = new LinkedHashMap<>();
            expected.put("description", "\"" + desc + "\"");
            expected.put("quantity", String.valueOf(qty));
            expected.put("unit_price", unit.toPlainString());
            expected.put("amount", amount.toPlainString());
            lines.add(expected);
            rows.add(new String[] {desc, String.valueOf(qty), money(unit, currency, german), money(amount, currency, german)});
        }
        int rate = german ? 19 : 20;
        BigDecimal tax = subtotal.multiply(BigDecimal.valueOf(rate)).divide(BigDecimal.valueOf(100), 2, RoundingMode.HALF_UP);
        BigDecimal total = subtotal.add(tax);

        String lNumber = german ? pick(new String[] {"Rechnungsnummer:", "Rechnungs-Nr.:", "Rechnung Nr."})
                : pick(new String[] {"Invoice No:", "Invoice Number:", "Invoice #"});
        String lDate = german ? pick(new String[] {"Rechnungsdatum:", "Datum:"}) : pick(new String[] {"Invoice Date:", "Date:", "Date of issue:"});
        String lDue = german ? pick(new String[] {"Fällig am:", "Zahlbar bis:"}) : pick(new String[] {"Due Date:", "Payment due:"});
        String lBill = german ? "Rechnungsempfänger:" : pick(new String[] {"Bill To:", "Customer:"});
        String lEmail = german ? "E-Mail:" : "Email:";
        String lSub = german ? pick(new String[] {"Zwischensumme", "Nettobetrag"}) : pick(new String[] {"Subtotal", "Net amount"});
        String lTax = german ? "MwSt. " + rate + " %" : "VAT " + rate + "%";
        String lTotal = german ? pick(new String[] {"Gesamtbetrag", "Rechnungsbetrag"}) : pick(new String[] {"Total", "Amount due", "Total due"});
        String[] heads = german ? new String[] {"Bezeichnung", "Menge", "Einzelpreis", "Gesamt"}
                : pick(new String[][] {{"Description", "Qty", "Unit Price", "Amount"}, {"Item", "Quantity", "Price", "Total"}});
        String title = german ? "RECHNUNG" : "INVOICE";

        List<Sample.Item> items = new ArrayList<>();
        List<String> paragraphs = new ArrayList<>();
        items.add(new Sample.Item(50, 60, 16, true, vendor, false));
        items.add(new Sample.Item(50, 78, 9, false, pick(CITIES)[2] + ", " + pick(CITIES)[1], false));
        items.add(new Sample.Item(545, 60, 20, true, title, true));
        paragraphs.add(vendor);
        paragraphs.add(title);
        String issuedText = formatDate(issued, german, dateStyle);
        String dueText = formatDate(due, german, dateStyle);
        double y = 130;
        String[][] meta = {{lNumber, number}, {lDate, issuedText}, {lDue, dueText}};
        if (layout == 0) {
            for (String[] m : meta) {
                items.add(new Sample.Item(50, y, 10, false, m[0] + " " + m[1], false));
                y += 16;
            }
        } else if (layout == 1) {
            for (String[] m : meta) {
                items.add(new Sample.Item(330, y, 10, true, m[0], false));
                items.add(new Sample.Item(450, y, 10, false, m[1], false));
                y += 16;
            }
        } else {
            double x = 50;
            for (String[] m : meta) {
                items.add(new Sample.Item(x, y, 9, true, m[0].replace(":", ""), false));
                items.add(new Sample.Item(x, y + 14, 10, false, m[1], false));
                x += 170;
            }
            y += 30;
        }
        for (String[] m : meta) {
            paragraphs.add(m[0] + " " + m[1]);
        }
        y += 20;
        items.add(new Sample.Item(50, y, 10, true, lBill, false));
        items.add(new Sample.Item(50, y + 14, 10, false, customer, false));
        items.add(new Sample.Item(50, y + 28, 10, false, lEmail + " " + email, false));
        paragraphs.add(lBill + " " + customer);
        paragraphs.add(lEmail + " " + email);
        y += 70;
        double[] colX = {50, 330, 430, 545};
        boolean[] right = {false, true, true, true};
        for (int c = 0; c < 4; c++) {
            items.add(new Sample.Item(colX[c], y, 10, true, heads[c], right[c]));
        }
        List<List<String>> table = new ArrayList<>();
        table.add(List.of(heads));
        y += 18;
        for (String[] row : rows) {
            for (int c = 0; c < 4; c++) {
                items.add(new Sample.Item(colX[c], y, 10, false, row[c], right[c]));
            }
            table.add(List.of(row));
            y += 16;
        }
        y += 12;
        String[][] sums = {{lSub, money(subtotal, currency, german)}, {lTax, money(tax, currency, german)},
                {lTotal, money(total, currency, german)}};
        for (String[] s : sums) {
            items.add(new Sample.Item(360, y, 10, s == sums[2], s[0], false));
            items.add(new Sample.Item(545, y, 10, s == sums[2], s[1], true));
            y += 16;
        }
        y += 30;
        String bank = "IBAN: " + spaced(iban);
        items.add(new Sample.Item(50, y, 9, false, german ? "Bitte überweisen Sie den Betrag auf folgendes Konto:"
                : "Please transfer the amount to the following account:", false));
        items.add(new Sample.Item(50, y + 13, 9, false, bank, false));
        items.add(new Sample.Item(50, y + 26, 9, false, (german ? "Währung: " : "Currency: ") + currency, false));
        paragraphs.add(lSub + ": " + sums[0][1]);
        paragraphs.add(lTax + ": " + sums[1][1]);
        paragraphs.add(lTotal + ": " + sums[2][1]);
        paragraphs.add(bank);
        paragraphs.add((german ? "Währung: " : "Currency: ") + currency);

        Map<String, String> expected = new LinkedHashMap<>();
        expected.put("invoice_number", "\"" + number + "\"");
        expected.put("invoice_date", "\"" + issued + "\"");
        expected.put("due_date", "\"" + due + "\"");
        expected.put("vendor_name", "\"" + vendor + "\"");
        expected.put("customer_name", "\"" + customer + "\"");
        expected.put("customer_email", "\"" + email + "\"");
        expected.put("iban", "\"" + iban + "\"");
        expected.put("currency", "\"" + currency + "\"");
        expected.put("subtotal", subtotal.toPlainString());
        expected.put("tax", tax.toPlainString());
        expected.put("total", total.toPlainString());
        expected.put("items_total", subtotal.stripTrailingZeros().toPlainString());
        return new Sample("invoice-" + n, "invoice", "invoice", items, paragraphs, table, expected, lines);
    }

    private static String spaced(String iban) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < iban.length(); i++) {
            if (i > 0 && i % 4 == 0) {
                sb.append(' ');
            }
            sb.append(iban.charAt(i));
        }
        return sb.toString();
    }

    private Sample receipt(int n) {
        boolean german = n % 2 == 0;
        String store = pick(COMPANIES).replace("GmbH", "Markt").replace("Ltd", "Store");
        String number = String.valueOf(10000 + random.nextInt(89999));
        LocalDate day = date();
        int hour = 8 + random.nextInt(12);
        int minute = random.nextInt(60);
        String currency = german ? "EUR" : pick(new String[] {"EUR", "GBP"});
        BigDecimal total = BigDecimal.valueOf(300 + random.nextInt(20000), 2);
        String method = random.nextBoolean() ? "card" : "cash";
        String methodText = german ? (method.equals("card") ? "Karte" : "Bar") : (method.equals("card") ? "Card" : "Cash");
        List<Sample.Item> items = new ArrayList<>();
        List<String> paragraphs = new ArrayList<>();
        String[][] rows = german
                ? new String[][] {{"Bon-Nr.:", number}, {"Datum:", formatDate(day, true, 0)},
                {"Uhrzeit:", String.format("%02d:%02d", hour, minute)}, {"Summe:", money(total, currency, true)},
                {"Zahlungsart:", methodText}}
                : new String[][] {{"Receipt No:", number}, {"Date:", formatDate(day, false, n % 3)},
                {"Time:", String.format("%02d:%02d", hour, minute)}, {"Total:", money(total, currency, false)},
                {"Payment method:", methodText}};
        items.add(new Sample.Item(60, 60, 14, true, store, false));
        paragraphs.add(store);
        double y = 100;
        for (String[] r : rows) {
            items.add(new Sample.Item(60, y, 11, false, r[0], false));
            items.add(new Sample.Item(300, y, 11, false, r[1], true));
            paragraphs.add(r[0] + " " + r[1]);
            y += 18;
        }
        items.add(new Sample.Item(60, y + 20, 9, false, german ? "Vielen Dank für Ihren Einkauf!" : "Thank you for shopping with us!", false));
        Map<String, String> expected = new LinkedHashMap<>();
        expected.put("merchant", "\"" + store + "\"");
        expected.put("receipt_number", "\"" + number + "\"");
        expected.put("date", "\"" + day + "\"");
        expected.put("time", "\"" + String.format("%02d:%02d", hour, minute) + "\"");
        expected.put("total", total.toPlainString());
        expected.put("payment_method", "\"" + method + "\"");
        return new Sample("receipt-" + n, "receipt", "receipt", items, paragraphs, List.of(), expected, List.of());
    }

    private Sample form(int n) {
        boolean german = n % 2 == 1;
        String first = pick(FIRST);
        String last = pick(LAST);
        LocalDate born = LocalDate.of(1950 + random.nextInt(50), 1 + random.nextInt(12), 1 + random.nextInt(28));
        String[] city = pick(CITIES);
        String email = (first + "." + last).toLowerCase(Locale.ROOT) + "@mail.example";
        boolean newsletter = random.nextBoolean();
        String[][] rows = german
                ? new String[][] {{"Vorname:", first}, {"Nachname:", last}, {"Geburtsdatum:", formatDate(born, true, 0)},
                {"E-Mail:", email}, {"Land:", city[5]}, {"Newsletter:", newsletter ? "Ja" : "Nein"}}
                : new String[][] {{"First name:", first}, {"Last name:", last}, {"Date of birth:", formatDate(born, false, n % 3)},
                {"Email:", email}, {"Country:", city[4]}, {"Newsletter:", newsletter ? "Yes" : "No"}};
        List<Sample.Item> items = new ArrayList<>();
        List<String> paragraphs = new ArrayList<>();
        String title = german ? "Anmeldeformular" : "Registration form";
        items.add(new Sample.Item(60, 70, 16, true, title, false));
        paragraphs.add(title);
        double y = 120;
        for (String[] r : rows) {
            items.add(new Sample.Item(60, y, 11, true, r[0], false));
            items.add(new Sample.Item(200, y, 11, false, r[1], false));
            paragraphs.add(r[0] + " " + r[1]);
            y += 22;
        }
        String lAddress = german ? "Anschrift:" : "Address:";
        items.add(new Sample.Item(60, y, 11, true, lAddress, false));
        items.add(new Sample.Item(200, y, 11, false, city[2], false));
        items.add(new Sample.Item(200, y + 15, 11, false, city[0] + " " + city[1], false));
        paragraphs.add(lAddress + " " + city[2] + ", " + city[0] + " " + city[1]);
        Map<String, String> expected = new LinkedHashMap<>();
        expected.put("first_name", "\"" + first + "\"");
        expected.put("last_name", "\"" + last + "\"");
        expected.put("date_of_birth", "\"" + born + "\"");
        expected.put("email", "\"" + email + "\"");
        expected.put("country", "\"" + city[3] + "\"");
        expected.put("newsletter", String.valueOf(newsletter));
        expected.put("address.street", "\"" + city[2] + "\"");
        expected.put("address.postal_code", "\"" + city[0] + "\"");
        expected.put("address.city", "\"" + city[1] + "\"");
        return new Sample("form-" + n, "form", "form", items, paragraphs, List.of(), expected, List.of());
    }
}
