package io.lamina.extraction.model.parse;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** E-mail addresses (the practical subset of RFC 5322: dot-atoms, a domain with a TLD of letters). */
public final class Emails {

    private static final Pattern EMAIL = Pattern.compile(
            "(?<![A-Za-z0-9._%+-])[A-Za-z0-9][A-Za-z0-9._%+-]{0,63}@(?:[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?\\.)+[A-Za-z]{2,24}(?![A-Za-z0-9-])");

    private Emails() {
    }

    public static boolean isValid(String email) {
        return EMAIL.matcher(email).matches() && !email.contains("..");
    }

    public static Optional<Match<String>> find(String text) {
        Matcher m = EMAIL.matcher(text);
        while (m.find()) {
            if (!m.group().contains("..")) {
                return Optional.of(new Match<>(m.group().toLowerCase(java.util.Locale.ROOT).equals(m.group()) ? m.group()
                        : m.group(), m.start(), m.end(), 1.0));
            }
        }
        return Optional.empty();
    }
}
