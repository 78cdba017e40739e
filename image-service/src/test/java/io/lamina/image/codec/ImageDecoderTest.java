package io.lamina.image.codec;

import io.lamina.image.config.ImageSettings;
import io.lamina.ops.runtime.OperationException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageTypeSpecifier;
import javax.imageio.ImageWriter;
import javax.imageio.metadata.IIOMetadata;
import javax.imageio.stream.ImageOutputStream;
import java.awt.color.ColorSpace;
import java.awt.image.BufferedImage;
import java.awt.image.ColorModel;
import java.awt.image.ComponentColorModel;
import java.awt.image.DataBuffer;
import java.awt.image.WritableRaster;
import java.io.ByteArrayOutputStream;
import java.time.Duration;
import java.util.Arrays;
import java.util.Random;
import java.util.Set;

import static io.lamina.image.testing.TestImages.BLUE;
import static io.lamina.image.testing.TestImages.GREEN;
import static io.lamina.image.testing.TestImages.RED;
import static io.lamina.image.testing.TestImages.WHITE;
import static io.lamina.image.testing.TestImages.assertPixel;
import static io.lamina.image.testing.TestImages.failure;
import static io.lamina.image.testing.TestImages.greyPng;
import static io.lamina.image.testing.TestImages.halves;
import static io.lamina.image.testing.TestImages.quadrants;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

class ImageDecoderTest {

    private final ImageDecoder decoder = new ImageDecoder(ImageSettings.defaults());
    private final PixelBudget budget = new PixelBudget(60_000_000, Duration.ZERO);

    private DecodedImage decode(byte[] data) {
        try (PixelBudget.Lease lease = budget.lease()) {
            return decoder.decode(data, lease);
        }
    }

    @ParameterizedTest
    @EnumSource(value = ImageFormat.class, names = {"JPEG", "PNG", "WEBP", "GIF", "TIFF", "BMP"})
    void roundTripsEveryWritableFormat(ImageFormat format) {
        byte[] bytes = ImageEncoder.encode(quadrants(64, 48), format, 90);
        assertEquals(format, ImageFormat.sniff(bytes, bytes.length).orElseThrow());
        DecodedImage decoded = decode(bytes);
        assertEquals(format, decoded.format());
        assertEquals(64, decoded.image().getWidth());
        assertEquals(48, decoded.image().getHeight());
        int tolerance = format == ImageFormat.JPEG || format == ImageFormat.WEBP ? 24 : 0;
        assertPixel(RED, decoded.image(), 10, 10, tolerance);
        assertPixel(GREEN, decoded.image(), 50, 10, tolerance);
        assertPixel(BLUE, decoded.image(), 10, 40, tolerance);
        assertPixel(WHITE, decoded.image(), 50, 40, tolerance);
    }

    @Test
    void keepsTransparencyThroughPngAndWebp() {
        BufferedImage image = Pixels.blank(16, 16, true);
        Arrays.fill(Pixels.data(image), 0x800000FF);
        for (ImageFormat format : new ImageFormat[]{ImageFormat.PNG, ImageFormat.WEBP}) {
            BufferedImage back = decode(ImageEncoder.encode(image, format, 100)).image();
            assertPixel(0x800000FF, back, 8, 8, 2);
        }
    }

    @Test
    void refusesUnknownFormatsAndBrokenHeifContainersClearly() {
        byte[] avif = new byte[]{0, 0, 0, 0x1C, 'f', 't', 'y', 'p', 'a', 'v', 'i', 'f', 0, 0, 0, 0};
        assertTrue(failure("malformed_image", () -> decode(avif)).contains("no image size (ispe) box"));
        failure("unsupported_format", () -> decode("%PDF-1.7 not an image".getBytes()));
        assertEquals("the file is empty", failure("unsupported_format", () -> decode(new byte[0])));
    }

    @Test
    void refusesA30000By30000HeaderBeforeDecodingAnything() {
        byte[] png = greyPng(30000, 30000, 1);
        assertTrue(png.length < 1000);
        String message = failure("limit_exceeded", () -> decode(png));
        assertEquals("the image is 30000×30000 = 900000000 pixels; the limit is 50000000 (lamina.images.max-pixels)",
                message);
    }

    @Test
    void stopsADecompressionBombByItsHeader() {
        byte[] bomb = greyPng(8000, 8000, 8000); // 64 MP of zeros in well under 100 KB
        assertTrue(bomb.length < 100_000, "bomb size " + bomb.length);
        failure("limit_exceeded", () -> decode(bomb));
        // Within the pixel limit but beyond the replica's pixel memory: refused before allocating.
        ImageDecoder lenient = new ImageDecoder(new ImageSettings(50L << 20, 100_000_000, 100_000_000));
        PixelBudget small = new PixelBudget(10_000_000, Duration.ZERO);
        try (PixelBudget.Lease lease = small.lease()) {
            assertTrue(failure("limit_exceeded", () -> lenient.decode(bomb, lease)).contains("memory-pixels"));
        }
    }

    @Test
    void refusesInputsOverTheByteLimit() {
        ImageDecoder strict = new ImageDecoder(new ImageSettings(1000, 50_000_000, 50_000_000));
        byte[] png = ImageEncoder.encode(io.lamina.image.testing.TestImages.noise(64, 64, 1), ImageFormat.PNG, null);
        try (PixelBudget.Lease lease = budget.lease()) {
            assertTrue(failure("limit_exceeded", () -> strict.decode(png, lease)).contains("max-input-bytes"));
        }
    }

