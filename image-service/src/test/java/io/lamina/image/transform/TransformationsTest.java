package io.lamina.image.transform;

import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.lamina.image.codec.DecodedImage;
import io.lamina.image.codec.ImageDecoder;
import io.lamina.image.codec.ImageFormat;
import io.lamina.image.codec.PixelBudget;
import io.lamina.image.codec.Pixels;
import io.lamina.image.config.ImageSettings;
import org.junit.jupiter.api.Test;

import java.awt.image.BufferedImage;
import java.time.Duration;

import static io.lamina.image.testing.TestImages.BLACK;
import static io.lamina.image.testing.TestImages.BLUE;
import static io.lamina.image.testing.TestImages.GREEN;
import static io.lamina.image.testing.TestImages.RED;
import static io.lamina.image.testing.TestImages.WHITE;
import static io.lamina.image.testing.TestImages.assertPixel;
import static io.lamina.image.testing.TestImages.failure;
import static io.lamina.image.testing.TestImages.filled;
import static io.lamina.image.testing.TestImages.halves;
import static io.lamina.image.testing.TestImages.noise;
import static io.lamina.image.testing.TestImages.quadrants;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Golden tests: each operation on an image with known pixels, checked pixel by pixel within a tolerance. */
class TransformationsTest {

    private static final JsonMapper MAPPER = JsonMapper.builder().enable(JsonReadFeature.ALLOW_SINGLE_QUOTES).build();

    private static BufferedImage run(BufferedImage input, String operations) throws Exception {
        TransformationChain.Result result = chain(input, operations);
        try (PixelBudget.Lease lease = PixelBudget.unlimited().lease()) {
            return new ImageDecoder(ImageSettings.defaults()).decode(result.bytes(), lease).image();
        }
    }

    private static TransformationChain.Result chain(BufferedImage input, String operations) throws Exception {
        JsonNode ops = MAPPER.readTree(operations);
        try (PixelBudget.Lease lease = PixelBudget.unlimited().lease()) {
            return new TransformationChain(ImageSettings.defaults()).run(input, ImageFormat.PNG, ops, lease);
        }
    }

    @Test
    void resizesWithEachFit() throws Exception {
        BufferedImage wide = halves(200, 100, RED, BLUE);
        BufferedImage fill = run(wide, "[{'type':'resize','width_in_px':50,'height_in_px':50,'fit':'fill'}]");
        assertEquals(50, fill.getWidth());
        assertEquals(50, fill.getHeight());
        assertPixel(RED, fill, 10, 25, 2);
        assertPixel(BLUE, fill, 40, 25, 2);
        BufferedImage cover = run(wide, "[{'type':'resize','width_in_px':50,'height_in_px':50,'fit':'cover'}]");
        assertEquals(50, cover.getWidth());
        assertPixel(RED, cover, 5, 25, 2); // the middle 100 px of 200 were kept: 25 red, 25 blue
        assertPixel(BLUE, cover, 45, 25, 2);
        BufferedImage contain = run(wide, "[{'type':'resize','width_in_px':50,'height_in_px':50,'fit':'contain'}]");
        assertEquals(50, contain.getHeight());
        assertEquals(0, contain.getRGB(25, 5) >>> 24, "letterbox is transparent");
        assertPixel(RED, contain, 10, 25, 2);
        BufferedImage inside = run(wide, "[{'type':'resize','width_in_px':50,'height_in_px':50,'fit':'inside'}]");
        assertEquals(50, inside.getWidth());
        assertEquals(25, inside.getHeight());
        BufferedImage outside = run(wide, "[{'type':'resize','width_in_px':50,'height_in_px':50,'fit':'outside'}]");
        assertEquals(100, outside.getWidth());
        assertEquals(50, outside.getHeight());
    }

    @Test
    void cropsExactlyAndRefusesAreasOutsideTheImage() throws Exception {
        BufferedImage out = run(quadrants(100, 100), "[{'type':'crop','left_in_px':40,'top_in_px':45,"
                + "'width_in_px':20,'height_in_px':10}]");
        assertEquals(20, out.getWidth());
        assertPixel(RED, out, 9, 4, 0);
        assertPixel(GREEN, out, 10, 4, 0);
        assertPixel(BLUE, out, 9, 5, 0);
        assertPixel(WHITE, out, 10, 5, 0);
        String message = failure("invalid_params", () -> run(quadrants(100, 100),
                "[{'type':'flip'},{'type':'crop','left_in_px':90,'top_in_px':0,'width_in_px':20,'height_in_px':10}]"));
        assertEquals("operations[1]: the crop area 20×10 at (90, 0) does not fit in the 100×100 image", message);
    }

