package io.lamina.extraction.model.parse;

import java.math.BigInteger;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** IBANs: the country's length and the ISO 13616 mod-97 checksum. */
public final class Iban {

    private static final Map<String, Integer> LENGTHS = new HashMap<>();
    /** Countries whose BBAN is digits only: there OCR confusions (O/0, I/1, S/5, B/8) can be repaired. */
    private static final Set<String> NUMERIC_BBAN = Set.of("DE", "AT", "BE", "DK", "FI", "NO", "SE", "ES", "PL", "PT",
            "SK", "CZ", "HR", "SI", "EE", "LT", "HU", "RS", "TN", "TR");
    private static final Pattern CANDIDATE = Pattern.compile("(?<![A-Za-z0-9])([A-Z]{2}\\s?[0-9OIlSB]{2}(?:[\\s-]?[A-Z0-9]){10,32})(?![A-Za-z0-9])");

    static {
        String table = "AD24 AE23 AL28 AT20 AZ28 BA20 BE16 BG22 BH22 BR29 BY28 CH21 CR22 CY28 CZ24 DE22 DK18 DO28 EE20 "
                + "EG29 ES24 FI18 FO18 FR27 GB22 GE22 GI23 GL18 GR27 GT28 HR21 HU28 IE22 IL23 IQ23 IS26 IT27 JO30 KW30 "
                + "KZ20 LB28 LC32 LI21 LT20 LU20 LV21 MC27 MD24 ME22 MK19 MR27 MT31 MU30 NL18 NO15 PK24 PL28 PS29 PT25 "
                + "QA29 RO24 RS22 SA24 SC31 SE24 SI19 SK24 SM27 ST25 SV28 TL23 TN24 TR26 UA29 VA22 VG24 XK20";
        for (String entry : table.split(" ")) {
            LENGTHS.put(entry.substring(0, 2), Integer.parseInt(entry.substring(2)));
        }
    }

    private Iban() {
    }

    /** Whether {@code iban} (spaces allowed) has its country's length and a valid checksum. */
    public static boolean isValid(String iban) {
        String s = iban.replaceAll("\\s", "").toUpperCase();
        if (!s.matches("[A-Z]{2}\\d{2}[A-Z0-9]{11,30}")) {
            return false;
        }
        Integer length = LENGTHS.get(s.substring(0, 2));
        if (length == null ? s.length() < 15 || s.length() > 34 : s.length() != length) {
            return false;
        }
        String rearranged = s.substring(4) + s.substring(0, 4);
        StringBuilder digits = new StringBuilder();
        for (char c : rearranged.toCharArray()) {
            digits.append(Character.isDigit(c) ? String.valueOf(c) : String.valueOf(c - 'A' + 10));
        }
        return new BigInteger(digits.toString()).mod(BigInteger.valueOf(97)).intValue() == 1;
    }

    /** The first valid IBAN in {@code text}, normalised (no spaces, upper case); a repaired one has quality 0.8. */
    public static Optional<Match<String>> find(String text) {
        Matcher m = CANDIDATE.matcher(text);
        while (m.find()) {
            String raw = m.group(1);
            String compact = raw.replaceAll("[\\s-]", "");
            Integer length = LENGTHS.get(compact.substring(0, 2));
            for (int len = Math.min(compact.length(), 34); len >= 15; len--) {
                if (length != null && len != length) {
                    continue;
                }
                String candidate = compact.substring(0, len);
                int end = endOf(raw, len);
                if (isValid(candidate)) {
                    return Optional.of(new Match<>(candidate, m.start(1), m.start(1) + end, 1.0));
                }
                String repaired = repair(candidate);
                if (repaired != null && isValid(repaired)) {
                    return Optional.of(new Match<>(repaired, m.start(1), m.start(1) + end, 0.8));
                }
            }
        }
        return Optional.empty();
    }

    private static int endOf(String raw, int compactLength) {
        int seen = 0;
        for (int i = 0; i < raw.length(); i++) {
            if (!Character.isWhitespace(raw.charAt(i)) && raw.charAt(i) != '-' && ++seen == compactLength) {
                return i + 1;
            }
        }
        return raw.length();
    }

    private static String repair(String candidate) {
        String country = candidate.substring(0, 2);
        StringBuilder out = new StringBuilder(country);
        boolean digitsOnly = NUMERIC_BBAN.contains(country);
        for (int i = 2; i < candidate.length(); i++) {
            char c = candidate.charAt(i);
            if (i < 4 || digitsOnly) {
                c = switch (c) {
                    case 'O' -> '0';
                    case 'I', 'l' -> '1';
                    case 'S' -> '5';
                    case 'B' -> '8';
                    default -> c;
                };
            }
            out.append(c);
        }
        String repaired = out.toString();
        return repaired.equals(candidate) ? null : repaired;
    }
}
