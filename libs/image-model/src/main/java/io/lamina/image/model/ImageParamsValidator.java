package io.lamina.image.model;

import com.fasterxml.jackson.databind.JsonNode;
import io.lamina.contracts.Operation;
import io.lamina.params.ParamsProblem;
import io.lamina.params.ParamsValidator;
import io.lamina.params.Problems;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Validates the params of {@code image_transformation} (Iteration Layer's {@code TransformImageRequest}: a file and
 * an ordered list of operations) and {@code image_generation} ({@code GenerateImageRequest}: dimensions, fonts and
 * layers). Field names, types and ranges follow Iteration Layer's SDK types; the upper bounds are Lamina's
 * ({@link ImageLimits}). Unknown fields are refused, so a misspelt option never passes silently.
 */
public final class ImageParamsValidator implements ParamsValidator {

    /** Every transformation with the fields it accepts besides {@code type}. */
    public static final Map<String, Set<String>> TRANSFORMATIONS = Map.ofEntries(
            Map.entry("resize", Set.of("width_in_px", "height_in_px", "fit")),
            Map.entry("crop", Set.of("left_in_px", "top_in_px", "width_in_px", "height_in_px")),
            Map.entry("extend", Set.of("top_in_px", "bottom_in_px", "left_in_px", "right_in_px", "hex_color")),
            Map.entry("trim", Set.of("threshold")),
            Map.entry("rotate", Set.of("angle_in_degrees", "hex_color")),
            Map.entry("flip", Set.of()),
            Map.entry("flop", Set.of()),
            Map.entry("blur", Set.of("sigma")),
            Map.entry("sharpen", Set.of("sigma")),
            Map.entry("modulate", Set.of("brightness", "saturation", "hue")),
            Map.entry("tint", Set.of("hex_color")),
            Map.entry("grayscale", Set.of()),
            Map.entry("invert_colors", Set.of()),
            Map.entry("auto_contrast", Set.of()),
            Map.entry("gamma", Set.of("gamma")),
            Map.entry("remove_transparency", Set.of("hex_color")),
            Map.entry("threshold", Set.of("value", "is_grayscale")),
            Map.entry("denoise", Set.of("size")),
            Map.entry("opacity", Set.of("opacity_in_percent")),
            Map.entry("convert", Set.of("format", "quality", "keep_metadata")),
            Map.entry("upscale", Set.of("factor")),
            Map.entry("smart_crop", Set.of("width_in_px", "height_in_px")),
            Map.entry("compress_to_size", Set.of("max_file_size_in_bytes")),
            Map.entry("remove_background", Set.of("background_hex_color")));

    /** Output formats of {@code convert}: Iteration Layer's five plus the classic gif, tiff and bmp. */
    public static final Set<String> CONVERT_FORMATS = Set.of("png", "jpeg", "webp", "avif", "heif", "gif", "tiff",
            "bmp");
    public static final Set<String> GENERATION_FORMATS = Set.of("png", "jpeg", "webp", "tiff", "gif", "avif");
    public static final Set<String> FITS = Set.of("cover", "contain", "fill", "inside", "outside");
    public static final Set<String> BARCODE_FORMATS = Set.of("code128", "ean13", "ean8", "code39", "itf", "codabar");

    private static final Set<String> RADII = Set.of("border_radius", "border_top_left_radius",
            "border_top_right_radius", "border_bottom_left_radius", "border_bottom_right_radius");
    private static final Set<String> COMMON = Set.of("type", "index", "opacity", "rotation_in_degrees", "position",
            "dimensions");
    private static final Map<String, Set<String>> LAYERS = Map.of(
            "solid-color", union(COMMON, RADII, Set.of("hex_color", "angled_edges")),
            "gradient", union(COMMON, RADII, Set.of("gradient_type", "colors", "angle_in_degrees")),
            "text", union(COMMON, Set.of("text", "font_name", "font_size_in_px", "font_style", "font_weight",
                    "text_color", "text_align", "vertical_align", "is_splitting_lines", "should_auto_scale",
                    "paragraph_spacing_in_px")),
            "image", union(COMMON, RADII, Set.of("file", "should_remove_background", "should_use_smart_cropping")),
            "qr-code", union(COMMON, Set.of("value", "foreground_hex_color", "background_hex_color")),
            "barcode", union(COMMON, Set.of("value", "format", "foreground_hex_color", "background_hex_color")),
            "layout", union(COMMON, RADII, Set.of("layers", "background_layers", "background_color", "direction",
                    "gap", "padding", "padding_top", "padding_right", "padding_bottom", "padding_left",
                    "horizontal_alignment", "vertical_alignment")));

