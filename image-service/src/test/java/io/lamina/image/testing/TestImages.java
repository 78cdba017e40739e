package io.lamina.image.testing;

import io.lamina.image.codec.Pixels;
import io.lamina.ops.runtime.OperationException;
import org.junit.jupiter.api.function.Executable;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.util.zip.CRC32;
import java.util.zip.Deflater;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Images with known pixels for golden tests, and pixel assertions with tolerances. */
public final class TestImages {

    public static final int RED = 0xFFFF0000;
    public static final int GREEN = 0xFF00FF00;
    public static final int BLUE = 0xFF0000FF;
    public static final int WHITE = 0xFFFFFFFF;
    public static final int BLACK = 0xFF000000;

    private TestImages() {
    }

    public static BufferedImage filled(int w, int h, int color, boolean alpha) {
        BufferedImage image = Pixels.blank(w, h, alpha);
        java.util.Arrays.fill(Pixels.data(image), color);
        return image;
    }

    /** Four quadrants: red (top left), green (top right), blue (bottom left), white (bottom right). */
    public static BufferedImage quadrants(int w, int h) {
        BufferedImage image = Pixels.blank(w, h, false);
        int[] px = Pixels.data(image);
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                px[y * w + x] = y < h / 2 ? (x < w / 2 ? RED : GREEN) : (x < w / 2 ? BLUE : WHITE);
            }
        }
        return image;
    }

    /** Left half {@code left}, right half {@code right}. */
    public static BufferedImage halves(int w, int h, int left, int right) {
        BufferedImage image = Pixels.blank(w, h, false);
        int[] px = Pixels.data(image);
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                px[y * w + x] = x < w / 2 ? left : right;
            }
        }
        return image;
    }

    /** Uniform random grey noise (seeded). */
    public static BufferedImage noise(int w, int h, long seed) {
        java.util.Random random = new java.util.Random(seed);
        BufferedImage image = Pixels.blank(w, h, false);
        int[] px = Pixels.data(image);
        for (int i = 0; i < px.length; i++) {
            int v = random.nextInt(256);
            px[i] = 0xFF000000 | v << 16 | random.nextInt(256) << 8 | v;
        }
        return image;
    }

    public static int pixel(BufferedImage image, int x, int y) {
        return image.getRGB(x, y);
    }

    /** Each channel (alpha included) within {@code tolerance}. */
    public static void assertPixel(int expected, int actual, int tolerance, String where) {
        int[] shifts = {24, 16, 8, 0};
        for (int s : shifts) {
            int e = (expected >>> s) & 0xFF;
            int a = (actual >>> s) & 0xFF;
            assertTrue(Math.abs(e - a) <= tolerance, () -> String.format("%s: expected %08X, got %08X (±%d)", where,
                    expected, actual, tolerance));
        }
    }

    public static void assertPixel(int expected, BufferedImage image, int x, int y, int tolerance) {
        assertPixel(expected, image.getRGB(x, y), tolerance, "pixel (" + x + ", " + y + ")");
    }

    /** Runs {@code body}, expects an {@link OperationException} with {@code code}, returns its message. */
    public static String failure(String code, Executable body) {
        OperationException e = assertThrows(OperationException.class, body);
        assertEquals(code, e.error().code(), e.getMessage());
        return e.getMessage();
    }

    /** A PNG file by hand: greyscale 8-bit, every pixel 0, whatever size the header claims. */
    public static byte[] greyPng(int width, int height, int rowsOfData) {
        ByteArrayOutputStream raw = new ByteArrayOutputStream();
        Deflater deflater = new Deflater(9);
        byte[] row = new byte[width + 1];
        byte[] buffer = new byte[64 * 1024];
        for (int y = 0; y < rowsOfData; y++) {
            deflater.setInput(row);
            while (!deflater.needsInput()) {
                int n = deflater.deflate(buffer);
                raw.write(buffer, 0, n);
            }
        }
        deflater.finish();
        while (!deflater.finished()) {
            int n = deflater.deflate(buffer);
            raw.write(buffer, 0, n);
        }
        ByteArrayOutputStream png = new ByteArrayOutputStream();
        png.writeBytes(new byte[]{(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'});
        ByteBuffer ihdr = ByteBuffer.allocate(13).putInt(width).putInt(height).put((byte) 8).put((byte) 0)
                .put((byte) 0).put((byte) 0).put((byte) 0);
        chunk(png, "IHDR", ihdr.array());
        chunk(png, "IDAT", raw.toByteArray());
        chunk(png, "IEND", new byte[0]);
        return png.toByteArray();
    }

    private static void chunk(ByteArrayOutputStream out, String type, byte[] data) {
        out.writeBytes(ByteBuffer.allocate(4).putInt(data.length).array());
        byte[] t = type.getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        out.writeBytes(t);
        out.writeBytes(data);
        CRC32 crc = new CRC32();
        crc.update(t);
        crc.update(data);
        out.writeBytes(ByteBuffer.allocate(4).putInt((int) crc.getValue()).array());
    }
}
