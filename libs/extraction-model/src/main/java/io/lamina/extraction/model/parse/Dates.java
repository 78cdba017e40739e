package io.lamina.extraction.model.parse;

import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Dates, times and date-times as people write them.
 *
 * <p>Dates: ISO {@code 2024-03-12} and {@code 2024/03/12}; numeric day-first {@code 12.03.2024}, {@code 12.03.24},
 * {@code 12-03-2024}; slashed {@code 03/12/2024} (see {@link Order}); month names in English, German and French,
 * full or abbreviated, in either order ({@code 12 March 2024}, {@code 12. März 2024}, {@code 1er mars 2024},
 * {@code March 12, 2024}, {@code Mar 12 2024}). Two-digit years are 2000–2069 below 70 and 1970–1999 otherwise.
 *
 * <p>Slashed dates are ambiguous: when one part is above 12 it decides (13/03/2024 is day-first, 03/13/2024 is
 * month-first); otherwise the caller's {@link Order} decides (the extractor picks it per document: an unambiguous
 * slashed date elsewhere in the document wins, else month-first only for English documents with {@code $} amounts,
 * else day-first). A date read under that guess has quality 0.8. Dotted and dashed day-month-year dates are always
 * day-first.
 */
public final class Dates {

    /** How to read an ambiguous slashed date. */
    public enum Order { DAY_FIRST, MONTH_FIRST }

    private static final Map<String, Integer> MONTHS = new HashMap<>();

    static {
        String[][] names = {
                {"january", "jan", "januar", "janvier", "janv", "jänner", "janner"},
                {"february", "feb", "februar", "fevrier", "fevr", "fev"},
                {"march", "mar", "marz", "maerz", "mars", "mrz"},
                {"april", "apr", "avril", "avr"},
                {"may", "mai"},
                {"june", "jun", "juni", "juin"},
                {"july", "jul", "juli", "juillet", "juil"},
                {"august", "aug", "aout"},
                {"september", "sep", "sept", "septembre"},
                {"october", "oct", "oktober", "okt", "octobre"},
                {"november", "nov", "novembre"},
                {"december", "dec", "dezember", "dez", "decembre"}};
        for (int m = 0; m < names.length; m++) {
            for (String name : names[m]) {
                MONTHS.put(Text.fold(name), m + 1);
            }
        }
    }

    private static final String MONTH = "([A-Za-zÀ-ÿ]{3,10})\\.?";
    private static final Pattern ISO = Pattern.compile("(?<![\\d.])(\\d{4})[-/.](\\d{1,2})[-/.](\\d{1,2})(?![\\d])");
    private static final Pattern DMY_DOT = Pattern.compile("(?<![\\d.,])(\\d{1,2})\\s?[.\\-]\\s?(\\d{1,2})\\s?[.\\-]\\s?(\\d{4}|\\d{2})(?![\\d,]|\\.\\d)");
    private static final Pattern SLASH = Pattern.compile("(?<![\\d/])(\\d{1,2})\\s?/\\s?(\\d{1,2})\\s?/\\s?(\\d{4}|\\d{2})(?![\\d/])");
    private static final Pattern DAY_MONTH_NAME = Pattern.compile(
            "(?<!\\d)(\\d{1,2})(?:st|nd|rd|th|er|\\.)?\\s*(?:of\\s+)?" + MONTH + ",?\\s*(\\d{4})(?!\\d)",
            Pattern.CASE_INSENSITIVE);
    private static final Pattern MONTH_NAME_DAY = Pattern.compile(
            "(?<![A-Za-z])" + MONTH + "\\s+(\\d{1,2})(?:st|nd|rd|th)?,?\\s+(\\d{4})(?!\\d)", Pattern.CASE_INSENSITIVE);
    private static final Pattern TIME = Pattern.compile(
            "(?<![\\d:.])(\\d{1,2})[:.h](\\d{2})(?:[:.](\\d{2}))?(?:\\s*(am|pm|a\\.m\\.|p\\.m\\.))?(?:\\s*uhr)?(?![\\d])",
            Pattern.CASE_INSENSITIVE);
    private static final Pattern ISO_DATETIME = Pattern.compile(
            "\\d{4}-\\d{2}-\\d{2}[T ]\\d{2}:\\d{2}(?::\\d{2}(?:\\.\\d{1,9})?)?(?:Z|[+-]\\d{2}:?\\d{2})?");

    private Dates() {
    }

