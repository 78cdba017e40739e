package io.lamina.image.codec;

import io.lamina.image.config.ImageSettings;
import io.lamina.image.transform.Geometry;
import io.lamina.ops.runtime.OperationException;
import org.junit.jupiter.api.Test;

import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.ImageOutputStream;
import java.awt.color.ColorSpace;
import java.awt.color.ICC_Profile;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

import static io.lamina.image.testing.TestImages.BLUE;
import static io.lamina.image.testing.TestImages.GREEN;
import static io.lamina.image.testing.TestImages.RED;
import static io.lamina.image.testing.TestImages.WHITE;
import static io.lamina.image.testing.TestImages.assertPixel;
import static io.lamina.image.testing.TestImages.failure;
import static io.lamina.image.testing.TestImages.quadrants;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/** The streaming shrink-on-load: exact area averages, the JPEG decode into it, and its fallbacks. */
class StreamingDecodeTest {

    private final ImageDecoder decoder = new ImageDecoder(ImageSettings.defaults());
    private final PixelBudget budget = new PixelBudget(60_000_000, Duration.ZERO);

    @Test
    void averagesWholeAndPartlyCoveredPixelsByTheirArea() {
        // 4 → 2: plain pairs; 3 → 2: the middle pixel counts half in each output pixel.
        AreaAverager pairs = new AreaAverager(4, 1, 2, 1, 1);
        pairs.row(0, new byte[]{10, 20, 30, 50}, 0, 1, new int[]{0});
        assertArrayEquals(new byte[]{15, 40}, gray(pairs.image()));
        AreaAverager thirds = new AreaAverager(3, 1, 2, 1, 1);
        thirds.row(0, new byte[]{0, 90, (byte) 180}, 0, 1, new int[]{0});
        assertArrayEquals(new byte[]{30, (byte) 150}, gray(thirds.image()));
        // and the same vertically, through the sample path
        AreaAverager column = new AreaAverager(1, 3, 1, 2, 1);
        int[] values = {0, 90, 180};
        for (int y = 0; y < 3; y++) {
            column.row(y, new int[]{values[y]}, 0);
        }
        assertTrue(column.complete());
        assertArrayEquals(new byte[]{30, (byte) 150}, gray(column.image()));
    }

    @Test
    void matchesAnExactAreaAverageWithinRounding() {
        Random random = new Random(11);
        int sw = 37, sh = 23, ow = 10, oh = 7;
        for (int bands : new int[]{1, 3}) {
            int[][] src = new int[sh][sw * bands];
            for (int[] row : src) {
                for (int i = 0; i < row.length; i++) {
                    row[i] = random.nextInt(256);
                }
            }
            AreaAverager bytes = new AreaAverager(sw, sh, ow, oh, bands);
            AreaAverager samples = new AreaAverager(sw, sh, ow, oh, bands);
            int[] offsets = bands == 1 ? new int[]{0} : new int[]{2, 1, 0};
            for (int y = 0; y < sh; y++) {
                // bytes stored B, G, R with one byte of padding per pixel and a row offset
                int stride = bands + 1;
                byte[] data = new byte[5 + sw * stride];
                for (int x = 0; x < sw; x++) {
                    for (int b = 0; b < bands; b++) {
                        data[5 + x * stride + offsets[b]] = (byte) src[y][x * bands + b];
                    }
                }
                bytes.row(y, data, 5, stride, offsets);
                samples.row(y, src[y], 0);
            }
            for (int oy = 0; oy < oh; oy++) {
                for (int ox = 0; ox < ow; ox++) {
                    for (int b = 0; b < bands; b++) {
                        double expected = reference(src, sw, sh, ow, oh, bands, ox, oy, b);
                        assertEquals(expected, band(bytes.image(), ox, oy, b), 0.5 + 1e-9, "bytes " + bands);
                        assertEquals(expected, band(samples.image(), ox, oy, b), 0.5 + 1e-9, "samples " + bands);
                    }
                }
            }
        }
    }

