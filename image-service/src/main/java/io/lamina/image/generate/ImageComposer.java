package io.lamina.image.generate;

import com.fasterxml.jackson.databind.JsonNode;
import io.lamina.image.codec.ImageErrors;
import io.lamina.image.codec.Pixels;
import io.lamina.image.config.ImageSettings;
import io.lamina.image.transform.BackgroundRemoval;
import io.lamina.image.transform.Colors;
import io.lamina.image.transform.Geometry;
import io.lamina.image.transform.SmartCrop;

import java.awt.AlphaComposite;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.LinearGradientPaint;
import java.awt.MultipleGradientPaint;
import java.awt.RadialGradientPaint;
import java.awt.RenderingHints;
import java.awt.Shape;
import java.awt.geom.AffineTransform;
import java.awt.geom.Path2D;
import java.awt.geom.Point2D;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * {@code image_generation}: a canvas of the request's dimensions (transparent) with its layers drawn in {@code index}
 * order. Each layer is rendered into its own box (position and dimensions), then composited with its opacity and
 * rotation (clockwise, around the box centre). Layouts place their children in a row or a column with gap, padding
 * and alignment; a child's own position is ignored there.
 */
public final class ImageComposer {

    /** Loads and decodes an image layer's file; {@code path} names it in errors. */
    public interface ImageSource {
        BufferedImage load(JsonNode file, String path);
    }

    private final ImageSettings settings;
    private final Fonts fonts;
    private final ImageSource source;
    private final java.util.Map<String, BufferedImage> loaded = new java.util.HashMap<>();
    private final ImageSource images = this::loadOnce;

    public ImageComposer(ImageSettings settings, Fonts fonts, ImageSource images) {
        this.settings = settings;
        this.fonts = fonts;
        this.source = images;
    }

    private BufferedImage loadOnce(JsonNode file, String path) {
        return loaded.computeIfAbsent(path, p -> source.load(file, p));
    }

    public BufferedImage compose(JsonNode params) {
        int w = params.path("dimensions").path("width_in_px").asInt();
        int h = params.path("dimensions").path("height_in_px").asInt();
        checkSize((long) w * h, "dimensions");
        BufferedImage canvas = Pixels.blank(w, h, true);
        Graphics2D g = graphics(canvas);
        try {
            for (Indexed layer : sorted(params.path("layers"), "layers")) {
                JsonNode l = layer.node();
                int[] size = size(l, w - x(l), h - y(l), layer.path());
                place(g, render(l, size[0], size[1], layer.path()), x(l), y(l), l);
            }
        } finally {
            g.dispose();
        }
        return canvas;
    }

    private record Indexed(JsonNode node, String path) {
    }

    private static List<Indexed> sorted(JsonNode layers, String path) {
        List<Indexed> list = new ArrayList<>();
        for (int i = 0; i < layers.size(); i++) {
            list.add(new Indexed(layers.get(i), path + "[" + i + "]"));
        }
        list.sort(Comparator.comparingInt(l -> l.node().path("index").asInt()));
        return list;
    }

    private static int x(JsonNode l) {
        return l.path("position").path("x_in_px").asInt(0);
    }

    private static int y(JsonNode l) {
        return l.path("position").path("y_in_px").asInt(0);
    }

    /** The layer's box: its dimensions, else its natural size (images, layouts), else what is left of the parent. */
    private int[] size(JsonNode l, int availableW, int availableH, String path) {
        JsonNode d = l.path("dimensions");
        if (d.isObject()) {
            return new int[]{d.path("width_in_px").asInt(), d.path("height_in_px").asInt()};
        }
        return switch (l.path("type").asText()) {
            case "image" -> {
                BufferedImage image = images.load(l.path("file"), path + ".file");
                yield new int[]{image.getWidth(), image.getHeight()};
            }
            case "layout" -> layoutSize(l, availableW, availableH, path);
            default -> new int[]{Math.max(1, availableW), Math.max(1, availableH)};
        };
    }

