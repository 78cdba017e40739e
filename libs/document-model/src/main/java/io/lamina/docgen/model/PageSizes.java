package io.lamina.docgen.model;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/** Iteration Layer's page size presets, portrait, in PostScript points (1/72 inch). */
public final class PageSizes {

    /** Width and height in points. */
    public record Size(float width, float height) {

        public Size landscape() {
            return width >= height ? this : new Size(height, width);
        }

        public Size portrait() {
            return width <= height ? this : new Size(height, width);
        }
    }

    public static final Size A4 = new Size(595.28f, 841.89f);

    private static final Map<String, Size> PRESETS = new LinkedHashMap<>();

    static {
        PRESETS.put("A0", new Size(2383.94f, 3370.39f));
        PRESETS.put("A1", new Size(1683.78f, 2383.94f));
        PRESETS.put("A2", new Size(1190.55f, 1683.78f));
        PRESETS.put("A3", new Size(841.89f, 1190.55f));
        PRESETS.put("A4", A4);
        PRESETS.put("A5", new Size(419.53f, 595.28f));
        PRESETS.put("A6", new Size(297.64f, 419.53f));
        PRESETS.put("B0", new Size(2834.65f, 4008.19f));
        PRESETS.put("B1", new Size(2004.09f, 2834.65f));
        PRESETS.put("B2", new Size(1417.32f, 2004.09f));
        PRESETS.put("B3", new Size(1000.63f, 1417.32f));
        PRESETS.put("B4", new Size(708.66f, 1000.63f));
        PRESETS.put("B5", new Size(498.9f, 708.66f));
        PRESETS.put("B6", new Size(354.33f, 498.9f));
        PRESETS.put("Letter", new Size(612, 792));
        PRESETS.put("Legal", new Size(612, 1008));
        PRESETS.put("Tabloid", new Size(792, 1224));
        PRESETS.put("Executive", new Size(522, 756));
        PRESETS.put("Statement", new Size(396, 612));
    }

    private PageSizes() {
    }

    public static Optional<Size> preset(String name) {
        return Optional.ofNullable(PRESETS.get(name));
    }

    public static Iterable<String> presetNames() {
        return PRESETS.keySet();
    }
}