    @Test
    void startsOverWhenAProgressivePassBeginsAgain() {
        AreaAverager sink = new AreaAverager(2, 2, 1, 1, 1);
        sink.row(0, new byte[]{0, 0}, 0, 1, new int[]{0});
        sink.row(1, new byte[]{0, 0}, 0, 1, new int[]{0});
        sink.row(0, new byte[]{100, 100}, 0, 1, new int[]{0});
        sink.row(1, new byte[]{100, (byte) 200}, 0, 1, new int[]{0});
        assertTrue(sink.complete());
        assertEquals(125, gray(sink.image())[0] & 0xFF);
        AreaAverager skipping = new AreaAverager(2, 4, 1, 1, 1);
        skipping.row(0, new byte[]{0, 0}, 0, 1, new int[]{0});
        try {
            skipping.row(2, new byte[]{0, 0}, 0, 1, new int[]{0});
            fail("a skipped row must stop the streaming decode");
        } catch (AreaAverager.NotStreamable expected) {
            // the decoder falls back to the whole decode
        }
    }

    @Test
    void streamsAShrinkingJpegStraightToTheTargetSize() throws IOException {
        byte[] jpeg = ImageEncoder.encode(photo(1200, 800), ImageFormat.JPEG, 92);
        DecodedImage streamed = decode(jpeg, 300, 200);
        assertEquals(300, streamed.image().getWidth());
        assertEquals(200, streamed.image().getHeight());
        assertEquals(1200, streamed.sourceWidth());
        assertEquals(1, streamed.subsampling(), "averaged, not point-subsampled");
        // Against the exact area average (in doubles) of the whole decoded JPEG: equal up to rounding.
        BufferedImage exact;
        try (PixelBudget.Lease lease = budget.lease()) {
            exact = exactAverage(decoder.decode(jpeg, lease).image(), 300, 200);
        }
        double[] error = difference(streamed.image(), exact);
        assertTrue(error[0] < 0.05 && error[1] <= 1, "streamed vs exact " + Arrays.toString(error));
        // The previous path (point subsampling by 2, then Thumbnailator's resize) gives the same picture, less
        // exactly: it aliases at hard edges.
        BufferedImage previous;
        try (PixelBudget.Lease lease = budget.lease()) {
            previous = Geometry.resize(decoder.decode(jpeg, (w, h) -> 2, lease).image(), 300, 200, "fill");
        }
        double[] previousError = difference(previous, exact);
        assertTrue(difference(streamed.image(), previous)[0] < 2.0, "streamed vs previous");
        assertTrue(previousError[0] > 0.5 && previousError[1] > 8, "previous vs exact " + Arrays.toString(previousError));
    }

    @Test
    void keepsQuadrantsExactThroughTheAverage() throws IOException {
        DecodedImage decoded = decode(ImageEncoder.encode(quadrants(800, 600), ImageFormat.JPEG, 95), 200, 150);
        assertPixel(RED, decoded.image(), 40, 30, 6);
        assertPixel(GREEN, decoded.image(), 160, 30, 6);
        assertPixel(BLUE, decoded.image(), 40, 120, 6);
        assertPixel(WHITE, decoded.image(), 160, 120, 6);
    }

    @Test
    void turnsAStreamedImageUprightByItsExifOrientation() throws IOException {
        byte[] jpeg = ImageDecoderTest.withOrientation(
                ImageEncoder.encode(quadrants(400, 200), ImageFormat.JPEG, 95), 6);
        // upright it is 200×400; the plan is asked in upright terms
        DecodedImage decoded = decode(jpeg, 100, 200);
        assertEquals(100, decoded.image().getWidth());
        assertEquals(200, decoded.image().getHeight());
        assertEquals(200, decoded.sourceWidth());
        assertEquals(400, decoded.sourceHeight());
        // turned clockwise: the red top-left quadrant is now top right, blue bottom-left is top left
        assertPixel(BLUE, decoded.image(), 25, 50, 8);
        assertPixel(RED, decoded.image(), 75, 50, 8);
        assertPixel(WHITE, decoded.image(), 25, 150, 8);
        assertPixel(GREEN, decoded.image(), 75, 150, 8);
    }