    @ParameterizedTest
    @EnumSource(value = ImageFormat.class, names = {"JPEG", "PNG", "WEBP", "GIF", "TIFF", "BMP"})
    void failsTruncatedFilesAsMalformed(ImageFormat format) {
        byte[] full = ImageEncoder.encode(io.lamina.image.testing.TestImages.noise(64, 64, 7), format, 90);
        byte[] truncated = Arrays.copyOf(full, full.length / 2);
        failure("malformed_image", () -> decode(truncated));
    }

    @ParameterizedTest
    @EnumSource(value = ImageFormat.class, names = {"JPEG", "PNG", "WEBP", "GIF", "TIFF", "BMP"})
    void survivesFuzzedBytesWithClearCodes(ImageFormat format) {
        byte[] valid = ImageEncoder.encode(quadrants(48, 32), format, 80);
        Random random = new Random(format.ordinal() * 7919L);
        Set<String> allowed = Set.of("malformed_image", "unsupported_format", "limit_exceeded");
        for (int round = 0; round < 60; round++) {
            byte[] fuzzed = valid.clone();
            int flips = 1 + random.nextInt(8);
            for (int i = 0; i < flips; i++) {
                fuzzed[random.nextInt(fuzzed.length)] = (byte) random.nextInt(256);
            }
            try {
                DecodedImage decoded = decode(fuzzed);
                assertTrue(decoded.image().getWidth() > 0);
            } catch (OperationException e) {
                assertTrue(allowed.contains(e.error().code()), e.error().code() + ": " + e.getMessage());
            } catch (Throwable t) {
                fail("round " + round + " of " + format + " escaped with " + t, t);
            }
        }
    }

    @Test
    void appliesExifOrientation() {
        byte[] jpeg = withOrientation(ImageEncoder.encode(halves(40, 20, RED, BLUE), ImageFormat.JPEG, 95), 6);
        assertEquals(6, ExifOrientation.read(jpeg));
        DecodedImage decoded = decode(jpeg);
        assertEquals(20, decoded.image().getWidth());
        assertEquals(40, decoded.image().getHeight());
        // Turned clockwise: the left (red) half is now on top.
        assertPixel(RED, decoded.image(), 10, 5, 30);
        assertPixel(BLUE, decoded.image(), 10, 35, 30);
    }

    @Test
    void shrinksOnLoadWhenAsked() {
        byte[] jpeg = ImageEncoder.encode(quadrants(800, 600), ImageFormat.JPEG, 90);
        try (PixelBudget.Lease lease = budget.lease()) {
            DecodedImage decoded = decoder.decode(jpeg, (w, h) -> 4, lease);
            assertEquals(4, decoded.subsampling());
            assertEquals(200, decoded.image().getWidth());
            assertEquals(150, decoded.image().getHeight());
            assertEquals(800, decoded.sourceWidth());
            assertPixel(GREEN, decoded.image(), 150, 30, 24);
        }
    }

    @Test
    void takesTheFirstFrameOfAnAnimatedGif() throws Exception {
        ImageWriter writer = ImageIO.getImageWritersByFormatName("gif").next();
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ImageOutputStream out = ImageIO.createImageOutputStream(bytes)) {
            writer.setOutput(out);
            writer.prepareWriteSequence(null);
            for (int color : new int[]{RED, BLUE}) {
                BufferedImage frame = io.lamina.image.testing.TestImages.filled(20, 20, color, false);
                IIOMetadata meta = writer.getDefaultImageMetadata(ImageTypeSpecifier.createFromRenderedImage(frame), null);
                writer.writeToSequence(new IIOImage(frame, null, meta), null);
            }
            writer.endWriteSequence();
        }
        DecodedImage decoded = decode(bytes.toByteArray());
        assertTrue(decoded.animated());
        assertPixel(RED, decoded.image(), 10, 10, 0);
    }

    @Test
    void convertsOtherColourSpacesToSrgb() {
        ColorSpace linear = ColorSpace.getInstance(ColorSpace.CS_LINEAR_RGB);
        ColorModel model = new ComponentColorModel(linear, false, false, ColorModel.OPAQUE, DataBuffer.TYPE_BYTE);
        WritableRaster raster = model.createCompatibleWritableRaster(4, 4);
        byte[] half = new byte[4 * 4 * 3];
        Arrays.fill(half, (byte) 128);
        raster.setDataElements(0, 0, 4, 4, half);
        BufferedImage image = new BufferedImage(model, raster, false, null);
        BufferedImage srgb = ImageDecoder.toSrgb(image);
        assertTrue(srgb.getColorModel().getColorSpace().isCS_sRGB());
        int grey = srgb.getRGB(1, 1) & 0xFF;
        assertTrue(Math.abs(grey - 188) <= 3, "linear 0.5 should be sRGB ~188, was " + grey);
    }

    /** Inserts an APP1 EXIF segment with one orientation entry right after SOI. */
    static byte[] withOrientation(byte[] jpeg, int orientation) {
        byte[] tiff = {'M', 'M', 0, 42, 0, 0, 0, 8, 0, 1, 0x01, 0x12, 0, 3, 0, 0, 0, 1, 0, (byte) orientation, 0, 0,
                0, 0, 0, 0, 0, 0};
        int length = 2 + 6 + tiff.length;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(jpeg, 0, 2);
        out.writeBytes(new byte[]{(byte) 0xFF, (byte) 0xE1, (byte) (length >> 8), (byte) length, 'E', 'x', 'i', 'f', 0, 0});
        out.writeBytes(tiff);
        out.write(jpeg, 2, jpeg.length - 2);
        return out.toByteArray();
    }
}
