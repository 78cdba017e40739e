package io.lamina.extraction.model.parse;

import java.util.Currency;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** ISO 4217 currency codes (the JDK's list), their common symbols and English, German and French names. */
public final class Currencies {

    private static final Set<String> CODES = new TreeSet<>();
    private static final Map<String, String> NAMES = new HashMap<>();
    private static final Map<String, String> SYMBOLS = Map.ofEntries(
            Map.entry("€", "EUR"), Map.entry("$", "USD"), Map.entry("US$", "USD"), Map.entry("£", "GBP"),
            Map.entry("¥", "JPY"), Map.entry("₹", "INR"), Map.entry("₽", "RUB"), Map.entry("₩", "KRW"),
            Map.entry("₺", "TRY"), Map.entry("₪", "ILS"), Map.entry("zł", "PLN"), Map.entry("Fr.", "CHF"),
            Map.entry("C$", "CAD"), Map.entry("A$", "AUD"));
    private static final Pattern CODE = Pattern.compile("(?<![A-Za-z])([A-Z]{3})(?![A-Za-z])");
    private static final Pattern SYMBOL = Pattern.compile("US\\$|C\\$|A\\$|€|\\$|£|¥|₹|₽|₩|₺|₪|zł");

    static {
        for (Currency c : Currency.getAvailableCurrencies()) {
            CODES.add(c.getCurrencyCode());
            for (Locale l : new Locale[] {Locale.ENGLISH, Locale.GERMAN, Locale.FRENCH}) {
                NAMES.put(Text.words(c.getDisplayName(l)), c.getCurrencyCode());
            }
        }
        for (String[] extra : new String[][] {{"euro", "EUR"}, {"euros", "EUR"}, {"dollar", "USD"}, {"dollars", "USD"},
                {"us dollars", "USD"}, {"pound", "GBP"}, {"pounds", "GBP"}, {"franken", "CHF"}, {"yen", "JPY"}}) {
            NAMES.put(extra[0], extra[1]);
        }
    }

    private static volatile Pattern names;

    /** One alternation of every currency name, longest first. */
    private static Pattern namePattern() {
        Pattern p = names;
        if (p == null) {
            java.util.List<String> all = new java.util.ArrayList<>(NAMES.keySet());
            all.removeIf(String::isEmpty);
            all.sort((a, b) -> Integer.compare(b.length(), a.length()));
            StringBuilder sb = new StringBuilder("(?<![a-z])(");
            for (int i = 0; i < all.size(); i++) {
                sb.append(i == 0 ? "" : "|").append(Pattern.quote(all.get(i)));
            }
            p = Pattern.compile(sb.append(")(?![a-z])").toString());
            names = p;
        }
        return p;
    }

    private Currencies() {
    }

    public static boolean isCode(String code) {
        return code != null && CODES.contains(code);
    }

    public static Set<String> codes() {
        return CODES;
    }

    /** The code a symbol or code stands for, or null. */
    public static String fromSymbol(String symbol) {
        if (symbol == null) {
            return null;
        }
        if (CODES.contains(symbol)) {
            return symbol;
        }
        return SYMBOLS.get(symbol);
    }

    /** The first currency in {@code text}: an ISO code, a symbol or a name; a symbol or name has quality 0.9. */
    public static Optional<Match<String>> find(String text) {
        Matcher code = CODE.matcher(text);
        while (code.find()) {
            if (CODES.contains(code.group(1)) && !code.group(1).equals("XXX")) {
                return Optional.of(new Match<>(code.group(1), code.start(1), code.end(1), 1.0));
            }
        }
        Matcher symbol = SYMBOL.matcher(text);
        if (symbol.find()) {
            return Optional.of(new Match<>(SYMBOLS.get(symbol.group()), symbol.start(), symbol.end(), 0.9));
        }
        String folded = Text.fold(text);
        if (folded.length() == text.length()) {
            Matcher name = namePattern().matcher(folded);
            if (name.find()) {
                return Optional.of(new Match<>(NAMES.get(name.group(1)), name.start(1), name.end(1), 0.9));
            }
        }
        return Optional.empty();
    }
}