    @Test
    void streamsGreyJpegsAsGrey() throws IOException {
        BufferedImage grey = new BufferedImage(300, 200, BufferedImage.TYPE_BYTE_GRAY);
        grey.getRaster().setSamples(0, 0, 150, 200, 0, filled(150 * 200, 40));
        grey.getRaster().setSamples(150, 0, 150, 200, 0, filled(150 * 200, 220));
        DecodedImage decoded = decode(ImageEncoder.encode(grey, ImageFormat.JPEG, 95), 60, 40);
        assertEquals(BufferedImage.TYPE_BYTE_GRAY, decoded.image().getType());
        assertEquals(40, decoded.image().getRaster().getSample(10, 20, 0), 3);
        assertEquals(220, decoded.image().getRaster().getSample(50, 20, 0), 3);
    }

    @Test
    void streamsProgressiveJpegsFromTheirLastPass() throws Exception {
        BufferedImage photo = photo(640, 480);
        byte[] progressive = progressiveJpeg(photo);
        byte[] baseline = ImageEncoder.encode(photo, ImageFormat.JPEG, 95);
        double[] diff = difference(decode(progressive, 160, 120).image(), decode(baseline, 160, 120).image());
        assertTrue(diff[0] < 0.5 && diff[1] <= 4, Arrays.toString(diff));
    }

    @Test
    void decodesProfiledJpegsTheWholeWay() throws IOException {
        // a non-sRGB ICC profile needs TwelveMonkeys' colour conversion, which the stream does not follow
        byte[] jpeg = withIccProfile(ImageEncoder.encode(quadrants(400, 300), ImageFormat.JPEG, 95),
                ICC_Profile.getInstance(ColorSpace.CS_LINEAR_RGB));
        DecodedImage decoded = decode(jpeg, 100, 75);
        assertEquals(2, decoded.subsampling(), "decoded whole, point-subsampled for the resize to finish");
        assertEquals(200, decoded.image().getWidth());
        assertTrue(decoded.image().getColorModel().getColorSpace().isCS_sRGB());
    }

    @Test
    void readsTheFileThroughAWindowNotWhole() throws IOException {
        byte[] jpeg = ImageEncoder.encode(photo(1600, 1200), ImageFormat.JPEG, 90);
        AtomicInteger opened = new AtomicInteger();
        ImageSource source = new ImageSource() {
            @Override
            public long size() {
                return jpeg.length;
            }

            @Override
            public InputStream open() {
                opened.incrementAndGet();
                return new ByteArrayInputStream(jpeg);
            }

            @Override
            public byte[] readAll() {
                throw new AssertionError("the streaming decode must not read the file whole");
            }
        };
        try (PixelBudget.Lease lease = budget.lease()) {
            DecodedImage decoded = decoder.decode(source, plan(200, 150), lease);
            assertEquals(200, decoded.image().getWidth());
        }
        assertTrue(opened.get() <= 3, "opened " + opened.get() + " times");
    }

    @Test
    void failsDamagedStreamsLikeWholeDecodes() {
        byte[] full = ImageEncoder.encode(photo(400, 300), ImageFormat.JPEG, 90);
        byte[] truncated = Arrays.copyOf(full, full.length / 2);
        failure("malformed_image", () -> decode(truncated, 100, 75));
        byte[] valid = ImageEncoder.encode(quadrants(96, 64), ImageFormat.JPEG, 80);
        Random random = new Random(4242);
        Set<String> allowed = Set.of("malformed_image", "unsupported_format", "limit_exceeded");
        for (int round = 0; round < 60; round++) {
            byte[] fuzzed = valid.clone();
            for (int i = 0, flips = 1 + random.nextInt(8); i < flips; i++) {
                fuzzed[2 + random.nextInt(fuzzed.length - 2)] = (byte) random.nextInt(256);
            }
            try {
                assertTrue(decode(fuzzed, 24, 16).image().getWidth() > 0);
            } catch (OperationException e) {
                assertTrue(allowed.contains(e.error().code()), e.error().code() + ": " + e.getMessage());
            } catch (Throwable t) {
                fail("round " + round + " escaped with " + t, t);
            }
        }
    }

