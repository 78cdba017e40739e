package io.lamina.sheet.render;

import java.io.IOException;

/**
 * A cell's number as XML text ({@code xsd:double}), fast for the numbers sheets hold. {@code Double.toString} is
 * exact but slow on Java 17 and writes {@code 3.0} and {@code 1.0E7}; amounts, counts and rates have few decimals, so
 * the shortest plain decimal m × 10^-k (k ≤ {@value #MAX_DECIMALS}) that reads back as the very same double is tried
 * first. The check is exact: m / 10^k is one correctly rounded IEEE division of two exactly representable numbers,
 * which is what parsing the text "m × 10^-k" also yields.
 */
final class NumberText {

    static final int MAX_DECIMALS = 6;
    /** Below 2^53 every integer is a double and m × 10^k stays exact for the division. */
    private static final double EXACT = 9_007_199_254_740_992d;
    private static final double[] POWERS = {1, 10, 100, 1_000, 10_000, 100_000, 1_000_000};

    private NumberText() {
    }

    static void write(double value, Utf8FileWriter out) throws IOException {
        if (value == 0 && Double.doubleToRawLongBits(value) != 0 || Double.isNaN(value) || Double.isInfinite(value)) {
            out.write(Double.toString(value));
            return;
        }
        for (int k = 0; k <= MAX_DECIMALS; k++) {
            double scaled = value * POWERS[k];
            if (Math.abs(scaled) >= EXACT) {
                break;
            }
            long m = Math.round(scaled);
            if (m / POWERS[k] == value) {
                out.writeDecimal(m, k);
                return;
            }
        }
        out.write(Double.toString(value));
    }
}
