package io.lamina.image.transform;

import io.lamina.image.codec.Pixels;

import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.AffineTransform;
import java.awt.image.BufferedImage;

/** Operations that move pixels: resize with its five fits, crop, extend, trim, rotate, flip, flop. */
public final class Geometry {

    private Geometry() {
    }

    /**
     * The size {@code resize} produces from {@code w × h}: fill stretches to the box; cover and contain give the box
     * (cover crops the overflow, contain pads with transparency); inside is the largest size within the box and
     * outside the smallest that covers it, both keeping the aspect ratio.
     */
    public static int[] scaledSize(int w, int h, int boxW, int boxH, String fit) {
        double sx = (double) boxW / w;
        double sy = (double) boxH / h;
        double s = switch (fit) {
            case "cover", "outside" -> Math.max(sx, sy);
            default -> Math.min(sx, sy);
        };
        if (fit.equals("fill")) {
            return new int[]{boxW, boxH};
        }
        return new int[]{Math.max(1, (int) Math.round(w * s)), Math.max(1, (int) Math.round(h * s))};
    }

    public static BufferedImage resize(BufferedImage image, int boxW, int boxH, String fit) {
        int[] size = scaledSize(image.getWidth(), image.getHeight(), boxW, boxH, fit);
        BufferedImage scaled = Resampling.scale(image, size[0], size[1]);
        return switch (fit) {
            case "cover" -> crop(scaled, (size[0] - boxW) / 2, (size[1] - boxH) / 2, boxW, boxH);
            case "contain" -> {
                if (size[0] == boxW && size[1] == boxH) {
                    yield scaled;
                }
                BufferedImage out = Pixels.blank(boxW, boxH, true);
                draw(out, scaled, (boxW - size[0]) / 2, (boxH - size[1]) / 2);
                yield out;
            }
            default -> scaled;
        };
    }

    /** The area must lie inside the image (checked by the caller, which knows the operation's path). */
    public static BufferedImage crop(BufferedImage image, int left, int top, int width, int height) {
        BufferedImage src = Pixels.toInt(image);
        BufferedImage out = Pixels.blank(width, height, src.getColorModel().hasAlpha());
        int[] in = Pixels.data(src);
        int[] px = Pixels.data(out);
        for (int y = 0; y < height; y++) {
            System.arraycopy(in, (top + y) * src.getWidth() + left, px, y * width, width);
        }
        return out;
    }

    public static BufferedImage extend(BufferedImage image, int top, int bottom, int left, int right, int color) {
        int w = image.getWidth() + left + right;
        int h = image.getHeight() + top + bottom;
        BufferedImage src = Pixels.toInt(image);
        BufferedImage out = Pixels.blank(w, h, src.getColorModel().hasAlpha());
        int[] px = Pixels.data(out);
        java.util.Arrays.fill(px, color);
        int[] in = Pixels.data(src);
        for (int y = 0; y < src.getHeight(); y++) {
            System.arraycopy(in, y * src.getWidth(), px, (top + y) * w + left, src.getWidth());
        }
        return out;
    }