    @Test
    void windowedStreamReadsLikeTheBytesThemselves() throws IOException {
        byte[] data = new byte[300_000];
        new Random(3).nextBytes(data);
        Random random = new Random(5);
        try (SourceImageInputStream in = new SourceImageInputStream(ImageSource.of(data))) {
            assertEquals(data.length, in.length());
            for (int i = 0; i < 200; i++) {
                long at = random.nextInt(data.length);
                in.seek(at);
                byte[] got = new byte[1 + random.nextInt(100_000)];
                int n = in.read(got);
                assertTrue(n > 0);
                assertArrayEquals(Arrays.copyOfRange(data, (int) at, (int) at + n), Arrays.copyOf(got, n));
                assertEquals(at + n, in.getStreamPosition());
            }
            in.seek(data.length - 1);
            assertEquals(data[data.length - 1] & 0xFF, in.read());
            assertEquals(-1, in.read());
        }
    }

    // --- helpers

    private DecodedImage decode(byte[] jpeg, int width, int height) throws IOException {
        try (PixelBudget.Lease lease = budget.lease()) {
            return decoder.decode(ImageSource.of(jpeg), plan(width, height), lease);
        }
    }

    /** Shrinks to exactly {@code width × height} (whatever the source), or by a whole factor when it cannot stream. */
    private static ImageDecoder.Plan plan(int width, int height) {
        return new ImageDecoder.Plan() {
            @Override
            public int[] target(int w, int h) {
                return new int[]{width, height};
            }

            @Override
            public int subsampling(int w, int h) {
                return Math.max(1, Math.min(w / (2 * width), h / (2 * height)));
            }
        };
    }

