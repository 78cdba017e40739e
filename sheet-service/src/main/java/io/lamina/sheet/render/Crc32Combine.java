package io.lamina.sheet.render;

/**
 * The CRC-32 of two byte sequences one after the other, from their two CRCs and the second one's length, without
 * the bytes (the method of zlib's {@code crc32_combine}: appending n zero bytes to a CRC register is a linear map
 * over GF(2), applied by squaring a 32×32 bit matrix log2(n) times). Lets a zip entry be assembled from parts that
 * were checksummed separately ({@link SheetEntry}).
 */
final class Crc32Combine {

    /** The reflected CRC-32 polynomial (IEEE 802.3), as {@link java.util.zip.CRC32} uses it. */
    private static final long POLYNOMIAL = 0xEDB88320L;

    private Crc32Combine() {
    }

    /**
     * @param crc1 CRC-32 of the first sequence
     * @param crc2 CRC-32 of the second sequence
     * @param length2 length in bytes of the second sequence
     * @return CRC-32 of the first sequence followed by the second
     */
    static long combine(long crc1, long crc2, long length2) {
        if (length2 <= 0) {
            return crc1;
        }
        long[] even = new long[32];
        long[] odd = new long[32];
        // The operator for one zero bit.
        odd[0] = POLYNOMIAL;
        long row = 1;
        for (int n = 1; n < 32; n++) {
            odd[n] = row;
            row <<= 1;
        }
        square(even, odd); // two zero bits
        square(odd, even); // four zero bits
        long crc = crc1;
        long remaining = length2;
        // Each pass squares the operator: the first gives one zero byte, then 2, 4, 8, ... bytes.
        do {
            square(even, odd);
            if ((remaining & 1) != 0) {
                crc = times(even, crc);
            }
            remaining >>>= 1;
            if (remaining == 0) {
                break;
            }
            square(odd, even);
            if ((remaining & 1) != 0) {
                crc = times(odd, crc);
            }
            remaining >>>= 1;
        } while (remaining != 0);
        return (crc ^ crc2) & 0xFFFFFFFFL;
    }

    private static long times(long[] matrix, long vector) {
        long sum = 0;
        for (int i = 0; vector != 0; i++, vector >>>= 1) {
            if ((vector & 1) != 0) {
                sum ^= matrix[i];
            }
        }
        return sum;
    }

    private static void square(long[] result, long[] matrix) {
        for (int n = 0; n < 32; n++) {
            result[n] = times(matrix, matrix[n]);
        }
    }
}