    @Test
    void extendsWithTheColour() throws Exception {
        BufferedImage out = run(filled(10, 10, RED, false), "[{'type':'extend','top_in_px':1,'bottom_in_px':2,"
                + "'left_in_px':3,'right_in_px':4,'hex_color':'#00FF00'}]");
        assertEquals(17, out.getWidth());
        assertEquals(13, out.getHeight());
        assertPixel(GREEN, out, 0, 0, 0);
        assertPixel(GREEN, out, 16, 12, 0);
        assertPixel(RED, out, 3, 1, 0);
        assertPixel(RED, out, 12, 10, 0);
        assertPixel(GREEN, out, 13, 10, 0);
    }

    @Test
    void trimsUniformBorders() throws Exception {
        BufferedImage image = filled(50, 50, WHITE, false);
        for (int y = 15; y < 25; y++) {
            for (int x = 20; x < 30; x++) {
                image.setRGB(x, y, BLACK);
            }
        }
        image.setRGB(5, 5, 0xFFF8F8F8); // within the threshold: trimmed too
        BufferedImage out = run(image, "[{'type':'trim','threshold':10}]");
        assertEquals(10, out.getWidth());
        assertEquals(10, out.getHeight());
        assertPixel(BLACK, out, 0, 0, 0);
        assertPixel(BLACK, out, 9, 9, 0);
    }

    @Test
    void rotatesRightAnglesExactlyAndOtherAnglesOntoTheBackground() throws Exception {
        BufferedImage quarter = run(halves(40, 20, RED, BLUE), "[{'type':'rotate','angle_in_degrees':90}]");
        assertEquals(20, quarter.getWidth());
        assertEquals(40, quarter.getHeight());
        assertPixel(RED, quarter, 10, 5, 0);
        assertPixel(BLUE, quarter, 10, 35, 0);
        BufferedImage back = run(halves(40, 20, RED, BLUE), "[{'type':'rotate','angle_in_degrees':-90}]");
        assertPixel(BLUE, back, 10, 5, 0);
        BufferedImage tilted = run(filled(100, 100, RED, false),
                "[{'type':'rotate','angle_in_degrees':45,'hex_color':'#0000FF'}]");
        assertEquals(142, tilted.getWidth());
        assertPixel(BLUE, tilted, 2, 2, 0);
        assertPixel(RED, tilted, 71, 71, 0);
    }

    @Test
    void flipsAndFlops() throws Exception {
        BufferedImage flipped = run(quadrants(20, 20), "[{'type':'flip'}]");
        assertPixel(BLUE, flipped, 2, 2, 0);
        assertPixel(RED, flipped, 2, 17, 0);
        BufferedImage flopped = run(quadrants(20, 20), "[{'type':'flop'}]");
        assertPixel(GREEN, flopped, 2, 2, 0);
        assertPixel(WHITE, flopped, 2, 17, 0);
    }

    @Test
    void blursLikeAGaussian() {
        BufferedImage dot = filled(41, 41, BLACK, false);
        dot.setRGB(20, 20, WHITE);
        BufferedImage out = Filters.blur(dot, 1.0);
        int center = out.getRGB(20, 20) & 0xFF;
        assertTrue(Math.abs(center - 41) <= 2, "centre of a unit Gaussian of 255 is ~40.6, was " + center);
        assertEquals(out.getRGB(19, 20), out.getRGB(21, 20));
        assertEquals(out.getRGB(20, 19), out.getRGB(20, 21));
        assertTotalNear(out, 255, 12);
        // Large sigmas take the three-box approximation: energy is kept and the spread is wide.
        BufferedImage wide = Filters.blur(filled(101, 101, BLACK, false), 20);
        assertPixel(BLACK, wide, 50, 50, 0);
        BufferedImage square = filled(101, 101, BLACK, false);
        for (int y = 40; y < 61; y++) {
            for (int x = 40; x < 61; x++) {
                square.setRGB(x, y, WHITE);
            }
        }
        BufferedImage spread = Filters.blur(square, 12);
        assertTotalNear(spread, 21 * 21 * 255, 21 * 21 * 255 / 20);
        assertTrue((spread.getRGB(50, 20) & 0xFF) > 0, "light reaches 30 px away with sigma 12");
    }

    private static void assertTotalNear(BufferedImage image, long expected, long tolerance) {
        long total = 0;
        for (int p : Pixels.data(Pixels.toInt(image))) {
            total += p & 0xFF;
        }
        assertTrue(Math.abs(total - expected) <= tolerance, "total " + total + " vs " + expected);
    }