    @Override
    public Set<Operation> operations() {
        return Set.of(Operation.IMAGE_TRANSFORMATION, Operation.IMAGE_GENERATION);
    }

    @Override
    public List<ParamsProblem> validate(Operation operation, JsonNode params) {
        Problems problems = new Problems();
        if (params == null || !params.isObject()) {
            problems.add("", "params must be an object");
            return problems.list();
        }
        if (operation == Operation.IMAGE_TRANSFORMATION) {
            transformation(params, problems);
        } else if (operation == Operation.IMAGE_GENERATION) {
            generation(params, problems);
        } else {
            problems.add("", "not an image operation: " + operation.id());
        }
        return problems.list();
    }

    private static void transformation(JsonNode params, Problems problems) {
        Fields f = new Fields(params, "", problems);
        f.onlyKnown(Set.of("file", "operations"));
        f.file("file", true);
        if (!f.array("operations", true, 1, ImageLimits.MAX_OPERATIONS)) {
            return;
        }
        JsonNode operations = params.get("operations");
        for (int i = 0; i < operations.size(); i++) {
            operation(operations.get(i), Problems.index("operations", i), problems);
        }
    }

    private static void operation(JsonNode op, String path, Problems problems) {
        if (Fields.isReference(op)) {
            return;
        }
        if (!op.isObject()) {
            problems.add(path, "must be an object with a 'type'");
            return;
        }
        Fields f = new Fields(op, path, problems);
        String type = op.path("type").asText("");
        Set<String> fields = TRANSFORMATIONS.get(type);
        if (fields == null) {
            problems.add(f.path("type"), op.has("type")
                    ? "unknown operation '" + type + "'; one of " + String.join(", ", TRANSFORMATIONS.keySet().stream()
                    .sorted().toList())
                    : "is required");
            return;
        }
        f.onlyKnown(union(fields, Set.of("type")));
        int max = ImageLimits.MAX_DIMENSION;
        switch (type) {
            case "resize" -> {
                f.integer("width_in_px", true, 1, max);
                f.integer("height_in_px", true, 1, max);
                f.oneOf("fit", true, FITS);
            }
            case "crop" -> {
                f.integer("left_in_px", true, 0, max);
                f.integer("top_in_px", true, 0, max);
                f.integer("width_in_px", true, 1, max);
                f.integer("height_in_px", true, 1, max);
            }
            case "extend" -> {
                for (String side : List.of("top_in_px", "bottom_in_px", "left_in_px", "right_in_px")) {
                    f.integer(side, true, 0, max);
                }
                f.hexColor("hex_color", true);
            }
            case "trim" -> f.number("threshold", true, 0, 255, false);
            case "rotate" -> {
                f.number("angle_in_degrees", true, -360, 360, false);
                f.hexColor("hex_color", false);
            }
            case "blur", "sharpen" -> f.positive("sigma", true, 0, ImageLimits.MAX_SIGMA);
            case "modulate" -> {
                f.number("brightness", false, 0, 10, false);
                f.number("saturation", false, 0, 10, false);
                f.number("hue", false, -360, 360, false);
            }
            case "tint", "remove_transparency" -> f.hexColor("hex_color", true);
            case "gamma" -> f.positive("gamma", true, 0, 10);
            case "threshold" -> {
                f.integer("value", true, 0, 255);
                f.bool("is_grayscale", true);
            }
            case "denoise" -> f.integer("size", true, 1, ImageLimits.MAX_DENOISE_SIZE);
            case "opacity" -> f.number("opacity_in_percent", true, 0, 100, false);
            case "convert" -> {
                f.oneOf("format", true, CONVERT_FORMATS);
                f.integer("quality", false, 1, 100);
                f.bool("keep_metadata", false);
            }
            case "upscale" -> f.integer("factor", true, 2, 4);
            case "smart_crop" -> {
                f.integer("width_in_px", true, 1, max);
                f.integer("height_in_px", true, 1, max);
            }
            case "compress_to_size" -> f.integer("max_file_size_in_bytes", true, 1, Integer.MAX_VALUE);
            case "remove_background" -> f.hexColor("background_hex_color", false);
            default -> {
                // flip, flop, grayscale, invert_colors, auto_contrast: no fields
            }
        }
    }

