package io.lamina.extraction.model.parse;

import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Yes/no answers in English, German and French, and ticked or empty check boxes. */
public final class Booleans {

    private static final Map<String, Boolean> WORDS = Map.ofEntries(
            Map.entry("yes", true), Map.entry("y", true), Map.entry("true", true), Map.entry("ja", true),
            Map.entry("oui", true), Map.entry("x", true), Map.entry("[x]", true), Map.entry("☑", true),
            Map.entry("☒", true), Map.entry("✓", true), Map.entry("✔", true), Map.entry("checked", true),
            Map.entry("no", false), Map.entry("n", false), Map.entry("false", false), Map.entry("nein", false),
            Map.entry("non", false), Map.entry("[ ]", false), Map.entry("[]", false), Map.entry("☐", false),
            Map.entry("unchecked", false), Map.entry("none", false));
    private static final Pattern TOKEN = Pattern.compile("\\[\\s?[xX]?\\s?\\]|[☑☒✓✔☐]|[A-Za-z]+");

    private Booleans() {
    }

    /** The first yes/no token in {@code text}. */
    public static Optional<Match<Boolean>> find(String text) {
        Matcher m = TOKEN.matcher(text);
        while (m.find()) {
            String token = m.group().toLowerCase().replace(" ", "");
            if (token.startsWith("[")) {
                token = token.contains("x") ? "[x]" : "[ ]";
            }
            Boolean value = WORDS.get(token);
            if (value != null) {
                return Optional.of(new Match<>(value, m.start(), m.end(), token.length() == 1 ? 0.8 : 1.0));
            }
        }
        return Optional.empty();
    }
}