    @Test
    void sharpenRaisesContrastAtEdges() throws Exception {
        BufferedImage edge = halves(40, 10, 0xFF404040, 0xFFC0C0C0);
        BufferedImage out = run(edge, "[{'type':'sharpen','sigma':1.5}]");
        assertTrue((out.getRGB(20, 5) & 0xFF) > 0xC0, "bright side overshoots");
        assertTrue((out.getRGB(19, 5) & 0xFF) < 0x40, "dark side undershoots");
        assertPixel(0xFF404040, out, 2, 5, 0);
        assertPixel(0xFFC0C0C0, out, 37, 5, 0);
    }

    @Test
    void modulatesBrightnessSaturationAndHue() throws Exception {
        assertPixel(0xFF646464, run(filled(4, 4, 0xFFC8C8C8, false),
                "[{'type':'modulate','brightness':0.5}]"), 1, 1, 1);
        assertPixel(0xFF4C4C4C, run(filled(4, 4, RED, false), "[{'type':'modulate','saturation':0}]"), 1, 1, 2);
        int cyanish = run(filled(4, 4, RED, false), "[{'type':'modulate','hue':180}]").getRGB(1, 1);
        assertTrue(Colors.r(cyanish) < 40 && Colors.g(cyanish) > 80 && Colors.b(cyanish) > 80,
                String.format("%08X", cyanish));
    }

    @Test
    void tintsKeepingLuma() throws Exception {
        int p = run(filled(4, 4, 0xFF808080, false), "[{'type':'tint','hex_color':'#C08080'}]").getRGB(1, 1);
        assertTrue(Colors.r(p) > Colors.g(p) + 40 && Math.abs(Colors.g(p) - Colors.b(p)) <= 1, String.format("%08X", p));
        double luma = 0.299 * Colors.r(p) + 0.587 * Colors.g(p) + 0.114 * Colors.b(p);
        assertTrue(Math.abs(luma - 128) <= 3, "luma " + luma);
    }

    @Test
    void grayscaleInvertGammaThresholdOpacity() throws Exception {
        assertPixel(0xFF363636, run(filled(2, 2, RED, false), "[{'type':'grayscale'}]"), 0, 0, 1);
        assertPixel(0xFF00FFFF, run(filled(2, 2, RED, false), "[{'type':'invert_colors'}]"), 0, 0, 0);
        assertPixel(0xFF808080, run(filled(2, 2, 0xFF404040, false), "[{'type':'gamma','gamma':2.0}]"), 0, 0, 1);
        BufferedImage steps = halves(10, 2, 0xFF7F7F7F, 0xFF808080);
        BufferedImage t = run(steps, "[{'type':'threshold','value':128,'is_grayscale':true}]");
        assertPixel(BLACK, t, 1, 1, 0);
        assertPixel(WHITE, t, 8, 1, 0);
        BufferedImage perChannel = run(filled(2, 2, 0xFF90107F, false),
                "[{'type':'threshold','value':128,'is_grayscale':false}]");
        assertPixel(0xFFFF0000, perChannel, 0, 0, 0);
        assertPixel(0x80FF0000, run(filled(2, 2, RED, false), "[{'type':'opacity','opacity_in_percent':50}]"), 0, 0, 1);
    }

    @Test
    void autoContrastStretchesLevels() throws Exception {
        BufferedImage image = Pixels.blank(51, 4, false);
        for (int x = 0; x < 51; x++) {
            for (int y = 0; y < 4; y++) {
                int v = 100 + x;
                image.setRGB(x, y, 0xFF000000 | v << 16 | v << 8 | v);
            }
        }
        BufferedImage out = run(image, "[{'type':'auto_contrast'}]");
        assertPixel(BLACK, out, 0, 0, 0);
        assertPixel(WHITE, out, 50, 0, 0);
        assertPixel(0xFF808080, out, 25, 0, 2);
    }

    @Test
    void removesTransparencyOntoTheColour() throws Exception {
        BufferedImage out = run(filled(4, 4, 0x80FF0000, true), "[{'type':'remove_transparency','hex_color':'#FFFFFF'}]");
        assertPixel(0xFFFF7F7F, out, 1, 1, 1);
        assertEquals(false, out.getColorModel().hasAlpha());
    }

    @Test
    void denoiseRemovesSpecklesAndKeepsEdges() throws Exception {
        BufferedImage image = halves(30, 30, BLACK, WHITE);
        image.setRGB(5, 5, WHITE);
        image.setRGB(25, 25, BLACK);
        BufferedImage out = run(image, "[{'type':'denoise','size':3}]");
        assertPixel(BLACK, out, 5, 5, 0);
        assertPixel(WHITE, out, 25, 25, 0);
        assertPixel(BLACK, out, 14, 10, 0);
        assertPixel(WHITE, out, 15, 10, 0);
    }

