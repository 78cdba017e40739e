package io.lamina.extraction.model.parse;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Postal addresses from a few lines of text. Recognised: a street line (a number and words: {@code Hauptstraße 12},
 * {@code 221B Baker Street}, {@code 12 rue de la Paix}), a locality line with a postal code ({@code 10115 Berlin},
 * {@code 75002 Paris}, {@code London SW1A 1AA}, {@code Springfield, IL 62704}) and an optional country line.
 */
public final class Addresses {

    /** {@code street, city, postal_code, region, country} (alpha-2); absent parts are null. */
    public record Address(String street, String city, String postalCode, String region, String country) {
    }

    private static final Pattern CODE_FIRST = Pattern.compile("^(?:([A-Z]{1,2})[- ])?(\\d{4,5})\\s+([\\p{L}][\\p{L} .'\\-]+?)(?:,\\s*(.+))?$");
    private static final Pattern US = Pattern.compile("^([\\p{L}][\\p{L} .'\\-]+?),?\\s+([A-Z]{2})\\s+(\\d{5}(?:-\\d{4})?)$");
    private static final Pattern UK = Pattern.compile("^([\\p{L}][\\p{L} .'\\-]+?),?\\s+([A-Z]{1,2}\\d[A-Z\\d]?\\s?\\d[A-Z]{2})$");
    private static final Pattern STREET = Pattern.compile(".*(\\d+[a-zA-Z]?\\b.*\\p{L}{2,}|\\p{L}{2,}.*\\b\\d+[a-zA-Z]?)(?:\\s*[,/-].*)?$");

    private Addresses() {
    }

    /** The address in {@code lines} (top to bottom), if a locality line is among them; quality 1.0 with a street. */
    public static Optional<Match<Address>> parse(List<String> lines) {
        List<String> clean = new ArrayList<>();
        for (String line : lines) {
            String t = line.trim().replaceAll("\\s+", " ");
            if (!t.isEmpty()) {
                clean.add(t);
            }
        }
        for (int pass = 0; pass < 2; pass++) {
            for (int n = 0; n < clean.size(); n++) {
                int i = pass == 0 ? n : clean.size() - 1 - n;
                Optional<Match<Address>> found = at(clean, i, pass == 0);
                if (found.isPresent()) {
                    return found;
                }
            }
        }
        return Optional.empty();
    }

    /** The address whose locality line is {@code clean[i]}: US/UK forms ({@code foreign}) or postal code first. */
    private static Optional<Match<Address>> at(List<String> clean, int i, boolean foreign) {
        {
            String line = clean.get(i).replaceAll(",\\s*$", "");
            String city = null;
            String postal = null;
            String region = null;
            String country = null;
            Matcher m;
            if (!foreign && (m = CODE_FIRST.matcher(line)).matches()) {
                postal = m.group(2);
                city = m.group(3).trim();
                if (m.group(1) != null) {
                    country = Countries.isCode(m.group(1)) ? m.group(1) : null;
                }
                if (m.group(4) != null) {
                    country = Countries.find(m.group(4)).orElse(country);
                }
            } else if (foreign && (m = US.matcher(line)).matches()) {
                city = m.group(1).trim();
                region = m.group(2);
                postal = m.group(3);
                country = "US";
            } else if (foreign && (m = UK.matcher(line)).matches()) {
                city = m.group(1).trim();
                postal = m.group(2);
                country = "GB";
            } else {
                return Optional.empty();
            }
            String street = null;
            int first = i;
            if (i > 0 && STREET.matcher(clean.get(i - 1)).matches()) {
                street = clean.get(i - 1).replaceAll(",\\s*$", "");
                first = i - 1;
            }
            int last = i;
            if (i + 1 < clean.size()) {
                Optional<String> c = Countries.find(clean.get(i + 1));
                if (c.isPresent() && Text.words(clean.get(i + 1)).split(" ").length <= 4) {
                    country = c.get();
                    last = i + 1;
                }
            }
            return Optional.of(new Match<>(new Address(street, city, postal, region, country), first, last + 1,
                    street != null ? 1.0 : 0.7));
        }
    }
}
