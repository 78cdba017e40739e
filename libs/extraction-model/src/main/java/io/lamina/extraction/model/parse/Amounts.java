package io.lamina.extraction.model.parse;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Numbers and money amounts as people write them: either decimal separator, thousands grouped with {@code .},
 * {@code ,}, {@code '}, a space or a thin space, a sign or accounting parentheses, a currency symbol or ISO code on
 * either side ({@code 1.234,56 €}, {@code €1,234.56}, {@code EUR 1 234,56}, {@code -12.50}, {@code (12.50)},
 * {@code CHF 1'234.50}, {@code 12,-}).
 *
 * <p>Which separator is the decimal one: when both {@code .} and {@code ,} occur, the last one; when one of them occurs
 * once followed by exactly three digits ({@code 1.500}, {@code 2,000}), it groups thousands; otherwise it is decimal.
 */
public final class Amounts {

    /** An amount and the ISO 4217 code of the currency written next to it, if any. */
    public record Amount(BigDecimal value, String currency) {
    }

    private static final String SYMBOLS = "€|\\$|£|¥|₹|₽|₩|₺|₪|zł|kr|Fr\\.|CHF|EUR|USD|GBP|JPY|CAD|AUD|SEK|NOK|DKK|PLN|CZK|HUF|INR|CNY|RUB|BRL|MXN|ZAR|TRY|SGD|HKD|NZD|US\\$|C\\$|A\\$";
    private static final String NUMBER = "\\d{1,3}(?:(?:[.,'’]|\\s|\u00a0|\u202f)\\d{3})+(?:[.,]\\d{1,4})?|\\d+(?:[.,]\\d{1,4})?";
    private static final Pattern AMOUNT = Pattern.compile(
            "(?<![\\w.,])(\\(\\s*)?([-−+]\\s?)?(?:(" + SYMBOLS + ")\\s?)?([-−]\\s?)?(" + NUMBER + ")(,-|\\.-)?(?:\\s?(" + SYMBOLS + "))?(\\s*\\))?(?![\\w]|[.,]\\d)");

    private Amounts() {
    }

    /** Every amount in {@code text}, left to right. */
    public static List<Match<Amount>> findAll(String text) {
        List<Match<Amount>> all = new ArrayList<>();
        Matcher m = AMOUNT.matcher(text);
        while (m.find()) {
            BigDecimal number = number(m.group(5));
            if (number == null) {
                continue;
            }
            boolean negative = m.group(2) != null && !m.group(2).startsWith("+") || m.group(4) != null
                    || (m.group(1) != null && m.group(8) != null);
            String symbol = m.group(3) != null ? m.group(3) : m.group(7);
            int start = m.group(1) != null && m.group(8) == null ? m.start(2) >= 0 ? m.start(2) : firstNonParen(m) : m.start();
            int end = m.group(8) == null && m.group(1) != null ? lastBeforeParen(m) : m.end();
            double quality = m.group(5).matches("\\d{1,3}(?:[.,'’ ]\\d{3})+[.,]\\d{1,4}|\\d+(?:[.,]\\d{1,4})?") ? 1.0 : 0.9;
            all.add(new Match<>(new Amount(negative ? number.negate() : number, Currencies.fromSymbol(symbol)),
                    start, end, quality));
        }
        return all;
    }

    private static int firstNonParen(Matcher m) {
        for (int g = 2; g <= 5; g++) {
            if (m.start(g) >= 0) {
                return m.start(g);
            }
        }
        return m.start();
    }

    private static int lastBeforeParen(Matcher m) {
        for (int g = 7; g >= 5; g--) {
            if (m.end(g) >= 0) {
                return m.end(g);
            }
        }
        return m.end();
    }

    /** The last amount in {@code text} (on a line "Total 3 items 120,00 €" the amount comes last). */
    public static Optional<Match<Amount>> findLast(String text) {
        List<Match<Amount>> all = findAll(text);
        return all.isEmpty() ? Optional.empty() : Optional.of(all.get(all.size() - 1));
    }

    public static Optional<Match<Amount>> findFirst(String text) {
        List<Match<Amount>> all = findAll(text);
        return all.isEmpty() ? Optional.empty() : Optional.of(all.get(0));
    }

    /** A plain number (digits and separators only, per the rules above), or null. */
    public static BigDecimal number(String digits) {
        String s = digits.replaceAll("[\\s\u00a0\u202f'’]", "");
        int dot = s.lastIndexOf('.');
        int comma = s.lastIndexOf(',');
        String normal;
        if (dot >= 0 && comma >= 0) {
            char decimal = dot > comma ? '.' : ',';
            char group = decimal == '.' ? ',' : '.';
            normal = s.replace(String.valueOf(group), "").replace(decimal, '.');
            if (normal.indexOf('.') != normal.lastIndexOf('.')) {
                return null;
            }
        } else if (dot >= 0 || comma >= 0) {
            char sep = dot >= 0 ? '.' : ',';
            int count = s.length() - s.replace(String.valueOf(sep), "").length();
            int after = s.length() - s.lastIndexOf(sep) - 1;
            if (count > 1 || after == 3) {
                normal = s.replace(String.valueOf(sep), "");
            } else {
                normal = s.replace(sep, '.');
            }
        } else {
            normal = s;
        }
        try {
            return new BigDecimal(normal);
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
