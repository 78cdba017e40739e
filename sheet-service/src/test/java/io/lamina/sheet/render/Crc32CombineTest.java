package io.lamina.sheet.render;

import org.junit.jupiter.api.Test;

import java.util.Random;
import java.util.zip.CRC32;

import static org.junit.jupiter.api.Assertions.assertEquals;

class Crc32CombineTest {

    private static long crc(byte[] bytes, int from, int to) {
        CRC32 crc = new CRC32();
        crc.update(bytes, from, to - from);
        return crc.getValue();
    }

    @Test
    void equalsTheCrcOfTheConcatenationForAnySplit() {
        Random random = new Random(42);
        for (int length : new int[] {0, 1, 2, 7, 64, 1000, 65_537, 300_001}) {
            byte[] bytes = new byte[length];
            random.nextBytes(bytes);
            long whole = crc(bytes, 0, length);
            for (int split : new int[] {0, length / 3, length / 2, length}) {
                long combined = Crc32Combine.combine(crc(bytes, 0, split), crc(bytes, split, length), length - split);
                assertEquals(whole, combined, "length " + length + " split at " + split);
            }
        }
    }

    @Test
    void combinesThreeParts() {
        byte[] bytes = "<sheetData>\n<row r=\"1\"/></sheetData><mergeCells/>".getBytes();
        long crc = Crc32Combine.combine(crc(bytes, 0, 12), crc(bytes, 12, 24), 12);
        crc = Crc32Combine.combine(crc, crc(bytes, 24, bytes.length), bytes.length - 24);
        assertEquals(crc(bytes, 0, bytes.length), crc);
    }
}