    /** The first date in {@code text}. */
    public static Optional<Match<LocalDate>> findDate(String text, Order order) {
        Match<LocalDate> best = null;
        for (Matcher m = ISO.matcher(text); m.find(); ) {
            best = first(best, date(m, Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)),
                    Integer.parseInt(m.group(3)), 1.0));
        }
        for (Matcher m = DMY_DOT.matcher(text); m.find(); ) {
            best = first(best, date(m, year(m.group(3)), Integer.parseInt(m.group(2)), Integer.parseInt(m.group(1)),
                    m.group(3).length() == 4 ? 1.0 : 0.9));
        }
        for (Matcher m = SLASH.matcher(text); m.find(); ) {
            int a = Integer.parseInt(m.group(1));
            int b = Integer.parseInt(m.group(2));
            int y = year(m.group(3));
            boolean dayFirst;
            double quality = m.group(3).length() == 4 ? 1.0 : 0.9;
            if (a > 12 && b <= 12) {
                dayFirst = true;
            } else if (b > 12 && a <= 12) {
                dayFirst = false;
            } else {
                dayFirst = order != Order.MONTH_FIRST;
                quality = a == b ? quality : quality * 0.8;
            }
            best = first(best, dayFirst ? date(m, y, b, a, quality) : date(m, y, a, b, quality));
        }
        for (Matcher m = DAY_MONTH_NAME.matcher(text); m.find(); ) {
            Integer month = MONTHS.get(Text.fold(m.group(2)));
            if (month != null) {
                best = first(best, date(m, Integer.parseInt(m.group(3)), month, Integer.parseInt(m.group(1)), 1.0));
            }
        }
        for (Matcher m = MONTH_NAME_DAY.matcher(text); m.find(); ) {
            Integer month = MONTHS.get(Text.fold(m.group(1)));
            if (month != null) {
                best = first(best, date(m, Integer.parseInt(m.group(3)), month, Integer.parseInt(m.group(2)), 1.0));
            }
        }
        return Optional.ofNullable(best);
    }

    /** The unambiguous slashed-date order {@code text} shows, if any. */
    public static Optional<Order> slashOrderEvidence(String text) {
        for (Matcher m = SLASH.matcher(text); m.find(); ) {
            int a = Integer.parseInt(m.group(1));
            int b = Integer.parseInt(m.group(2));
            if (a > 12 && a <= 31 && b <= 12) {
                return Optional.of(Order.DAY_FIRST);
            }
            if (b > 12 && b <= 31 && a <= 12) {
                return Optional.of(Order.MONTH_FIRST);
            }
        }
        return Optional.empty();
    }

    /** The first time of day in {@code text} (24-hour, or 12-hour with am/pm). */
    public static Optional<Match<LocalTime>> findTime(String text) {
        for (Matcher m = TIME.matcher(text); m.find(); ) {
            int h = Integer.parseInt(m.group(1));
            int min = Integer.parseInt(m.group(2));
            int s = m.group(3) == null ? 0 : Integer.parseInt(m.group(3));
            String ampm = m.group(4) == null ? null : m.group(4).toLowerCase().replace(".", "");
            char sep = text.charAt(m.start(2) - 1);
            if (sep == '.' && ampm == null && !m.group().toLowerCase().contains("uhr")) {
                continue; // 12.30 alone is more likely an amount than a time
            }
            if (ampm != null) {
                if (h < 1 || h > 12) {
                    continue;
                }
                h = h % 12 + ("pm".equals(ampm) ? 12 : 0);
            }
            if (h > 23 || min > 59 || s > 59) {
                continue;
            }
            return Optional.of(new Match<>(LocalTime.of(h, min, s), m.start(), m.end(), 1.0));
        }
        return Optional.empty();
    }

    /** A date-time: ISO-8601 text, or a date followed by a time; a date alone gives midnight with quality 0.6. */
    public static Optional<Match<String>> findDateTime(String text, Order order) {
        Matcher iso = ISO_DATETIME.matcher(text);
        if (iso.find()) {
            String s = iso.group().replace(' ', 'T');
            try {
                if (s.endsWith("Z") || s.matches(".*[+-]\\d{2}:?\\d{2}$")) {
                    String normal = s.matches(".*[+-]\\d{4}$") ? s.substring(0, s.length() - 2) + ":" + s.substring(s.length() - 2) : s;
                    return Optional.of(new Match<>(OffsetDateTime.parse(normal).toString(), iso.start(), iso.end(), 1.0));
                }
                return Optional.of(new Match<>(LocalDateTime.parse(s).toString(), iso.start(), iso.end(), 1.0));
            } catch (DateTimeParseException e) {
                // fall through to the loose forms
            }
        }
        Optional<Match<LocalDate>> date = findDate(text, order);
        if (date.isEmpty()) {
            return Optional.empty();
        }
        Match<LocalDate> d = date.get();
        Optional<Match<LocalTime>> time = findTime(text.substring(d.end()));
        if (time.isPresent() && time.get().start() <= 12) {
            Match<LocalTime> t = time.get();
            LocalDateTime value = d.value().atTime(t.value());
            return Optional.of(new Match<>(value.toString().length() == 16 ? value + ":00" : value.toString(),
                    d.start(), d.end() + t.end(), d.quality()));
        }
        return Optional.of(new Match<>(d.value().atStartOfDay() + ":00", d.start(), d.end(), d.quality() * 0.6));
    }

    /** Checks a date string of the canonical form {@code YYYY-MM-DD}. */
    public static boolean isIsoDate(String text) {
        try {
            LocalDate.parse(text);
            return true;
        } catch (DateTimeParseException e) {
            return false;
        }
    }

    public static boolean isIsoDateTime(String text) {
        try {
            LocalDateTime.parse(text);
            return true;
        } catch (DateTimeParseException e) {
            try {
                OffsetDateTime.parse(text);
                return true;
            } catch (DateTimeParseException e2) {
                return false;
            }
        }
    }

    public static boolean isIsoTime(String text) {
        return text.matches("\\d{2}:\\d{2}(:\\d{2})?") && findTime(text).isPresent();
    }

    private static int year(String y) {
        int v = Integer.parseInt(y);
        if (y.length() == 2) {
            return v < 70 ? 2000 + v : 1900 + v;
        }
        return v;
    }

    private static Match<LocalDate> date(Matcher m, int y, int month, int day, double quality) {
        if (y < 1000 || y > 2999) {
            return null;
        }
        try {
            return new Match<>(LocalDate.of(y, month, day), m.start(), m.end(), quality);
        } catch (DateTimeException e) {
            return null;
        }
    }

    private static <T> Match<T> first(Match<T> a, Match<T> b) {
        if (a == null) {
            return b;
        }
        if (b == null) {
            return a;
        }
        if (b.start() < a.start() || (b.start() == a.start() && b.end() > a.end())) {
            return b;
        }
        return a;
    }
}
