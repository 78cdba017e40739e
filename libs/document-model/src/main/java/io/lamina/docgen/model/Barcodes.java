package io.lamina.docgen.model;

/** What each barcode symbology can encode; shared by the validator and the renderers. */
public final class Barcodes {

    private Barcodes() {
    }

    /** A problem with {@code value} for {@code format}, or null when it can be encoded. */
    public static String check(String format, String value) {
        return switch (format) {
            case "ean13" -> ean(value, 13);
            case "ean8" -> ean(value, 8);
            case "itf" -> value.matches("(\\d\\d)+") ? null : "ITF encodes an even number of digits";
            case "code39" -> value.matches("[0-9A-Z \\-.$/+%]+") ? null
                    : "Code 39 encodes digits, upper-case letters, space and - . $ / + %";
            case "codabar" -> value.matches("[A-Da-d]?[0-9\\-$:/.+]+[A-Da-d]?") ? null
                    : "Codabar encodes digits and - $ : / . + (optionally between start/stop letters A-D)";
            case "code128" -> value.length() <= 80 && value.chars().allMatch(c -> c >= 32 && c < 127) ? null
                    : "Code 128 encodes up to 80 printable ASCII characters";
            default -> "unknown barcode format";
        };
    }

    /** The full EAN code with its check digit, given 12/7 digits or 13/8 digits with a correct check digit. */
    public static String eanWithCheckDigit(String value) {
        return value.length() == 12 || value.length() == 7 ? value + checkDigit(value) : value;
    }

    private static String ean(String value, int length) {
        if (!value.matches("\\d+") || (value.length() != length && value.length() != length - 1)) {
            return "EAN-" + length + " encodes " + (length - 1) + " digits (the check digit is added) or " + length
                    + " digits with a correct check digit";
        }
        if (value.length() == length) {
            char expected = checkDigit(value.substring(0, length - 1));
            if (value.charAt(length - 1) != expected) {
                return "the check digit is " + value.charAt(length - 1) + " but should be " + expected;
            }
        }
        return null;
    }

    private static char checkDigit(String digits) {
        int sum = 0;
        for (int i = 0; i < digits.length(); i++) {
            int d = digits.charAt(digits.length() - 1 - i) - '0';
            sum += i % 2 == 0 ? d * 3 : d;
        }
        return (char) ('0' + (10 - sum % 10) % 10);
    }
}
