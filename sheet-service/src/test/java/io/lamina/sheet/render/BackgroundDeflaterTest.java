package io.lamina.sheet.render;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.util.Arrays;
import java.util.Random;
import java.util.zip.CRC32;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class BackgroundDeflaterTest {

    /** Inflates raw deflate data that may end in a sync flush rather than a final block. */
    private static byte[] inflate(byte[] deflated) throws DataFormatException {
        Inflater inflater = new Inflater(true);
        inflater.setInput(deflated);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buffer = new byte[8192];
        while (!inflater.finished() && !inflater.needsInput()) {
            out.write(buffer, 0, inflater.inflate(buffer));
        }
        inflater.end();
        return out.toByteArray();
    }

    @Test
    void compressesEverythingWrittenInAnyPieceSizeAndCountsIt() throws Exception {
        Random random = new Random(7);
        ByteArrayOutputStream expected = new ByteArrayOutputStream();
        ByteArrayOutputStream sink = new ByteArrayOutputStream();
        BackgroundDeflater deflater = new BackgroundDeflater(sink, 1);
        for (int i = 0; i < 20_000; i++) {
            byte[] piece = ("<row r=\"" + i + "\"><c t=\"n\"><v>" + random.nextInt() + "</v></c></row>").getBytes();
            if (i % 3 == 0) {
                for (byte b : piece) {
                    deflater.write(b);
                }
            } else {
                deflater.write(piece, 0, piece.length);
            }
            expected.write(piece);
        }
        byte[] big = new byte[300_000];
        random.nextBytes(big);
        deflater.write(big);
        expected.write(big);
        deflater.close();
        deflater.close();

        byte[] plain = expected.toByteArray();
        byte[] compressed = sink.toByteArray();
        assertArrayEquals(plain, inflate(compressed));
        CRC32 crc = new CRC32();
        crc.update(plain);
        assertEquals(crc.getValue(), deflater.crc());
        assertEquals(plain.length, deflater.size());
        assertEquals(compressed.length, deflater.compressedSize());
        // A sync flush ends on the empty stored block 00 00 FF FF, so more deflate data may follow.
        assertArrayEquals(new byte[] {0, 0, (byte) 0xFF, (byte) 0xFF},
                Arrays.copyOfRange(compressed, compressed.length - 4, compressed.length));
    }

    @Test
    void partsJoinIntoOneDeflateStream() throws Exception {
        ByteArrayOutputStream sink = new ByteArrayOutputStream();
        BackgroundDeflater deflater = new BackgroundDeflater(sink, 6);
        byte[] middle = "<row r=\"2\"/>".repeat(10_000).getBytes();
        deflater.write(middle);
        deflater.close();
        byte[] head = SheetEntry.deflate("<worksheet><sheetData>".getBytes(), 6, false);
        byte[] tail = SheetEntry.deflate("</sheetData></worksheet>".getBytes(), 6, true);
        ByteArrayOutputStream joined = new ByteArrayOutputStream();
        joined.write(head);
        joined.write(sink.toByteArray());
        joined.write(tail);
        Inflater inflater = new Inflater(true);
        inflater.setInput(joined.toByteArray());
        byte[] out = new byte[middle.length + 100];
        int n = inflater.inflate(out);
        assertTrue(inflater.finished(), "the last part ends the stream");
        assertEquals("<worksheet><sheetData>" + new String(middle) + "</sheetData></worksheet>", new String(out, 0, n));
    }

    @Test
    void aFailingSinkSurfacesAsAnIOException() {
        OutputStream broken = new OutputStream() {
            @Override
            public void write(int b) throws IOException {
                throw new IOException("disk full");
            }

            @Override
            public void write(byte[] b, int off, int len) throws IOException {
                throw new IOException("disk full");
            }
        };
        BackgroundDeflater deflater = new BackgroundDeflater(broken, 1);
        byte[] noise = new byte[1 << 20];
        new Random(1).nextBytes(noise);
        IOException e = assertThrows(IOException.class, () -> {
            for (int i = 0; i < 64; i++) {
                deflater.write(noise);
            }
            deflater.close();
        });
        assertTrue(e.getMessage().contains("disk full") || e.getMessage().contains("ended"), e.getMessage());
    }
}
