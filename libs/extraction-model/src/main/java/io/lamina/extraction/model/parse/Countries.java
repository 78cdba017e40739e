package io.lamina.extraction.model.parse;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/** ISO 3166-1 alpha-2 codes (the JDK's list), alpha-3 codes and English, German and French country names. */
public final class Countries {

    private static final Set<String> CODES = new TreeSet<>(Set.of(Locale.getISOCountries()));
    private static final Map<String, String> NAMES = new HashMap<>();
    private static int longestName;

    static {
        for (String code : CODES) {
            Locale country = new Locale("", code);
            for (Locale l : new Locale[] {Locale.ENGLISH, Locale.GERMAN, Locale.FRENCH}) {
                put(country.getDisplayCountry(l), code);
            }
            try {
                NAMES.put(Text.fold(country.getISO3Country()), code);
            } catch (java.util.MissingResourceException e) {
                // no alpha-3 code known
            }
        }
        for (String[][] extra : new String[][][] {{{"usa", "US"}, {"u s a", "US"}, {"united states of america", "US"},
                {"uk", "GB"}, {"england", "GB"}, {"great britain", "GB"}, {"deutschland", "DE"}, {"schweiz", "CH"},
                {"osterreich", "AT"}, {"holland", "NL"}}}) {
            for (String[] e : extra) {
                put(e[0], e[1]);
            }
        }
    }

    private static void put(String name, String code) {
        String key = Text.words(name);
        if (!key.isEmpty()) {
            NAMES.putIfAbsent(key, code);
            longestName = Math.max(longestName, key.split(" ").length);
        }
    }

    private static boolean containsWord(String text, String word) {
        return java.util.regex.Pattern.compile("(?<![A-Za-z])" + java.util.regex.Pattern.quote(word) + "(?![A-Za-z])")
                .matcher(text).find();
    }

    private Countries() {
    }

    public static boolean isCode(String code) {
        return code != null && CODES.contains(code);
    }

    /**
     * The country {@code text} names: its whole text as an alpha-2 or alpha-3 code or a name, else the last run of
     * words that is a country name (as at the end of an address line).
     */
    public static Optional<String> find(String text) {
        String trimmed = text.trim();
        if (trimmed.length() == 2 && CODES.contains(trimmed.toUpperCase(Locale.ROOT))
                && trimmed.equals(trimmed.toUpperCase(Locale.ROOT))) {
            return Optional.of(trimmed);
        }
        String[] words = Text.words(text).split(" ");
        for (int end = words.length; end > 0; end--) {
            for (int len = Math.min(longestName, end); len >= 1; len--) {
                String key = String.join(" ", java.util.Arrays.copyOfRange(words, end - len, end));
                String code = NAMES.get(key);
                if (code != null && (key.length() > 3 || containsWord(text, key.toUpperCase(Locale.ROOT)))) {
                    return Optional.of(code);
                }
            }
        }
        return Optional.empty();
    }
}