    /** Smooth gradients, a few discs and mild noise: something like a photo. */
    static BufferedImage photo(int w, int h) {
        BufferedImage image = Pixels.blank(w, h, false);
        int[] px = Pixels.data(image);
        Random random = new Random(w * 31L + h);
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                int r = 255 * x / w;
                int g = 255 * y / h;
                int b = 128 + (int) (100 * Math.sin(x / 37.0) * Math.cos(y / 23.0));
                double dx = x - w * 0.6, dy = y - h * 0.4;
                if (dx * dx + dy * dy < (h / 5.0) * (h / 5.0)) {
                    r = 250;
                    g = 240;
                    b = 40;
                }
                int n = random.nextInt(9) - 4;
                px[y * w + x] = 0xFF000000 | clamp(r + n) << 16 | clamp(g + n) << 8 | clamp(b + n);
            }
        }
        return image;
    }

    private static int clamp(int v) {
        return Math.max(0, Math.min(255, v));
    }

    private static int[] filled(int n, int v) {
        int[] a = new int[n];
        Arrays.fill(a, v);
        return a;
    }

    private static byte[] gray(BufferedImage image) {
        return ((java.awt.image.DataBufferByte) image.getRaster().getDataBuffer()).getData();
    }

    /** Band {@code b} (0 = red, or grey) of a pixel. */
    private static int band(BufferedImage image, int x, int y, int b) {
        if (image.getType() == BufferedImage.TYPE_BYTE_GRAY) {
            return image.getRaster().getSample(x, y, 0);
        }
        return image.getRGB(x, y) >> (16 - 8 * b) & 0xFF;
    }

    /** The exact area average of output pixel (ox, oy), band b, in doubles. */
    private static double reference(int[][] src, int sw, int sh, int ow, int oh, int bands, int ox, int oy, int b) {
        double x0 = (double) ox * sw / ow, x1 = (double) (ox + 1) * sw / ow;
        double y0 = (double) oy * sh / oh, y1 = (double) (oy + 1) * sh / oh;
        double sum = 0, area = 0;
        for (int y = (int) Math.floor(y0); y < Math.ceil(y1); y++) {
            double cy = Math.min(y + 1, y1) - Math.max(y, y0);
            for (int x = (int) Math.floor(x0); x < Math.ceil(x1); x++) {
                double cx = Math.min(x + 1, x1) - Math.max(x, x0);
                sum += cx * cy * src[y][x * bands + b];
                area += cx * cy;
            }
        }
        return sum / area;
    }

    /** The exact area average of an RGB image, rounded. */
    private static BufferedImage exactAverage(BufferedImage image, int ow, int oh) {
        int sw = image.getWidth(), sh = image.getHeight();
        int[][] src = new int[sh][sw * 3];
        for (int y = 0; y < sh; y++) {
            for (int x = 0; x < sw; x++) {
                int p = image.getRGB(x, y);
                src[y][x * 3] = p >> 16 & 0xFF;
                src[y][x * 3 + 1] = p >> 8 & 0xFF;
                src[y][x * 3 + 2] = p & 0xFF;
            }
        }
        BufferedImage out = Pixels.blank(ow, oh, false);
        for (int y = 0; y < oh; y++) {
            for (int x = 0; x < ow; x++) {
                int r = (int) Math.round(reference(src, sw, sh, ow, oh, 3, x, y, 0));
                int g = (int) Math.round(reference(src, sw, sh, ow, oh, 3, x, y, 1));
                int b = (int) Math.round(reference(src, sw, sh, ow, oh, 3, x, y, 2));
                out.setRGB(x, y, 0xFF000000 | r << 16 | g << 8 | b);
            }
        }
        return out;
    }

    /** Mean and largest absolute channel difference of two images of the same size. */
    private static double[] difference(BufferedImage a, BufferedImage b) {
        assertEquals(a.getWidth(), b.getWidth());
        assertEquals(a.getHeight(), b.getHeight());
        double total = 0;
        int largest = 0;
        for (int y = 0; y < a.getHeight(); y++) {
            for (int x = 0; x < a.getWidth(); x++) {
                int p = a.getRGB(x, y), q = b.getRGB(x, y);
                for (int s = 0; s < 24; s += 8) {
                    int d = Math.abs((p >> s & 0xFF) - (q >> s & 0xFF));
                    total += d;
                    largest = Math.max(largest, d);
                }
            }
        }
        return new double[]{total / (3.0 * a.getWidth() * a.getHeight()), largest};
    }

    private static byte[] progressiveJpeg(BufferedImage image) throws IOException {
        ImageWriter writer = ImageIO.getImageWritersByFormatName("jpeg").next();
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ImageOutputStream out = ImageIO.createImageOutputStream(bytes)) {
            writer.setOutput(out);
            ImageWriteParam param = writer.getDefaultWriteParam();
            param.setProgressiveMode(ImageWriteParam.MODE_DEFAULT);
            param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
            param.setCompressionQuality(0.95f);
            writer.write(null, new IIOImage(Pixels.copy(image, BufferedImage.TYPE_3BYTE_BGR), null, null), param);
        } finally {
            writer.dispose();
        }
        return bytes.toByteArray();
    }

    /** Inserts an APP2 ICC_PROFILE segment (one chunk) right after SOI. */
    private static byte[] withIccProfile(byte[] jpeg, ICC_Profile profile) {
        byte[] data = profile.getData();
        ByteArrayOutputStream payload = new ByteArrayOutputStream();
        payload.writeBytes("ICC_PROFILE\0".getBytes(StandardCharsets.US_ASCII));
        payload.writeBytes(new byte[]{1, 1});
        payload.writeBytes(data);
        int length = payload.size() + 2;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(jpeg, 0, 2);
        out.writeBytes(new byte[]{(byte) 0xFF, (byte) 0xE2, (byte) (length >> 8), (byte) length});
        out.writeBytes(payload.toByteArray());
        out.write(jpeg, 2, jpeg.length - 2);
        return out.toByteArray();
    }
}