    private BufferedImage render(JsonNode l, int w, int h, String path) {
        checkSize((long) w * h, path + ".dimensions");
        BufferedImage content = switch (l.path("type").asText()) {
            case "solid-color" -> solid(l, w, h);
            case "gradient" -> gradient(l, w, h);
            case "text" -> text(l, w, h, path);
            case "image" -> image(l, w, h, path);
            case "qr-code" -> Codes.qr(l.path("value").asText(), w, h, Colors.parse(l.path("foreground_hex_color").asText()),
                    Colors.parse(l.path("background_hex_color").asText()), path);
            case "barcode" -> Codes.barcode(l.path("format").asText(), l.path("value").asText(), w, h,
                    Colors.parse(l.path("foreground_hex_color").asText()),
                    Colors.parse(l.path("background_hex_color").asText()), path);
            case "layout" -> layout(l, w, h, path);
            default -> throw ImageErrors.fail(ImageErrors.INVALID_PARAMS, path + ".type: unknown layer type");
        };
        return rounded(content, l);
    }

    private void place(Graphics2D g, BufferedImage content, int x, int y, JsonNode l) {
        double opacity = l.path("opacity").asDouble(100) / 100.0;
        double rotation = l.path("rotation_in_degrees").asDouble(0);
        AffineTransform saved = g.getTransform();
        g.setComposite(AlphaComposite.getInstance(AlphaComposite.SRC_OVER, (float) Math.max(0, Math.min(1, opacity))));
        if (rotation != 0) {
            g.rotate(Math.toRadians(rotation), x + content.getWidth() / 2.0, y + content.getHeight() / 2.0);
        }
        g.drawImage(content, x, y, null);
        g.setTransform(saved);
        g.setComposite(AlphaComposite.SrcOver);
    }

    private static BufferedImage solid(JsonNode l, int w, int h) {
        BufferedImage out = Pixels.blank(w, h, true);
        Graphics2D g = graphics(out);
        try {
            g.setColor(Colors.color(l.path("hex_color").asText()));
            g.fill(angled(l.path("angled_edges"), w, h));
        } finally {
            g.dispose();
        }
        return out;
    }

    /** The box with each named edge tilted by its angle (the edge pivots on its first corner). */
    private static Shape angled(JsonNode edges, int w, int h) {
        double[] xs = {0, w, w, 0};
        double[] ys = {0, 0, h, h};
        for (JsonNode edge : edges) {
            double t = Math.tan(Math.toRadians(edge.path("angle_in_degrees").asDouble()));
            switch (edge.path("edge").asText()) {
                case "top" -> ys[1] += w * t;
                case "bottom" -> ys[2] -= w * t;
                case "left" -> xs[3] += h * t;
                case "right" -> xs[2] -= h * t;
                default -> { }
            }
        }
        Path2D path = new Path2D.Double();
        path.moveTo(xs[0], ys[0]);
        for (int i = 1; i < 4; i++) {
            path.lineTo(xs[i], ys[i]);
        }
        path.closePath();
        return path;
    }

    /** Linear: 0° runs left to right, 90° top to bottom. Radial: from the centre to the farthest corner. */
    private static BufferedImage gradient(JsonNode l, int w, int h) {
        List<float[]> stops = new ArrayList<>();
        for (JsonNode stop : l.path("colors")) {
            stops.add(new float[]{(float) (stop.path("position").asDouble() / 100.0), Colors.parse(stop.path("hex_color").asText())});
        }
        stops.sort(Comparator.comparingDouble(s -> s[0]));
        float[] fractions = new float[stops.size()];
        Color[] colors = new Color[stops.size()];
        float previous = -1;
        for (int i = 0; i < stops.size(); i++) {
            // Java needs strictly increasing fractions: equal positions are nudged apart.
            float f = Math.max(stops.get(i)[0], previous + 1e-4f);
            fractions[i] = Math.min(1f, f);
            previous = fractions[i];
            colors[i] = new Color((int) stops.get(i)[1], true);
        }
        for (int i = fractions.length - 2; i >= 0; i--) {
            if (fractions[i] >= fractions[i + 1]) {
                fractions[i] = fractions[i + 1] - 1e-4f;
            }
        }
        java.awt.Paint paint;
        if (l.path("gradient_type").asText().equals("radial")) {
            float radius = (float) Math.hypot(w / 2.0, h / 2.0);
            paint = new RadialGradientPaint(new Point2D.Double(w / 2.0, h / 2.0), Math.max(radius, 1f), fractions, colors);
        } else {
            double angle = Math.toRadians(l.path("angle_in_degrees").asDouble(0));
            double dx = Math.cos(angle);
            double dy = Math.sin(angle);
            double half = (Math.abs(dx) * w + Math.abs(dy) * h) / 2;
            Point2D start = new Point2D.Double(w / 2.0 - dx * half, h / 2.0 - dy * half);
            Point2D end = new Point2D.Double(w / 2.0 + dx * half, h / 2.0 + dy * half);
            if (start.distance(end) < 1e-6) {
                end = new Point2D.Double(start.getX() + 1, start.getY());
            }
            paint = new LinearGradientPaint(start, end, fractions, colors, MultipleGradientPaint.CycleMethod.NO_CYCLE);
        }
        BufferedImage out = Pixels.blank(w, h, true);
        Graphics2D g = graphics(out);
        try {
            g.setPaint(paint);
            g.fillRect(0, 0, w, h);
        } finally {
            g.dispose();
        }
        return out;
    }