    private static void generation(JsonNode params, Problems problems) {
        Fields f = new Fields(params, "", problems);
        f.onlyKnown(Set.of("dimensions", "fonts", "layers", "output_format"));
        dimensions(f, "dimensions", true, problems);
        f.oneOf("output_format", false, GENERATION_FORMATS);
        if (f.array("fonts", false, 0, ImageLimits.MAX_FONTS)) {
            JsonNode fonts = params.get("fonts");
            for (int i = 0; i < fonts.size(); i++) {
                font(fonts.get(i), Problems.index("fonts", i), problems);
            }
        }
        if (f.array("layers", true, 1, ImageLimits.MAX_LAYERS)) {
            layers(params.get("layers"), "layers", 1, problems);
        }
    }

    private static void font(JsonNode font, String path, Problems problems) {
        if (!font.isObject()) {
            problems.add(path, "must be an object");
            return;
        }
        Fields f = new Fields(font, path, problems);
        f.onlyKnown(Set.of("name", "file", "style", "weight"));
        f.text("name", true, 200);
        f.file("file", true);
        f.oneOf("style", true, Set.of("normal", "italic"));
        f.text("weight", true, 50);
    }

    private static void layers(JsonNode layers, String path, int depth, Problems problems) {
        for (int i = 0; i < layers.size(); i++) {
            layer(layers.get(i), Problems.index(path, i), depth, problems);
        }
    }

