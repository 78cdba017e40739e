package io.lamina.image.transform;

import io.lamina.image.codec.Pixels;

import java.awt.image.BufferedImage;
import java.util.function.IntUnaryOperator;

import static io.lamina.image.transform.Colors.a;
import static io.lamina.image.transform.Colors.argb;
import static io.lamina.image.transform.Colors.b;
import static io.lamina.image.transform.Colors.clamp;
import static io.lamina.image.transform.Colors.g;
import static io.lamina.image.transform.Colors.luma;
import static io.lamina.image.transform.Colors.r;

/** Operations that change each pixel on its own (colour, tone, alpha). Alpha is kept unless the operation is about it. */
public final class Adjustments {

    private Adjustments() {
    }

    /** A new image with {@code f} applied to every packed pixel; ARGB when {@code alpha}, else the input's kind. */
    static BufferedImage map(BufferedImage image, boolean alpha, IntUnaryOperator f) {
        BufferedImage src = alpha ? Pixels.argb(image) : Pixels.toInt(image);
        BufferedImage out = Pixels.blank(src.getWidth(), src.getHeight(), src.getColorModel().hasAlpha());
        int[] in = Pixels.data(src);
        int[] px = Pixels.data(out);
        for (int i = 0; i < in.length; i++) {
            px[i] = f.applyAsInt(in[i]);
        }
        return out;
    }

    public static BufferedImage grayscale(BufferedImage image) {
        return map(image, false, p -> {
            int l = luma(p);
            return argb(a(p), l, l, l);
        });
    }

    public static BufferedImage invert(BufferedImage image) {
        return map(image, false, p -> argb(a(p), 255 - r(p), 255 - g(p), 255 - b(p)));
    }

    /** Gamma correction: {@code out = 255 · (in/255)^(1/gamma)}; above 1 brightens, below 1 darkens. */
    public static BufferedImage gamma(BufferedImage image, double gamma) {
        int[] lut = new int[256];
        for (int i = 0; i < 256; i++) {
            lut[i] = clamp(255 * Math.pow(i / 255.0, 1 / gamma));
        }
        return map(image, false, p -> argb(a(p), lut[r(p)], lut[g(p)], lut[b(p)]));
    }

    /**
     * Brightness multiplies the channels, saturation mixes each pixel with its luma (0 = grey), hue rotates the
     * chroma in YIQ space by the given degrees.
     */
    public static BufferedImage modulate(BufferedImage image, double brightness, double saturation, double hue) {
        double cos = Math.cos(Math.toRadians(hue));
        double sin = Math.sin(Math.toRadians(hue));
        return map(image, false, p -> {
            double y = 0.299 * r(p) + 0.587 * g(p) + 0.114 * b(p);
            double i = 0.596 * r(p) - 0.274 * g(p) - 0.322 * b(p);
            double q = 0.211 * r(p) - 0.523 * g(p) + 0.312 * b(p);
            double i2 = (i * cos - q * sin) * saturation;
            double q2 = (i * sin + q * cos) * saturation;
            y *= brightness;
            i2 *= brightness;
            q2 *= brightness;
            return argb(a(p), clamp(y + 0.956 * i2 + 0.621 * q2), clamp(y - 0.272 * i2 - 0.647 * q2),
                    clamp(y - 1.106 * i2 + 1.703 * q2));
        });
    }

    /** Keeps each pixel's luma and takes the tint colour's chroma (YCbCr), like sharp's {@code tint}. */
    public static BufferedImage tint(BufferedImage image, int tint) {
        double cb = -0.168736 * r(tint) - 0.331264 * g(tint) + 0.5 * b(tint);
        double cr = 0.5 * r(tint) - 0.418688 * g(tint) - 0.081312 * b(tint);
        return map(image, false, p -> {
            double y = 0.299 * r(p) + 0.587 * g(p) + 0.114 * b(p);
            return argb(a(p), clamp(y + 1.402 * cr), clamp(y - 0.344136 * cb - 0.714136 * cr), clamp(y + 1.772 * cb));
        });
    }

    /** Pixels at or above {@code value} become white, the rest black: on luma, or on each channel alone. */
    public static BufferedImage threshold(BufferedImage image, int value, boolean grayscale) {
        return map(image, false, p -> {
            if (grayscale) {
                int v = luma(p) >= value ? 255 : 0;
                return argb(a(p), v, v, v);
            }
            return argb(a(p), r(p) >= value ? 255 : 0, g(p) >= value ? 255 : 0, b(p) >= value ? 255 : 0);
        });
    }

    public static BufferedImage opacity(BufferedImage image, double percent) {
        double f = percent / 100.0;
        return map(image, true, p -> argb(clamp(a(p) * f), r(p), g(p), b(p)));
    }

    /** Composites onto an opaque colour; the result has no alpha. */
    public static BufferedImage removeTransparency(BufferedImage image, int background) {
        BufferedImage src = Pixels.argb(image);
        BufferedImage out = Pixels.blank(src.getWidth(), src.getHeight(), false);
        int[] in = Pixels.data(src);
        int[] px = Pixels.data(out);
        for (int i = 0; i < in.length; i++) {
            int p = in[i];
            int al = a(p);
            px[i] = argb(255, (r(p) * al + r(background) * (255 - al) + 127) / 255,
                    (g(p) * al + g(background) * (255 - al) + 127) / 255,
                    (b(p) * al + b(background) * (255 - al) + 127) / 255);
        }
        return out;
    }

    /**
     * Stretches the levels so the darkest 0.5 % of pixels (by luma) map to black and the brightest 0.5 % to white,
     * with the same linear map on every channel (hues stay as they were).
     */
    public static BufferedImage autoContrast(BufferedImage image) {
        BufferedImage src = Pixels.toInt(image);
        int[] hist = new int[256];
        int[] in = Pixels.data(src);
        for (int p : in) {
            hist[luma(p)]++;
        }
        long cut = in.length / 200;
        int lo = 0;
        for (long seen = 0; lo < 255 && (seen += hist[lo]) <= cut; ) {
            lo++;
        }
        int hi = 255;
        for (long seen = 0; hi > 0 && (seen += hist[hi]) <= cut; ) {
            hi--;
        }
        if (hi <= lo) {
            return src;
        }
        double scale = 255.0 / (hi - lo);
        int[] lut = new int[256];
        for (int i = 0; i < 256; i++) {
            lut[i] = clamp((i - lo) * scale);
        }
        return map(src, false, p -> argb(a(p), lut[r(p)], lut[g(p)], lut[b(p)]));
    }
}