    private BufferedImage text(JsonNode l, int w, int h, String path) {
        java.awt.Font font = fonts.font(l.path("font_name").asText(), l.path("font_weight").asText("regular"),
                l.path("font_style").asText("normal"), (float) l.path("font_size_in_px").asDouble(), path + ".font_name");
        TextRenderer.Style style = new TextRenderer.Style(font, Colors.parse(l.path("text_color").asText()),
                l.path("text_align").asText("left"), l.path("vertical_align").asText("top"),
                l.path("is_splitting_lines").asBoolean(true), l.path("paragraph_spacing_in_px").asDouble(0));
        return TextRenderer.render(l.path("text").asText(), style, l.path("should_auto_scale").asBoolean(false), w, h);
    }

    /** The picture scaled to cover the box (centred, or entropy-based with smart cropping). */
    private BufferedImage image(JsonNode l, int w, int h, String path) {
        BufferedImage image = images.load(l.path("file"), path + ".file");
        if (l.path("should_remove_background").asBoolean(false)) {
            image = BackgroundRemoval.remove(image, null);
        }
        if (image.getWidth() != w || image.getHeight() != h) {
            image = l.path("should_use_smart_cropping").asBoolean(false) ? SmartCrop.crop(image, w, h)
                    : Geometry.resize(image, w, h, "cover");
        }
        return Pixels.argb(image);
    }

    private int[] layoutSize(JsonNode l, int availableW, int availableH, String path) {
        boolean horizontal = !l.path("direction").asText("horizontal").equals("vertical");
        double[] pad = padding(l);
        double gap = l.path("gap").asDouble(0);
        double main = 0;
        double cross = 0;
        List<Indexed> children = sorted(l.path("layers"), path + ".layers");
        int innerW = (int) Math.max(1, availableW - pad[1] - pad[3]);
        int innerH = (int) Math.max(1, availableH - pad[0] - pad[2]);
        for (Indexed child : children) {
            int[] s = size(child.node(), innerW, innerH, child.path());
            main += horizontal ? s[0] : s[1];
            cross = Math.max(cross, horizontal ? s[1] : s[0]);
        }
        main += gap * Math.max(0, children.size() - 1);
        return horizontal ? new int[]{(int) Math.ceil(main + pad[1] + pad[3]), (int) Math.ceil(cross + pad[0] + pad[2])}
                : new int[]{(int) Math.ceil(cross + pad[1] + pad[3]), (int) Math.ceil(main + pad[0] + pad[2])};
    }

    /** Top, right, bottom, left. */
    private static double[] padding(JsonNode l) {
        double all = l.path("padding").asDouble(0);
        return new double[]{l.path("padding_top").asDouble(all), l.path("padding_right").asDouble(all),
                l.path("padding_bottom").asDouble(all), l.path("padding_left").asDouble(all)};
    }

