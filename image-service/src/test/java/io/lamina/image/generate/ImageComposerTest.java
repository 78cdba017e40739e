package io.lamina.image.generate;

import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.google.zxing.BinaryBitmap;
import com.google.zxing.DecodeHintType;
import com.google.zxing.MultiFormatReader;
import com.google.zxing.RGBLuminanceSource;
import com.google.zxing.Result;
import com.google.zxing.common.HybridBinarizer;
import io.lamina.image.codec.Pixels;
import io.lamina.image.config.ImageSettings;
import io.lamina.image.transform.Colors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.awt.Font;
import java.awt.image.BufferedImage;
import java.util.List;
import java.util.Map;

import static io.lamina.image.testing.TestImages.BLACK;
import static io.lamina.image.testing.TestImages.RED;
import static io.lamina.image.testing.TestImages.WHITE;
import static io.lamina.image.testing.TestImages.assertPixel;
import static io.lamina.image.testing.TestImages.failure;
import static io.lamina.image.testing.TestImages.filled;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ImageComposerTest {

    private static final JsonMapper MAPPER = JsonMapper.builder().enable(JsonReadFeature.ALLOW_SINGLE_QUOTES).build();
    private static final String WHITE_BG = "{'type':'solid-color','index':0,'hex_color':'#FFFFFF'}";

    private static BufferedImage compose(int w, int h, String layers) throws Exception {
        JsonNode params = MAPPER.readTree("{'dimensions':{'width_in_px':" + w + ",'height_in_px':" + h + "},'layers':"
                + layers + "}");
        return new ImageComposer(ImageSettings.defaults(), new Fonts(),
                (file, path) -> filled(file.path("w").asInt(), file.path("h").asInt(), RED, false)).compose(params);
    }

    @Test
    void drawsSolidColoursWithRoundedCornersAndOpacity() throws Exception {
        BufferedImage out = compose(100, 60, "[" + WHITE_BG + ",{'type':'solid-color','index':1,'hex_color':'#FF0000',"
                + "'position':{'x_in_px':10,'y_in_px':10},'dimensions':{'width_in_px':40,'height_in_px':40},"
                + "'border_radius':20},{'type':'solid-color','index':2,'hex_color':'#FF0000','opacity':50,"
                + "'position':{'x_in_px':60,'y_in_px':10},'dimensions':{'width_in_px':30,'height_in_px':30}}]");
        assertPixel(RED, out, 30, 30, 0);
        assertPixel(WHITE, out, 11, 11, 0); // outside the rounded corner
        assertPixel(0xFFFF7F7F, out, 75, 25, 1);
        assertPixel(WHITE, out, 95, 55, 0);
    }

    @Test
    void drawsLinearAndRadialGradients() throws Exception {
        BufferedImage linear = compose(101, 20, "[{'type':'gradient','index':0,'gradient_type':'linear',"
                + "'colors':[{'hex_color':'#000000','position':0},{'hex_color':'#FFFFFF','position':100}],"
                + "'position':{'x_in_px':0,'y_in_px':0},'dimensions':{'width_in_px':101,'height_in_px':20}}]");
        assertTrue(Colors.r(linear.getRGB(0, 10)) < 5);
        assertTrue(Colors.r(linear.getRGB(100, 10)) > 250);
        assertTrue(Math.abs(Colors.r(linear.getRGB(50, 10)) - 128) <= 6);
        BufferedImage vertical = compose(20, 101, "[{'type':'gradient','index':0,'gradient_type':'linear',"
                + "'angle_in_degrees':90,'colors':[{'hex_color':'#FF0000','position':0},{'hex_color':'#0000FF','position':100}],"
                + "'position':{'x_in_px':0,'y_in_px':0},'dimensions':{'width_in_px':20,'height_in_px':101}}]");
        assertPixel(RED, vertical, 10, 0, 6);
        assertPixel(0xFF0000FF, vertical, 10, 100, 6);
        BufferedImage radial = compose(100, 100, "[{'type':'gradient','index':0,'gradient_type':'radial',"
                + "'colors':[{'hex_color':'#FFFFFF','position':0},{'hex_color':'#000000','position':100}],"
                + "'position':{'x_in_px':0,'y_in_px':0},'dimensions':{'width_in_px':100,'height_in_px':100}}]");
        assertTrue(Colors.r(radial.getRGB(50, 50)) > 245);
        assertTrue(Colors.r(radial.getRGB(0, 0)) < 10);
        assertEquals(radial.getRGB(20, 50), radial.getRGB(80, 50));
    }

    @Test
    void writesTextInsideItsBox() throws Exception {
        BufferedImage out = compose(200, 100, "[" + WHITE_BG + ",{'type':'text','index':1,'text':'Hello Lamina',"
                + "'font_name':'DejaVu Sans','font_size_in_px':18,'text_color':'#000000',"
                + "'position':{'x_in_px':20,'y_in_px':30},'dimensions':{'width_in_px':150,'height_in_px':40}}]");
        int[] box = darkBounds(out);
        assertTrue(box[0] >= 20 && box[1] >= 30 && box[2] < 170 && box[3] < 70, java.util.Arrays.toString(box));
        assertTrue(box[2] - box[0] > 80, "a line of text is wide");
    }

    @Test
    void wrapsLinesAndDistinguishesBoldAndItalic() throws Exception {
        Fonts fonts = new Fonts();
        Font regular = fonts.font("DejaVu Sans", "regular", "normal", 16, "f");
        List<String> lines = TextRenderer.lines("the quick brown fox jumps over the lazy dog", regular, 100, true);
        assertTrue(lines.size() >= 3, lines.toString());
        assertEquals("the quick brown fox jumps over the lazy dog", String.join(" ", lines));
        assertEquals(List.of("a", "b"), TextRenderer.lines("a\nb", regular, 100, false));
        assertNotEquals(regular.getFontName(), fonts.font("DejaVu Sans", "bold", "normal", 16, "f").getFontName());
        assertTrue(fonts.font("DejaVu Sans", "700", "italic", 16, "f").getFontName().contains("Bold Oblique"));
        assertTrue(failure("invalid_params", () -> fonts.font("Comic Sans", "regular", "normal", 16, "layers[1]"))
                .startsWith("layers[1]: unknown font 'Comic Sans'"));
    }

    @Test
    void autoScalesTextToFillTheBox() throws Exception {
        String layer = "{'type':'text','index':1,'text':'BIG','font_name':'DejaVu Sans','font_size_in_px':10,"
                + "'text_color':'#000000','should_auto_scale':%s,'position':{'x_in_px':0,'y_in_px':0},"
                + "'dimensions':{'width_in_px':300,'height_in_px':120}}";
        int[] small = darkBounds(compose(300, 120, "[" + WHITE_BG + "," + String.format(layer, "false") + "]"));
        int[] big = darkBounds(compose(300, 120, "[" + WHITE_BG + "," + String.format(layer, "true") + "]"));
        assertTrue(big[3] - big[1] > 5 * (small[3] - small[1]), "auto-scaled text is much taller");
        assertTrue(big[2] < 300 && big[3] < 120);
    }

    @Test
    void qrCodesDecodeBack() throws Exception {
        BufferedImage out = compose(220, 220, "[" + WHITE_BG + ",{'type':'qr-code','index':1,"
                + "'value':'https://lamina.example/jobs/42?ü','foreground_hex_color':'#000000',"
                + "'background_hex_color':'#FFFFFF','position':{'x_in_px':10,'y_in_px':10},"
                + "'dimensions':{'width_in_px':200,'height_in_px':200}}]");
        assertEquals("https://lamina.example/jobs/42?ü", decode(out, com.google.zxing.BarcodeFormat.QR_CODE).getText());
    }

    @ParameterizedTest
    @CsvSource({"code128,Lamina-128", "ean13,400638133393", "ean8,1234567", "code39,LAMINA 39", "itf,12345678",
            "codabar,A40156B"})
    void barcodesDecodeBack(String format, String value) throws Exception {
        BufferedImage out = compose(400, 120, "[" + WHITE_BG + ",{'type':'barcode','index':1,'format':'" + format
                + "','value':'" + value + "','foreground_hex_color':'#000000','background_hex_color':'#FFFFFF',"
                + "'position':{'x_in_px':0,'y_in_px':10},'dimensions':{'width_in_px':400,'height_in_px':100}}]");
        String text = decode(out, Codes.format(format)).getText();
        switch (format) {
            case "ean13", "ean8" -> assertEquals(value, text.substring(0, value.length()));
            case "codabar" -> assertEquals("40156", text.replaceAll("[A-D]", ""));
            default -> assertEquals(value, text);
        }
    }

    @Test
    void refusesABarcodeBoxTooSmallForTheValue() {
        assertTrue(failure("invalid_params", () -> compose(40, 40, "[{'type':'barcode','index':0,'format':'code128',"
                + "'value':'a long value that needs room','foreground_hex_color':'#000000','background_hex_color':'#FFFFFF',"
                + "'position':{'x_in_px':0,'y_in_px':0},'dimensions':{'width_in_px':40,'height_in_px':40}}]"))
                .startsWith("layers[0].dimensions: this value needs at least"));
    }

    @Test
    void laysOutChildrenWithGapPaddingAndAlignment() throws Exception {
        String child = "{'type':'solid-color','index':%d,'hex_color':'%s','dimensions':{'width_in_px':10,'height_in_px':%d}}";
        BufferedImage out = compose(100, 40, "[" + WHITE_BG + ",{'type':'layout','index':1,'gap':5,'padding':2,"
                + "'vertical_alignment':'end','background_color':'#00FF00','position':{'x_in_px':0,'y_in_px':0},'layers':["
                + String.format(child, 0, "#FF0000", 20) + "," + String.format(child, 1, "#000000", 10) + "]}]");
        // Layout box: 2 + 10 + 5 + 10 + 2 = 29 wide, 2 + 20 + 2 = 24 high.
        assertPixel(RED, out, 2, 2, 0);
        assertPixel(0xFF00FF00, out, 12, 2, 0); // the gap shows the layout background
        assertPixel(0xFF00FF00, out, 18, 5, 0); // second child is bottom-aligned: rows 12..21
        assertPixel(BLACK, out, 18, 15, 0);
        assertPixel(0xFF00FF00, out, 27, 22, 0);
        assertPixel(WHITE, out, 29, 10, 0);
        BufferedImage column = compose(40, 100, "[" + WHITE_BG + ",{'type':'layout','index':1,'direction':'vertical',"
                + "'gap':3,'horizontal_alignment':'center','dimensions':{'width_in_px':40,'height_in_px':100},'layers':["
                + String.format(child, 0, "#FF0000", 20) + "," + String.format(child, 1, "#000000", 10) + "]}]");
        assertPixel(RED, column, 15, 0, 0);
        assertPixel(WHITE, column, 15, 21, 0);
        assertPixel(BLACK, column, 15, 23, 0);
        assertPixel(WHITE, column, 10, 5, 0);
    }

    @Test
    void placesImagesAndRotatesLayers() throws Exception {
        BufferedImage out = compose(100, 100, "[" + WHITE_BG + ",{'type':'image','index':1,'file':{'w':30,'h':10},"
                + "'position':{'x_in_px':10,'y_in_px':10}},{'type':'solid-color','index':2,'hex_color':'#000000',"
                + "'rotation_in_degrees':90,'position':{'x_in_px':40,'y_in_px':70},'dimensions':{'width_in_px':40,'height_in_px':10}}]");
        assertPixel(RED, out, 10, 10, 0);
        assertPixel(RED, out, 39, 19, 0);
        assertPixel(WHITE, out, 41, 19, 0);
        // 40×10 bar turned a quarter around its centre (60, 75): now 10 wide and 40 high.
        assertPixel(BLACK, out, 60, 58, 0);
        assertPixel(WHITE, out, 45, 75, 0);
    }

    @Test
    void refusesCanvasesOverTheOutputLimit() {
        JsonNode params;
        try {
            params = MAPPER.readTree("{'dimensions':{'width_in_px':2000,'height_in_px':2000},'layers':[" + WHITE_BG + "]}");
        } catch (Exception e) {
            throw new AssertionError(e);
        }
        ImageComposer small = new ImageComposer(new ImageSettings(1 << 20, 1_000_000, 1_000_000), new Fonts(),
                (f, p) -> null);
        assertEquals("dimensions: 4000000 pixels; the limit is 1000000 (lamina.images.max-output-pixels)",
                failure("limit_exceeded", () -> small.compose(params)));
    }

    /** minX, minY, maxX, maxY of pixels darker than mid grey. */
    private static int[] darkBounds(BufferedImage image) {
        int[] b = {Integer.MAX_VALUE, Integer.MAX_VALUE, -1, -1};
        for (int y = 0; y < image.getHeight(); y++) {
            for (int x = 0; x < image.getWidth(); x++) {
                if (Colors.luma(image.getRGB(x, y)) < 128) {
                    b[0] = Math.min(b[0], x);
                    b[1] = Math.min(b[1], y);
                    b[2] = Math.max(b[2], x);
                    b[3] = Math.max(b[3], y);
                }
            }
        }
        return b;
    }

    static Result decode(BufferedImage image, com.google.zxing.BarcodeFormat format) throws Exception {
        int[] px = Pixels.data(Pixels.argb(image));
        BinaryBitmap bitmap = new BinaryBitmap(new HybridBinarizer(new RGBLuminanceSource(image.getWidth(),
                image.getHeight(), px)));
        return new MultiFormatReader().decode(bitmap, Map.of(DecodeHintType.POSSIBLE_FORMATS, List.of(format),
                DecodeHintType.TRY_HARDER, true));
    }
}