    private static void layer(JsonNode layer, String path, int depth, Problems problems) {
        if (!layer.isObject()) {
            problems.add(path, "must be an object with a 'type'");
            return;
        }
        Fields f = new Fields(layer, path, problems);
        String type = layer.path("type").asText("");
        Set<String> fields = LAYERS.get(type);
        if (fields == null) {
            problems.add(f.path("type"), layer.has("type")
                    ? "unknown layer type '" + type + "'; one of " + String.join(", ", LAYERS.keySet().stream()
                    .sorted().toList())
                    : "is required");
            return;
        }
        f.onlyKnown(fields);
        f.integer("index", true, 0, 1_000_000);
        f.number("opacity", false, 0, 100, false);
        f.number("rotation_in_degrees", false, -180, 180, false);
        boolean placed = type.equals("text") || type.equals("qr-code") || type.equals("barcode")
                || type.equals("gradient");
        if (f.object("position", placed)) {
            Fields p = new Fields(layer.get("position"), f.path("position"), problems);
            p.onlyKnown(Set.of("x_in_px", "y_in_px"));
            p.integer("x_in_px", true, 0, ImageLimits.MAX_DIMENSION);
            p.integer("y_in_px", true, 0, ImageLimits.MAX_DIMENSION);
        }
        dimensions(f, "dimensions", placed, problems);
        if (fields.contains("border_radius")) {
            for (String radius : RADII) {
                f.number(radius, false, 0, ImageLimits.MAX_DIMENSION, false);
            }
            if (f.has("border_radius") && RADII.stream().anyMatch(r -> !r.equals("border_radius") && f.has(r))) {
                problems.add(f.path("border_radius"), "cannot be combined with per-corner radii");
            }
        }
        switch (type) {
            case "solid-color" -> {
                f.hexColor("hex_color", true);
                if (f.array("angled_edges", false, 0, 4)) {
                    JsonNode edges = layer.get("angled_edges");
                    for (int i = 0; i < edges.size(); i++) {
                        String edgePath = Problems.index(f.path("angled_edges"), i);
                        if (!edges.get(i).isObject()) {
                            problems.add(edgePath, "must be an object");
                            continue;
                        }
                        Fields e = new Fields(edges.get(i), edgePath, problems);
                        e.onlyKnown(Set.of("edge", "angle_in_degrees"));
                        e.oneOf("edge", true, Set.of("left", "right", "top", "bottom"));
                        e.number("angle_in_degrees", true, -45, 45, false);
                    }
                }
            }
            case "gradient" -> {
                f.oneOf("gradient_type", true, Set.of("linear", "radial"));
                f.number("angle_in_degrees", false, -360, 360, false);
                if (f.array("colors", true, 2, 32)) {
                    JsonNode colors = layer.get("colors");
                    for (int i = 0; i < colors.size(); i++) {
                        String stopPath = Problems.index(f.path("colors"), i);
                        if (!colors.get(i).isObject()) {
                            problems.add(stopPath, "must be an object");
                            continue;
                        }
                        Fields s = new Fields(colors.get(i), stopPath, problems);
                        s.onlyKnown(Set.of("hex_color", "position"));
                        s.hexColor("hex_color", true);
                        s.number("position", true, 0, 100, false);
                    }
                }
            }
            case "text" -> {
                f.text("text", true, ImageLimits.MAX_TEXT_LENGTH);
                f.text("font_name", true, 200);
                f.positive("font_size_in_px", true, 0, 2000);
                f.oneOf("font_style", false, Set.of("normal", "italic"));
                f.text("font_weight", false, 50);
                f.hexColor("text_color", true);
                f.oneOf("text_align", false, Set.of("left", "center", "right"));
                f.oneOf("vertical_align", false, Set.of("top", "center", "bottom"));
                f.bool("is_splitting_lines", false);
                f.bool("should_auto_scale", false);
                f.number("paragraph_spacing_in_px", false, 0, ImageLimits.MAX_DIMENSION, false);
            }
            case "image" -> {
                f.file("file", true);
                f.bool("should_remove_background", false);
                f.bool("should_use_smart_cropping", false);
            }
            case "qr-code" -> {
                f.text("value", true, 2953);
                f.hexColor("foreground_hex_color", true);
                f.hexColor("background_hex_color", true);
            }
            case "barcode" -> {
                f.text("value", true, 80);
                f.oneOf("format", true, BARCODE_FORMATS);
                f.hexColor("foreground_hex_color", true);
                f.hexColor("background_hex_color", true);
                if (f.has("format") && f.has("value") && !Fields.isReference(f.get("value"))
                        && !Fields.isReference(f.get("format"))) {
                    String problem = BarcodeValues.problem(f.get("format").asText(), f.get("value").asText());
                    if (problem != null) {
                        problems.add(f.path("value"), problem);
                    }
                }
            }
            case "layout" -> {
                f.hexColor("background_color", false);
                f.oneOf("direction", false, Set.of("horizontal", "vertical"));
                f.number("gap", false, 0, ImageLimits.MAX_DIMENSION, false);
                for (String padding : List.of("padding", "padding_top", "padding_right", "padding_bottom",
                        "padding_left")) {
                    f.number(padding, false, 0, ImageLimits.MAX_DIMENSION, false);
                }
                f.oneOf("horizontal_alignment", false, Set.of("start", "center", "end"));
                f.oneOf("vertical_alignment", false, Set.of("start", "center", "end"));
                if (depth >= ImageLimits.MAX_LAYOUT_DEPTH) {
                    problems.add(path, "layouts may be nested at most " + ImageLimits.MAX_LAYOUT_DEPTH + " deep");
                    return;
                }
                if (f.array("layers", true, 1, ImageLimits.MAX_LAYERS)) {
                    layers(layer.get("layers"), f.path("layers"), depth + 1, problems);
                }
                if (f.array("background_layers", false, 0, ImageLimits.MAX_LAYERS)) {
                    layers(layer.get("background_layers"), f.path("background_layers"), depth + 1, problems);
                }
            }
            default -> throw new IllegalStateException(type);
        }
    }

    private static void dimensions(Fields parent, String name, boolean required, Problems problems) {
        if (!parent.object(name, required)) {
            return;
        }
        Fields d = new Fields(parent.get(name), parent.path(name), problems);
        d.onlyKnown(Set.of("width_in_px", "height_in_px"));
        d.integer("width_in_px", true, 1, ImageLimits.MAX_DIMENSION);
        d.integer("height_in_px", true, 1, ImageLimits.MAX_DIMENSION);
    }

    @SafeVarargs
    private static Set<String> union(Set<String>... sets) {
        Set<String> all = new HashSet<>();
        for (Set<String> s : sets) {
            all.addAll(s);
        }
        return Set.copyOf(all);
    }
}
