package io.lamina.sheet.model;

import java.time.LocalDateTime;
import java.time.format.TextStyle;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * An Excel date/time format code such as {@code dd/mm/yyyy} or {@code yyyy-mm-dd hh:mm:ss} (a cell's
 * {@code date_style}). XLSX output writes the code itself as the cell's number format; CSV and Markdown render the
 * value with {@link #format}, following Excel's rules: codes are case-insensitive, {@code m}/{@code mm} mean minutes
 * right after an hour or before a second and months elsewhere, {@code mmm}/{@code mmmm} are month names,
 * {@code ddd}/{@code dddd} day names (English), {@code AM/PM} or {@code A/P} switch to a 12-hour clock,
 * {@code ss.0}…{@code ss.000} add fractions of a second, {@code "text"} and {@code \c} are literal, and
 * {@code [$-409]}-style locale tags are accepted and ignored. Anything else (number placeholders, colours, elapsed
 * time) is refused, so a code that passes here means the same in Excel and in the text outputs.
 */
public final class ExcelDateCode {

    private enum Kind { LITERAL, YEAR, MONTH, MONTH_NAME, MINUTE, DAY, DAY_NAME, HOUR, SECOND, FRACTION, AM_PM }

    private record Token(Kind kind, int width, String text) {
    }

    private static final String PLAIN_LITERALS = " -/.,:()+_'";
    private static final int CACHE_LIMIT = 1_000;
    private static final Map<String, Optional<ExcelDateCode>> CACHE = new ConcurrentHashMap<>();

    private final String code;
    private final List<Token> tokens;
    private final boolean twelveHour;

    private ExcelDateCode(String code, List<Token> tokens, boolean twelveHour) {
        this.code = code;
        this.tokens = tokens;
        this.twelveHour = twelveHour;
    }

    public String code() {
        return code;
    }

    /** The code, or empty when it is not a date/time code this class can render exactly. */
    public static Optional<ExcelDateCode> parse(String code) {
        Optional<ExcelDateCode> known = CACHE.get(code);
        if (known != null) {
            return known;
        }
        Optional<ExcelDateCode> parsed = Optional.ofNullable(tokenize(code));
        if (CACHE.size() < CACHE_LIMIT) {
            CACHE.put(code, parsed);
        }
        return parsed;
    }

    private static ExcelDateCode tokenize(String code) {
        if (code.isEmpty() || code.length() > 100) {
            return null;
        }
        List<Token> tokens = new ArrayList<>();
        boolean twelveHour = false;
        String lower = code.toLowerCase(Locale.ROOT);
        int i = 0;
        while (i < code.length()) {
            char ch = lower.charAt(i);
            if (ch == '"') {
                int end = code.indexOf('"', i + 1);
                if (end < 0) {
                    return null;
                }
                tokens.add(new Token(Kind.LITERAL, 0, code.substring(i + 1, end)));
                i = end + 1;
            } else if (ch == '\\') {
                if (i + 1 >= code.length()) {
                    return null;
                }
                tokens.add(new Token(Kind.LITERAL, 0, code.substring(i + 1, i + 2)));
                i += 2;
            } else if (ch == '[') {
                int end = code.indexOf(']', i);
                if (end < 0 || i + 1 >= code.length() || code.charAt(i + 1) != '$') {
                    return null;
                }
                i = end + 1;
            } else if (lower.startsWith("am/pm", i)) {
                tokens.add(new Token(Kind.AM_PM, 5, code.substring(i, i + 5)));
                twelveHour = true;
                i += 5;
            } else if (lower.startsWith("a/p", i)) {
                tokens.add(new Token(Kind.AM_PM, 1, code.substring(i, i + 3)));
                twelveHour = true;
                i += 3;
            } else if ("ymdhs".indexOf(ch) >= 0) {
                int run = run(lower, i, ch);
                Kind kind = switch (ch) {
                    case 'y' -> Kind.YEAR;
                    case 'm' -> run >= 3 ? Kind.MONTH_NAME : Kind.MONTH;
                    case 'd' -> run >= 3 ? Kind.DAY_NAME : Kind.DAY;
                    case 'h' -> Kind.HOUR;
                    default -> Kind.SECOND;
                };
                tokens.add(new Token(kind, run, null));
                i += run;
                if (kind == Kind.SECOND && i + 1 < code.length() && lower.charAt(i) == '.' && lower.charAt(i + 1) == '0') {
                    int zeros = run(lower, i + 1, '0');
                    if (zeros > 3) {
                        return null;
                    }
                    tokens.add(new Token(Kind.FRACTION, zeros, null));
                    i += 1 + zeros;
                }
            } else if (PLAIN_LITERALS.indexOf(ch) >= 0) {
                tokens.add(new Token(Kind.LITERAL, 0, String.valueOf(code.charAt(i))));
                i++;
            } else {
                return null;
            }
        }
        resolveMinutes(tokens);
        if (tokens.stream().noneMatch(t -> t.kind() != Kind.LITERAL && t.kind() != Kind.AM_PM)) {
            return null;
        }
        return new ExcelDateCode(code, List.copyOf(tokens), twelveHour);
    }

    private static int run(String text, int from, char ch) {
        int end = from;
        while (end < text.length() && text.charAt(end) == ch) {
            end++;
        }
        return end - from;
    }

    /** Excel's rule: m or mm right after an hour, or right before a second, is minutes. */
    private static void resolveMinutes(List<Token> tokens) {
        Kind previous = null;
        for (int i = 0; i < tokens.size(); i++) {
            Token token = tokens.get(i);
            if (token.kind() == Kind.LITERAL) {
                continue;
            }
            if (token.kind() == Kind.MONTH) {
                boolean afterHour = previous == Kind.HOUR;
                boolean beforeSecond = false;
                for (int j = i + 1; j < tokens.size(); j++) {
                    if (tokens.get(j).kind() != Kind.LITERAL) {
                        beforeSecond = tokens.get(j).kind() == Kind.SECOND;
                        break;
                    }
                }
                if (afterHour || beforeSecond) {
                    tokens.set(i, new Token(Kind.MINUTE, token.width(), null));
                }
            }
            previous = tokens.get(i).kind();
        }
    }

    /** The value as Excel shows it with this code (English month and day names). */
    public String format(LocalDateTime value) {
        StringBuilder out = new StringBuilder(code.length() + 8);
        for (Token token : tokens) {
            int w = token.width();
            switch (token.kind()) {
                case LITERAL -> out.append(token.text());
                case YEAR -> out.append(w <= 2 ? pad(value.getYear() % 100, 2) : pad(value.getYear(), 4));
                case MONTH -> out.append(w == 1 ? String.valueOf(value.getMonthValue()) : pad(value.getMonthValue(), 2));
                case MONTH_NAME -> {
                    String name = value.getMonth().getDisplayName(TextStyle.FULL, Locale.ENGLISH);
                    out.append(w == 3 ? name.substring(0, 3) : w == 4 ? name : name.substring(0, 1));
                }
                case MINUTE -> out.append(w == 1 ? String.valueOf(value.getMinute()) : pad(value.getMinute(), 2));
                case DAY -> out.append(w == 1 ? String.valueOf(value.getDayOfMonth()) : pad(value.getDayOfMonth(), 2));
                case DAY_NAME -> out.append(value.getDayOfWeek().getDisplayName(
                        w == 3 ? TextStyle.SHORT : TextStyle.FULL, Locale.ENGLISH));
                case HOUR -> {
                    int hour = value.getHour();
                    if (twelveHour) {
                        hour = hour % 12 == 0 ? 12 : hour % 12;
                    }
                    out.append(w == 1 ? String.valueOf(hour) : pad(hour, 2));
                }
                case SECOND -> out.append(w == 1 ? String.valueOf(value.getSecond()) : pad(value.getSecond(), 2));
                case FRACTION -> out.append('.').append(pad(value.getNano() / (int) Math.pow(10, 9 - w), w));
                case AM_PM -> {
                    boolean am = value.getHour() < 12;
                    String text = token.text();
                    if (w == 5) {
                        String word = am ? "AM" : "PM";
                        out.append(Character.isLowerCase(text.charAt(0)) ? word.toLowerCase(Locale.ROOT) : word);
                    } else {
                        char letter = am ? 'A' : 'P';
                        out.append(Character.isLowerCase(text.charAt(0)) ? Character.toLowerCase(letter) : letter);
                    }
                }
            }
        }
        return out.toString();
    }

    private static String pad(int value, int width) {
        String text = String.valueOf(value);
        return text.length() >= width ? text : "0".repeat(width - text.length()) + text;
    }

    @Override
    public String toString() {
        return code;
    }
}
