package io.lamina.image.model;

import java.util.regex.Pattern;

/** What each barcode symbology can encode, so a value it cannot carry is refused at submit time. */
public final class BarcodeValues {

    private static final Pattern DIGITS = Pattern.compile("[0-9]+");
    private static final Pattern CODE39 = Pattern.compile("[0-9A-Z \\-.$/+%]+");
    private static final Pattern CODABAR = Pattern.compile("([A-D])?[0-9\\-$:/.+]+([A-D])?");

    private BarcodeValues() {
    }

    /** Why {@code value} cannot be encoded as {@code format}, or null when it can. */
    public static String problem(String format, String value) {
        return switch (format) {
            case "ean13" -> ean(value, 13);
            case "ean8" -> ean(value, 8);
            case "itf" -> DIGITS.matcher(value).matches() && value.length() % 2 == 0 ? null
                    : "itf encodes an even number of digits";
            case "code39" -> CODE39.matcher(value).matches() ? null
                    : "code39 encodes only A-Z, 0-9, space and - . $ / + %";
            case "codabar" -> CODABAR.matcher(value).matches() ? null
                    : "codabar encodes digits and - $ : / . +, optionally between start/stop letters A-D";
            case "code128" -> value.chars().allMatch(c -> c < 128) ? null : "code128 encodes ASCII characters only";
            default -> null;
        };
    }

    private static String ean(String value, int length) {
        if (!DIGITS.matcher(value).matches() || (value.length() != length && value.length() != length - 1)) {
            return "ean" + length + " encodes " + (length - 1) + " digits (or " + length + " with its check digit)";
        }
        if (value.length() == length && checkDigit(value.substring(0, length - 1)) != value.charAt(length - 1) - '0') {
            return "the check digit should be " + checkDigit(value.substring(0, length - 1));
        }
        return null;
    }

    /** GS1 check digit: weights 3 and 1 from the right. */
    public static int checkDigit(String digits) {
        int sum = 0;
        for (int i = 0; i < digits.length(); i++) {
            int d = digits.charAt(digits.length() - 1 - i) - '0';
            sum += i % 2 == 0 ? 3 * d : d;
        }
        return (10 - sum % 10) % 10;
    }
}
