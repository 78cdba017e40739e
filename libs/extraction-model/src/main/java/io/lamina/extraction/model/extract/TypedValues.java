package io.lamina.extraction.model.extract;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.lamina.extraction.model.parse.Addresses;
import io.lamina.extraction.model.parse.Amounts;
import io.lamina.extraction.model.parse.Booleans;
import io.lamina.extraction.model.parse.Countries;
import io.lamina.extraction.model.parse.Currencies;
import io.lamina.extraction.model.parse.Dates;
import io.lamina.extraction.model.parse.Emails;
import io.lamina.extraction.model.parse.Iban;
import io.lamina.extraction.model.parse.Match;
import io.lamina.extraction.model.parse.Text;
import io.lamina.extraction.model.schema.FieldSpec;
import io.lamina.extraction.model.schema.FieldType;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads a typed value for a field out of a piece of text, and checks a value given by someone else (an LLM) against
 * the field's type and options. Both paths apply the same rules: min/max, decimal_points (rounding half-up),
 * max_length, allowed values, allowed countries, past/future dates.
 */
public final class TypedValues {

    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    /** A value read from {@code text[start, end)}. */
    public record Read(JsonNode value, int start, int end, double quality) {
    }

    /** German and French words for common English ENUM values (payment methods, yes/no-like states). */
    private static final java.util.Map<String, List<String>> SYNONYMS = java.util.Map.of(
            "card", List.of("karte", "kartenzahlung", "ec karte", "ec-karte", "kreditkarte", "carte", "carte bancaire", "credit card", "debit card"),
            "cash", List.of("bar", "barzahlung", "bargeld", "especes", "en especes"),
            "invoice", List.of("rechnung", "auf rechnung", "facture"),
            "bank transfer", List.of("uberweisung", "ueberweisung", "virement", "transfer"),
            "paid", List.of("bezahlt", "paye", "payee"),
            "open", List.of("offen", "ouvert", "unpaid"));

    private TypedValues() {
    }

    /** Reads {@code field}'s value from {@code text} (never ADDRESS, ARRAY or CALCULATED: see the extractor). */
    public static Optional<Read> read(FieldSpec field, String text, Dates.Order order) {
        return switch (field.type()) {
            case TEXT, TEXTAREA -> text(field, text);
            case INTEGER -> number(field, text, false);
            case DECIMAL -> number(field, text, false);
            case CURRENCY_AMOUNT -> number(field, text, true);
            case DATE -> Dates.findDate(text, order).flatMap(m -> date(field, m.value(), m));
            case DATETIME -> Dates.findDateTime(text, order).flatMap(m -> dateTimeAllowed(field, m.value())
                    ? Optional.of(new Read(JSON.textNode(m.value()), m.start(), m.end(), m.quality())) : Optional.empty());
            case TIME -> Dates.findTime(text).map(m -> new Read(JSON.textNode(time(m.value())), m.start(), m.end(), m.quality()));
            case BOOLEAN -> Booleans.find(text).map(m -> new Read(JSON.booleanNode(m.value()), m.start(), m.end(), m.quality()));
            case EMAIL -> Emails.find(text).map(m -> new Read(JSON.textNode(m.value()), m.start(), m.end(), m.quality()));
            case IBAN -> Iban.find(text).map(m -> new Read(JSON.textNode(m.value()), m.start(), m.end(), m.quality()));
            case COUNTRY -> Countries.find(text).map(c -> new Read(JSON.textNode(c), 0, text.length(), 0.95));
            case CURRENCY_CODE -> Currencies.find(text).map(m -> new Read(JSON.textNode(m.value()), m.start(), m.end(), m.quality()));
            case ENUM -> enumValue(field, text);
            case ADDRESS -> address(field, List.of(text.split("\\s*[,;\\n]\\s*")))
                    .map(r -> new Read(r.value(), 0, text.length(), r.quality()));
            case ARRAY, CALCULATED -> Optional.empty();
        };
    }

    /** An address from lines (top to bottom); start/end are line indexes. */
    public static Optional<Read> address(FieldSpec field, List<String> lines) {
        Optional<Match<Addresses.Address>> found = Addresses.parse(lines);
        if (found.isEmpty()) {
            return Optional.empty();
        }
        Addresses.Address a = found.get().value();
        if (field.allowedCountryCodes() != null && a.country() != null && !field.allowedCountryCodes().contains(a.country())) {
            return Optional.empty();
        }
        return Optional.of(new Read(addressNode(a), found.get().start(), found.get().end(), found.get().quality()));
    }