    @Test
    void convertsBetweenFormatsWithQuality() throws Exception {
        BufferedImage photo = noise(120, 80, 3);
        TransformationChain.Result high = chain(photo, "[{'type':'convert','format':'jpeg','quality':95}]");
        TransformationChain.Result low = chain(photo, "[{'type':'convert','format':'jpeg','quality':20}]");
        assertEquals(ImageFormat.JPEG, high.format());
        assertTrue(low.bytes().length < high.bytes().length / 2, low.bytes().length + " vs " + high.bytes().length);
        for (String format : new String[]{"png", "webp", "gif", "tiff", "bmp"}) {
            TransformationChain.Result r = chain(quadrants(32, 32), "[{'type':'convert','format':'" + format + "'}]");
            assertEquals(ImageFormat.byId(format), ImageFormat.sniff(r.bytes(), r.bytes().length).orElseThrow());
        }
        assertTrue(failure("unsupported_format", () -> chain(photo,
                        "[{'type':'convert','format':'png','keep_metadata':true}]"))
                .startsWith("operations[0].keep_metadata: metadata can be kept in jpeg output only"));
    }

    @Test
    void upscalesWithLanczos() throws Exception {
        BufferedImage flat = run(filled(10, 8, 0xFF336699, false), "[{'type':'upscale','factor':3}]");
        assertEquals(30, flat.getWidth());
        assertEquals(24, flat.getHeight());
        for (int y = 0; y < 24; y++) {
            for (int x = 0; x < 30; x++) {
                assertPixel(0xFF336699, flat.getRGB(x, y), 0, "flat colour stays flat");
            }
        }
        BufferedImage ramp = Pixels.blank(16, 1, false);
        for (int x = 0; x < 16; x++) {
            ramp.setRGB(x, 0, 0xFF000000 | (x * 16) << 16 | (x * 16) << 8 | x * 16);
        }
        BufferedImage up = run(ramp, "[{'type':'upscale','factor':4}]");
        for (int x = 4; x < 60; x++) {
            assertTrue((up.getRGB(x + 1, 0) & 0xFF) >= (up.getRGB(x, 0) & 0xFF), "a ramp stays monotone at " + x);
        }
    }

    @Test
    void smartCropKeepsTheDetailedRegion() throws Exception {
        BufferedImage image = filled(300, 100, 0xFF808080, false);
        BufferedImage detail = noise(60, 60, 5);
        java.awt.Graphics2D g = image.createGraphics();
        g.drawImage(detail, 220, 20, null);
        g.dispose();
        BufferedImage out = run(image, "[{'type':'smart_crop','width_in_px':100,'height_in_px':100}]");
        assertEquals(100, out.getWidth());
        int[] window = SmartCrop.window(image, 100, 100);
        assertTrue(window[0] >= 180 && window[0] <= 220, "window starts at " + window[0]);
        assertTrue(SmartCrop.entropy(Pixels.data(Pixels.toInt(out)), 100, 100, true, 0, 100) > 3);
    }

    @Test
    void compressesToTheByteBudget() throws Exception {
        TransformationChain.Result result = chain(noise(300, 300, 9),
                "[{'type':'compress_to_size','max_file_size_in_bytes':8000}]");
        assertTrue(result.bytes().length <= 8000, "size " + result.bytes().length);
        assertEquals(ImageFormat.JPEG, result.format());
        TransformationChain.Result tiny = chain(noise(300, 300, 9),
                "[{'type':'compress_to_size','max_file_size_in_bytes':1500}]");
        assertTrue(tiny.bytes().length <= 1500);
        assertTrue(tiny.width() < 300, "shrunk to " + tiny.width());
        failure("limit_exceeded", () -> chain(noise(300, 300, 9),
                "[{'type':'compress_to_size','max_file_size_in_bytes':10}]"));
    }

    @Test
    void removesOnlyNearUniformBackgrounds() throws Exception {
        BufferedImage product = filled(60, 60, 0xFFFCFCFC, false);
        java.awt.Graphics2D g = product.createGraphics();
        g.setColor(new java.awt.Color(RED));
        g.fillOval(15, 15, 30, 30);
        g.dispose();
        BufferedImage out = run(product, "[{'type':'remove_background'}]");
        assertEquals(0, out.getRGB(2, 2) >>> 24);
        assertPixel(RED, out, 30, 30, 0);
        BufferedImage painted = run(product, "[{'type':'remove_background','background_hex_color':'#0000FF'}]");
        assertPixel(BLUE, painted, 2, 2, 0);
        assertTrue(failure("unsupported_image", () -> run(noise(60, 60, 2), "[{'type':'remove_background'}]"))
                .startsWith("the background is not near-uniform"));
    }

