package io.lamina.image.generate;

import io.lamina.image.codec.ImageErrors;

import java.awt.Font;
import java.awt.FontFormatException;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Fonts a text layer can name: the bundled DejaVu Sans and DejaVu Serif (regular, bold, italic, bold italic; shipped
 * in the jar under {@code fonts/}, Bitstream Vera licence), plus the request's own {@code fonts} (TrueType/OpenType
 * files). Weights {@code bold}, {@code semibold}, {@code extrabold}, {@code black} and numeric weights of 600 and more
 * select the bold face; everything else the regular one.
 */
public final class Fonts {

    private static final Map<String, Font> BUNDLED = new HashMap<>();

    static {
        load("DejaVu Sans", false, false, "DejaVuSans.ttf");
        load("DejaVu Sans", true, false, "DejaVuSans-Bold.ttf");
        load("DejaVu Sans", false, true, "DejaVuSans-Oblique.ttf");
        load("DejaVu Sans", true, true, "DejaVuSans-BoldOblique.ttf");
        load("DejaVu Serif", false, false, "DejaVuSerif.ttf");
        load("DejaVu Serif", true, false, "DejaVuSerif-Bold.ttf");
        load("DejaVu Serif", false, true, "DejaVuSerif-Italic.ttf");
        load("DejaVu Serif", true, true, "DejaVuSerif-BoldItalic.ttf");
    }

    private final Map<String, Font> custom = new HashMap<>();

    private static void load(String family, boolean bold, boolean italic, String file) {
        try (InputStream in = Fonts.class.getResourceAsStream("/fonts/" + file)) {
            BUNDLED.put(key(family, bold, italic), Font.createFont(Font.TRUETYPE_FONT, in));
        } catch (IOException | FontFormatException | NullPointerException e) {
            throw new IllegalStateException("bundled font " + file + " is missing from the jar", e);
        }
    }

    private static String key(String family, boolean bold, boolean italic) {
        return family.toLowerCase(Locale.ROOT) + "|" + bold + "|" + italic;
    }

    public static boolean isBold(String weight) {
        if (weight == null) {
            return false;
        }
        String w = weight.toLowerCase(Locale.ROOT).replace("-", "").replace(" ", "");
        if (w.matches("[0-9]+")) {
            return Integer.parseInt(w) >= 600;
        }
        return w.equals("bold") || w.equals("semibold") || w.equals("extrabold") || w.equals("black")
                || w.equals("heavy");
    }

    /** Adds a request font; {@code path} names it in errors. */
    public void register(String name, String weight, String style, byte[] file, String path) {
        try {
            Font font = Font.createFont(Font.TRUETYPE_FONT, new ByteArrayInputStream(file));
            custom.put(key(name, isBold(weight), "italic".equals(style)), font);
        } catch (FontFormatException | IOException e) {
            throw ImageErrors.fail(ImageErrors.UNSUPPORTED_FORMAT, path + ": not a TrueType or OpenType font");
        }
    }

    /**
     * The face for a family, weight and style: an exact request font, else a bundled one, else the family's regular
     * face with the style synthesised by Java2D. Unknown families fail with {@code invalid_params}.
     */
    public Font font(String family, String weight, String style, float size, String path) {
        boolean bold = isBold(weight);
        boolean italic = "italic".equals(style);
        Font exact = custom.getOrDefault(key(family, bold, italic), BUNDLED.get(key(family, bold, italic)));
        if (exact != null) {
            return exact.deriveFont(size);
        }
        Font base = custom.getOrDefault(key(family, false, false), BUNDLED.get(key(family, false, false)));
        if (base == null) {
            throw ImageErrors.fail(ImageErrors.INVALID_PARAMS, path + ": unknown font '" + family + "'; bundled: "
                    + "DejaVu Sans, DejaVu Serif, or one of the request's fonts");
        }
        return base.deriveFont((bold ? Font.BOLD : 0) | (italic ? Font.ITALIC : 0), size);
    }
}