    static ObjectNode addressNode(Addresses.Address a) {
        ObjectNode node = JSON.objectNode();
        node.put("street", a.street());
        node.put("city", a.city());
        node.put("postal_code", a.postalCode());
        node.put("region", a.region());
        node.put("country", a.country());
        return node;
    }

    private static Optional<Read> text(FieldSpec field, String text) {
        int start = 0;
        int end = text.length();
        while (start < end && (Character.isWhitespace(text.charAt(start)) || ":#-–|.".indexOf(text.charAt(start)) >= 0)) {
            start++;
        }
        while (end > start && (Character.isWhitespace(text.charAt(end - 1)) || text.charAt(end - 1) == '|')) {
            end--;
        }
        if (start >= end) {
            return Optional.empty();
        }
        String value = text.substring(start, end);
        if (field.type() == FieldType.TEXT) {
            value = value.replaceAll("\\s+", " ");
        }
        double quality = 1.0;
        if (field.maxLength() != null && value.length() > field.maxLength()) {
            value = value.substring(0, field.maxLength());
            quality = 0.7;
        }
        return Optional.of(new Read(JSON.textNode(value), start, end, quality));
    }

    private static Optional<Read> number(FieldSpec field, String text, boolean money) {
        List<Match<Amounts.Amount>> all = Amounts.findAll(text);
        Match<Amounts.Amount> chosen = null;
        if (money) {
            for (Match<Amounts.Amount> m : all) {
                if (inRange(field, m.value().value()) && !percent(text, m)) {
                    chosen = m; // the last amount: "Total (3 items) 120,00 €"
                }
            }
        } else {
            for (Match<Amounts.Amount> m : all) {
                if (inRange(field, m.value().value()) && (field.type() != FieldType.INTEGER
                        || m.value().value().stripTrailingZeros().scale() <= 0)) {
                    chosen = m;
                    break;
                }
            }
        }
        if (chosen == null) {
            return Optional.empty();
        }
        BigDecimal v = round(field, chosen.value().value());
        JsonNode node = field.type() == FieldType.INTEGER ? JSON.numberNode(v.longValueExact()) : JSON.numberNode(v);
        return Optional.of(new Read(node, chosen.start(), chosen.end(), chosen.quality()));
    }

    private static boolean percent(String text, Match<?> m) {
        int i = m.end();
        while (i < text.length() && text.charAt(i) == ' ') {
            i++;
        }
        return i < text.length() && text.charAt(i) == '%';
    }

    private static BigDecimal round(FieldSpec field, BigDecimal v) {
        if (field.type() == FieldType.INTEGER) {
            return v.setScale(0, RoundingMode.HALF_UP);
        }
        if (field.decimalPoints() != null) {
            return v.setScale(field.decimalPoints(), RoundingMode.HALF_UP);
        }
        return v;
    }

    private static boolean inRange(FieldSpec field, BigDecimal v) {
        return (field.min() == null || v.compareTo(field.min()) >= 0) && (field.max() == null || v.compareTo(field.max()) <= 0);
    }

    private static Optional<Read> date(FieldSpec field, LocalDate d, Match<?> m) {
        LocalDate today = LocalDate.now();
        if (field.allowFutureDates() == Boolean.FALSE && d.isAfter(today)
                || field.allowPastDates() == Boolean.FALSE && d.isBefore(today)) {
            return Optional.empty();
        }
        return Optional.of(new Read(JSON.textNode(d.toString()), m.start(), m.end(), m.quality()));
    }

    private static boolean dateTimeAllowed(FieldSpec field, String iso) {
        LocalDate d = LocalDate.parse(iso.substring(0, 10));
        LocalDate today = LocalDate.now();
        return !(field.allowFutureDates() == Boolean.FALSE && d.isAfter(today)
                || field.allowPastDates() == Boolean.FALSE && d.isBefore(today));
    }

    private static String time(LocalTime t) {
        return t.getSecond() == 0 ? String.format(Locale.ROOT, "%02d:%02d", t.getHour(), t.getMinute()) : t.toString();
    }