    /**
     * Removes borders of the top-left pixel's colour: rows and columns whose every pixel is within {@code threshold}
     * (largest channel difference, alpha included) of it. An image that is all border stays as it is.
     */
    public static BufferedImage trim(BufferedImage image, double threshold) {
        BufferedImage src = Pixels.toInt(image);
        int w = src.getWidth();
        int h = src.getHeight();
        int[] px = Pixels.data(src);
        // TYPE_INT_RGB leaves the top byte undefined: treat such pixels as opaque.
        int opaque = src.getColorModel().hasAlpha() ? 0 : 0xFF000000;
        int bg = px[0] | opaque;
        int minX = w, minY = h, maxX = -1, maxY = -1;
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                if (Colors.distance(px[y * w + x] | opaque, bg) > threshold) {
                    minX = Math.min(minX, x);
                    maxX = Math.max(maxX, x);
                    minY = Math.min(minY, y);
                    maxY = Math.max(maxY, y);
                }
            }
        }
        if (maxX < 0) {
            return src;
        }
        return crop(src, minX, minY, maxX - minX + 1, maxY - minY + 1);
    }

    /**
     * Rotates clockwise by {@code degrees}. Multiples of 90° move pixels exactly; other angles are resampled
     * bilinearly onto a canvas that holds the whole rotated image, its corners filled with {@code background}
     * (transparent when null).
     */
    public static BufferedImage rotate(BufferedImage image, double degrees, Integer background) {
        double normalized = ((degrees % 360) + 360) % 360;
        BufferedImage src = Pixels.toInt(image);
        if (normalized == 0) {
            return src;
        }
        if (normalized % 90 == 0) {
            return rightAngles(src, (int) (normalized / 90));
        }
        double rad = Math.toRadians(normalized);
        int w = src.getWidth();
        int h = src.getHeight();
        double cos = Math.abs(Math.cos(rad));
        double sin = Math.abs(Math.sin(rad));
        int outW = (int) Math.ceil(w * cos + h * sin - 1e-9);
        int outH = (int) Math.ceil(w * sin + h * cos - 1e-9);
        boolean alpha = background == null || src.getColorModel().hasAlpha();
        BufferedImage out = Pixels.blank(outW, outH, alpha);
        if (background != null) {
            java.util.Arrays.fill(Pixels.data(out), background);
        }
        Graphics2D g = out.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
            g.setRenderingHint(RenderingHints.KEY_RENDERING, RenderingHints.VALUE_RENDER_QUALITY);
            AffineTransform t = new AffineTransform();
            t.translate(outW / 2.0, outH / 2.0);
            t.rotate(rad);
            t.translate(-w / 2.0, -h / 2.0);
            g.drawImage(src, t, null);
        } finally {
            g.dispose();
        }
        return out;
    }

    /** Quarter turns clockwise, moving pixels without resampling. */
    static BufferedImage rightAngles(BufferedImage src, int quarters) {
        int w = src.getWidth();
        int h = src.getHeight();
        boolean swap = quarters % 2 == 1;
        int outW = swap ? h : w;
        int outH = swap ? w : h;
        BufferedImage out = new BufferedImage(outW, outH, src.getType());
        int[] in = Pixels.data(src);
        int[] px = Pixels.data(out);
        for (int y = 0; y < outH; y++) {
            for (int x = 0; x < outW; x++) {
                int sx;
                int sy;
                switch (quarters) {
                    case 1 -> { sx = y; sy = h - 1 - x; }
                    case 2 -> { sx = w - 1 - x; sy = h - 1 - y; }
                    default -> { sx = w - 1 - y; sy = x; }
                }
                px[y * outW + x] = in[sy * w + sx];
            }
        }
        return out;
    }

    /** Mirrors top to bottom. */
    public static BufferedImage flip(BufferedImage image) {
        BufferedImage src = Pixels.toInt(image);
        int w = src.getWidth();
        int h = src.getHeight();
        BufferedImage out = new BufferedImage(w, h, src.getType());
        int[] in = Pixels.data(src);
        int[] px = Pixels.data(out);
        for (int y = 0; y < h; y++) {
            System.arraycopy(in, (h - 1 - y) * w, px, y * w, w);
        }
        return out;
    }

    /** Mirrors left to right. */
    public static BufferedImage flop(BufferedImage image) {
        BufferedImage src = Pixels.toInt(image);
        int w = src.getWidth();
        int h = src.getHeight();
        BufferedImage out = new BufferedImage(w, h, src.getType());
        int[] in = Pixels.data(src);
        int[] px = Pixels.data(out);
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                px[y * w + x] = in[y * w + w - 1 - x];
            }
        }
        return out;
    }

    static void draw(BufferedImage canvas, BufferedImage image, int x, int y) {
        Graphics2D g = canvas.createGraphics();
        try {
            g.drawImage(image, x, y, null);
        } finally {
            g.dispose();
        }
    }
}
