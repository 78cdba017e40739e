package io.lamina.image.codec;

import io.lamina.image.config.ImageSettings;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.awt.image.BufferedImage;
import java.time.Duration;
import java.util.Arrays;

import static io.lamina.image.testing.TestImages.BLUE;
import static io.lamina.image.testing.TestImages.GREEN;
import static io.lamina.image.testing.TestImages.RED;
import static io.lamina.image.testing.TestImages.WHITE;
import static io.lamina.image.testing.TestImages.assertPixel;
import static io.lamina.image.testing.TestImages.failure;
import static io.lamina.image.testing.TestImages.quadrants;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** AVIF and HEIF through libheif's tools (Debian package libheif-examples, listed in packages.txt). */
class HeifCodecTest {

    private final ImageDecoder decoder = new ImageDecoder(ImageSettings.defaults());

    private DecodedImage decode(byte[] data) {
        try (PixelBudget.Lease lease = PixelBudget.unlimited().lease()) {
            return decoder.decode(data, lease);
        }
    }

    @ParameterizedTest
    @EnumSource(value = ImageFormat.class, names = {"AVIF", "HEIF"})
    void roundTripsKeepingSizeAndColours(ImageFormat format) {
        BufferedImage image = quadrants(96, 64);
        byte[] bytes = ImageEncoder.encode(image, format, 90);
        assertEquals(format, ImageFormat.sniff(bytes, bytes.length).orElseThrow());
        DecodedImage back = decode(bytes);
        assertEquals(format, back.format());
        assertEquals(96, back.image().getWidth());
        assertEquals(64, back.image().getHeight());
        // Quadrant centres (away from the chroma-subsampled edges) keep their colour.
        assertPixel(RED, back.image(), 24, 16, 24);
        assertPixel(GREEN, back.image(), 72, 16, 24);
        assertPixel(BLUE, back.image(), 24, 48, 24);
        assertPixel(WHITE, back.image(), 72, 48, 24);
        int[] mean = meanRgb(back.image());
        int[] expected = meanRgb(image);
        for (int c = 0; c < 3; c++) {
            assertTrue(Math.abs(mean[c] - expected[c]) <= 6, "mean " + Arrays.toString(mean) + " vs "
                    + Arrays.toString(expected));
        }
    }

    @Test
    void tellsAvifFromHeifByTheirBrands() {
        assertEquals(ImageFormat.AVIF, sniff("mif1", "miaf", "avif"));
        assertEquals(ImageFormat.HEIF, sniff("mif1", "miaf", "heic"));
        assertEquals(ImageFormat.AVIF, sniff("avif", "mif1", "miaf"));
        assertEquals(ImageFormat.HEIF, sniff("heic", "mif1", "heic"));
    }

    private static ImageFormat sniff(String major, String... compatible) {
        int size = 16 + 4 * compatible.length;
        StringBuilder box = new StringBuilder().append("ftyp").append(major).append("\0\0\0\0");
        for (String brand : compatible) {
            box.append(brand);
        }
        byte[] head = new byte[size];
        head[3] = (byte) size;
        byte[] rest = box.toString().getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);
        System.arraycopy(rest, 0, head, 4, rest.length);
        return ImageFormat.sniff(head, head.length).orElseThrow();
    }

    @Test
    void lowerQualityMakesSmallerFiles() {
        BufferedImage photo = io.lamina.image.testing.TestImages.noise(128, 128, 3);
        int high = ImageEncoder.encode(photo, ImageFormat.AVIF, 95).length;
        int low = ImageEncoder.encode(photo, ImageFormat.AVIF, 20).length;
        assertTrue(low < high, low + " vs " + high);
    }

    @Test
    void checksThePixelLimitBeforeTheDecoderRuns() {
        byte[] avif = ImageEncoder.encode(quadrants(32, 32), ImageFormat.AVIF, 80);
        int ispe = indexOf(avif, "ispe");
        // width and height become 30000 × 30000 in the container's size box
        byte[] huge = avif.clone();
        for (int at : new int[]{ispe + 8, ispe + 12}) {
            huge[at] = 0;
            huge[at + 1] = 0;
            huge[at + 2] = (byte) (30000 >> 8);
            huge[at + 3] = (byte) (30000 & 0xFF);
        }
        assertTrue(failure("limit_exceeded", () -> decode(huge)).contains("900000000 pixels"));
    }

    @Test
    void truncatedFilesAreMalformed() {
        byte[] avif = ImageEncoder.encode(quadrants(64, 64), ImageFormat.AVIF, 80);
        assertTrue(failure("malformed_image", () -> decode(Arrays.copyOf(avif, avif.length - 40)))
                .startsWith("the avif file could not be decoded"));
    }

    @Test
    void aToolThatRunsTooLongIsStopped() {
        BufferedImage big = io.lamina.image.testing.TestImages.noise(1024, 1024, 5);
        assertTrue(failure("limit_exceeded", () -> HeifCodec.encode(big, ImageFormat.AVIF, 90, Duration.ofMillis(1)))
                .contains("lamina.images.heif-timeout"));
    }

    private static int[] meanRgb(BufferedImage image) {
        long r = 0, g = 0, b = 0;
        for (int y = 0; y < image.getHeight(); y++) {
            for (int x = 0; x < image.getWidth(); x++) {
                int p = image.getRGB(x, y);
                r += (p >> 16) & 0xFF;
                g += (p >> 8) & 0xFF;
                b += p & 0xFF;
            }
        }
        long n = (long) image.getWidth() * image.getHeight();
        return new int[]{(int) (r / n), (int) (g / n), (int) (b / n)};
    }

    private static int indexOf(byte[] data, String fourcc) {
        outer:
        for (int i = 0; i + 4 <= data.length; i++) {
            for (int k = 0; k < 4; k++) {
                if (data[i + k] != fourcc.charAt(k)) {
                    continue outer;
                }
            }
            return i;
        }
        throw new AssertionError(fourcc + " not found");
    }
}