    private static Optional<Read> enumValue(FieldSpec field, String text) {
        String folded = Text.fold(text);
        List<int[]> hits = new ArrayList<>();
        List<String> chosen = new ArrayList<>();
        for (String value : field.values()) {
            List<String> words = new ArrayList<>();
            words.add(Text.fold(value));
            words.addAll(SYNONYMS.getOrDefault(Text.fold(value), List.of()));
            for (String word : words) {
                Matcher m = Pattern.compile("(?<![\\p{L}\\d])" + Pattern.quote(word) + "(?![\\p{L}\\d])").matcher(folded);
                if (m.find() && folded.length() == text.length()) {
                    hits.add(new int[] {m.start(), m.end(), chosen.size()});
                    chosen.add(value);
                    break;
                }
            }
        }
        if (chosen.isEmpty()) {
            return Optional.empty();
        }
        hits.sort((a, b) -> Integer.compare(a[0], b[0]));
        int start = hits.get(0)[0];
        if (!field.multiSelect()) {
            int[] first = hits.get(0);
            return Optional.of(new Read(JSON.textNode(chosen.get(first[2])), first[0], first[1], hits.size() == 1 ? 1.0 : 0.7));
        }
        ArrayNode array = JSON.arrayNode();
        int end = 0;
        for (int[] h : hits.subList(0, Math.min(hits.size(), field.maxSelected()))) {
            array.add(chosen.get(h[2]));
            end = Math.max(end, h[1]);
        }
        return Optional.of(new Read(array, start, end, 1.0));
    }

    /**
     * Checks a value someone else produced (an LLM's answer) for {@code field}: the canonical value (an amount
     * rounded, a date re-read from any common format, a country name turned into its code), or empty when it is not a
     * valid value of the type with the field's options.
     */
    public static Optional<JsonNode> check(FieldSpec field, JsonNode value, Dates.Order order) {
        if (value == null || value.isNull()) {
            return Optional.empty();
        }
        switch (field.type()) {
            case INTEGER, DECIMAL, CURRENCY_AMOUNT -> {
                if (value.isNumber()) {
                    BigDecimal v = value.decimalValue();
                    if (!inRange(field, v) || field.type() == FieldType.INTEGER && v.stripTrailingZeros().scale() > 0) {
                        return Optional.empty();
                    }
                    BigDecimal r = round(field, v);
                    return Optional.of(field.type() == FieldType.INTEGER ? JSON.numberNode(r.longValueExact()) : JSON.numberNode(r));
                }
                return value.isTextual() ? read(field, value.textValue(), order).map(Read::value) : Optional.empty();
            }
            case BOOLEAN -> {
                if (value.isBoolean()) {
                    return Optional.of(value);
                }
                return value.isTextual() ? read(field, value.textValue(), order).map(Read::value) : Optional.empty();
            }
            case ENUM -> {
                List<String> given = new ArrayList<>();
                if (value.isTextual()) {
                    given.add(value.textValue());
                } else if (value.isArray()) {
                    value.forEach(v -> given.add(v.asText()));
                }
                List<String> valid = new ArrayList<>();
                for (String g : given) {
                    field.values().stream().filter(v -> v.equalsIgnoreCase(g.trim())).findFirst().ifPresent(valid::add);
                }
                if (valid.isEmpty() || valid.size() != given.size()) {
                    return Optional.empty();
                }
                if (!field.multiSelect()) {
                    return Optional.of(JSON.textNode(valid.get(0)));
                }
                if (field.minSelected() != null && valid.size() < field.minSelected() || valid.size() > field.maxSelected()) {
                    return Optional.empty();
                }
                ArrayNode array = JSON.arrayNode();
                valid.forEach(array::add);
                return Optional.of(array);
            }
            case ADDRESS -> {
                if (value.isObject()) {
                    ObjectNode node = JSON.objectNode();
                    for (String key : List.of("street", "city", "postal_code", "region", "country")) {
                        JsonNode part = value.get(key);
                        node.put(key, part != null && part.isTextual() && !part.textValue().isBlank() ? part.textValue() : null);
                    }
                    if (node.get("country").isTextual()) {
                        Optional<String> c = Countries.find(node.get("country").textValue());
                        node.put("country", c.orElse(null));
                    }
                    if (field.allowedCountryCodes() != null && node.get("country").isTextual()
                            && !field.allowedCountryCodes().contains(node.get("country").textValue())) {
                        return Optional.empty();
                    }
                    return Optional.of(node);
                }
                return value.isTextual() ? read(field, value.textValue(), order).map(Read::value) : Optional.empty();
            }
            case ARRAY, CALCULATED -> {
                return Optional.empty();
            }
            default -> {
                if (!value.isTextual() && !value.isNumber()) {
                    return Optional.empty();
                }
                String text = value.asText();
                Optional<Read> read = read(field, text, order);
                if (field.type() == FieldType.COUNTRY && Countries.isCode(text.trim().toUpperCase(Locale.ROOT))) {
                    return Optional.of(JSON.textNode(text.trim().toUpperCase(Locale.ROOT)));
                }
                return read.map(Read::value);
            }
        }
    }
}