    @Test
    void refusesResultsOverTheOutputPixelLimit() throws Exception {
        TransformationChain small = new TransformationChain(new ImageSettings(1 << 20, 1_000_000, 1_000_000));
        JsonNode ops = MAPPER.readTree("[{'type':'flop'},{'type':'upscale','factor':4}]");
        String message = failure("limit_exceeded", () -> {
            try (PixelBudget.Lease lease = PixelBudget.unlimited().lease()) {
                small.run(filled(500, 400, RED, false), ImageFormat.PNG, ops, lease);
            }
        });
        assertEquals("operations[1]: the result would be 2000×1600 = 3200000 pixels; the limit is 1000000 "
                + "(lamina.images.max-output-pixels)", message);
    }

    @Test
    void plansShrinkOnLoadFromTheFirstResize() throws Exception {
        JsonNode ops = MAPPER.readTree("[{'type':'convert','format':'webp'},"
                + "{'type':'resize','width_in_px':800,'height_in_px':800,'fit':'inside'}]");
        assertEquals(3, TransformationChain.subsampling(ops, 6000, 4000));
        assertEquals(1, TransformationChain.subsampling(MAPPER.readTree("[{'type':'blur','sigma':1},"
                + "{'type':'resize','width_in_px':80,'height_in_px':80,'fit':'inside'}]"), 6000, 4000));
        // the streaming decode's target: exactly the size the first resize or smart_crop scales to
        assertArrayEquals(new int[]{800, 533}, TransformationChain.plan(ops).target(6000, 4000));
        assertArrayEquals(new int[]{450, 300}, TransformationChain.plan(MAPPER.readTree(
                "[{'type':'resize','width_in_px':300,'height_in_px':300,'fit':'cover'}]")).target(6000, 4000));
        assertArrayEquals(new int[]{300, 200}, TransformationChain.plan(MAPPER.readTree(
                "[{'type':'smart_crop','width_in_px':200,'height_in_px':200}]")).target(600, 400));
        assertNull(TransformationChain.plan(MAPPER.readTree("[{'type':'blur','sigma':1},"
                + "{'type':'resize','width_in_px':80,'height_in_px':80,'fit':'inside'}]")).target(6000, 4000));
    }

    @Test
    void streamsAThumbnailThroughTheChainLikeTheWholeDecode() throws Exception {
        byte[] jpeg = io.lamina.image.codec.ImageEncoder.encode(quadrants(1600, 1200), ImageFormat.JPEG, 95);
        JsonNode ops = MAPPER.readTree("[{'type':'resize','width_in_px':300,'height_in_px':200,'fit':'cover'},"
                + "{'type':'convert','format':'png'}]");
        ImageDecoder decoder = new ImageDecoder(ImageSettings.defaults());
        try (PixelBudget.Lease lease = new PixelBudget(10_000_000, Duration.ZERO).lease()) {
            DecodedImage streamed = decoder.decode(io.lamina.image.codec.ImageSource.of(jpeg),
                    TransformationChain.plan(ops), lease);
            assertEquals(300, streamed.image().getWidth(), "already at the resize's cover size");
            TransformationChain.Result result = new TransformationChain(ImageSettings.defaults())
                    .run(streamed.image(), streamed.format(), ops, lease);
            assertEquals(300, result.width());
            assertEquals(200, result.height());
            BufferedImage out = javax.imageio.ImageIO.read(new java.io.ByteArrayInputStream(result.bytes()));
            assertPixel(RED, out, 40, 30, 8);
            assertPixel(GREEN, out, 260, 30, 8);
            assertPixel(BLUE, out, 40, 170, 8);
            assertPixel(WHITE, out, 260, 170, 8);
        }
    }

    @Test
    void decodesShrunkInputsThroughTheWholeChain() {
        byte[] jpeg = io.lamina.image.codec.ImageEncoder.encode(quadrants(800, 600), ImageFormat.JPEG, 90);
        try (PixelBudget.Lease lease = new PixelBudget(10_000_000, Duration.ZERO).lease()) {
            DecodedImage decoded = new ImageDecoder(ImageSettings.defaults()).decode(jpeg, (w, h) -> 4, lease);
            assertEquals(200, decoded.image().getWidth());
        }
    }
}