    private BufferedImage layout(JsonNode l, int w, int h, String path) {
        BufferedImage out = Pixels.blank(w, h, true);
        Graphics2D g = graphics(out);
        try {
            if (l.hasNonNull("background_color")) {
                g.setColor(Colors.color(l.path("background_color").asText()));
                g.fillRect(0, 0, w, h);
            }
            for (Indexed bg : sorted(l.path("background_layers"), path + ".background_layers")) {
                JsonNode b = bg.node();
                int[] s = size(b, w - x(b), h - y(b), bg.path());
                place(g, render(b, s[0], s[1], bg.path()), x(b), y(b), b);
            }
            boolean horizontal = !l.path("direction").asText("horizontal").equals("vertical");
            double[] pad = padding(l);
            double gap = l.path("gap").asDouble(0);
            int innerW = (int) Math.max(1, w - pad[1] - pad[3]);
            int innerH = (int) Math.max(1, h - pad[0] - pad[2]);
            List<Indexed> children = sorted(l.path("layers"), path + ".layers");
            List<int[]> sizes = new ArrayList<>();
            double main = gap * Math.max(0, children.size() - 1);
            for (Indexed child : children) {
                int[] s = size(child.node(), innerW, innerH, child.path());
                sizes.add(s);
                main += horizontal ? s[0] : s[1];
            }
            String mainAlign = horizontal ? l.path("horizontal_alignment").asText("start")
                    : l.path("vertical_alignment").asText("start");
            String crossAlign = horizontal ? l.path("vertical_alignment").asText("start")
                    : l.path("horizontal_alignment").asText("start");
            double free = (horizontal ? innerW : innerH) - main;
            double cursor = (horizontal ? pad[3] : pad[0]) + offset(mainAlign, free);
            for (int i = 0; i < children.size(); i++) {
                int[] s = sizes.get(i);
                double crossFree = (horizontal ? innerH - s[1] : innerW - s[0]);
                double crossAt = (horizontal ? pad[0] : pad[3]) + offset(crossAlign, crossFree);
                int cx = (int) Math.round(horizontal ? cursor : crossAt);
                int cy = (int) Math.round(horizontal ? crossAt : cursor);
                Indexed child = children.get(i);
                place(g, render(child.node(), s[0], s[1], child.path()), cx, cy, child.node());
                cursor += (horizontal ? s[0] : s[1]) + gap;
            }
        } finally {
            g.dispose();
        }
        return out;
    }

    private static double offset(String align, double free) {
        return switch (align) {
            case "center" -> free / 2;
            case "end" -> free;
            default -> 0;
        };
    }

    /** Clips to the layer's rounded corners (uniform or per corner), antialiased. */
    private static BufferedImage rounded(BufferedImage content, JsonNode l) {
        double all = l.path("border_radius").asDouble(0);
        double tl = l.path("border_top_left_radius").asDouble(all);
        double tr = l.path("border_top_right_radius").asDouble(all);
        double br = l.path("border_bottom_right_radius").asDouble(all);
        double bl = l.path("border_bottom_left_radius").asDouble(all);
        if (tl == 0 && tr == 0 && br == 0 && bl == 0) {
            return content;
        }
        int w = content.getWidth();
        int h = content.getHeight();
        double max = Math.min(w, h) / 2.0;
        tl = Math.min(tl, max);
        tr = Math.min(tr, max);
        br = Math.min(br, max);
        bl = Math.min(bl, max);
        Path2D shape = new Path2D.Double();
        shape.moveTo(tl, 0);
        shape.lineTo(w - tr, 0);
        shape.quadTo(w, 0, w, tr);
        shape.lineTo(w, h - br);
        shape.quadTo(w, h, w - br, h);
        shape.lineTo(bl, h);
        shape.quadTo(0, h, 0, h - bl);
        shape.lineTo(0, tl);
        shape.quadTo(0, 0, tl, 0);
        shape.closePath();
        BufferedImage mask = Pixels.blank(w, h, true);
        Graphics2D m = graphics(mask);
        m.setColor(Color.WHITE);
        m.fill(shape);
        m.dispose();
        BufferedImage out = Pixels.argb(content);
        if (out == content) {
            out = Pixels.copy(content, BufferedImage.TYPE_INT_ARGB);
        }
        Graphics2D g = out.createGraphics();
        g.setComposite(AlphaComposite.DstIn);
        g.drawImage(mask, 0, 0, null);
        g.dispose();
        return out;
    }

    private void checkSize(long pixels, String path) {
        if (pixels > settings.maxOutputPixels()) {
            throw ImageErrors.fail(ImageErrors.LIMIT_EXCEEDED, path + ": " + pixels + " pixels; the limit is "
                    + settings.maxOutputPixels() + " (lamina.images.max-output-pixels)");
        }
    }

    private static Graphics2D graphics(BufferedImage image) {
        Graphics2D g = image.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
        g.setRenderingHint(RenderingHints.KEY_RENDERING, RenderingHints.VALUE_RENDER_QUALITY);
        return g;
    }
}
