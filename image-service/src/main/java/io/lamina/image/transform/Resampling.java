package io.lamina.image.transform;

import io.lamina.image.codec.Pixels;
import net.coobird.thumbnailator.Thumbnails;
import net.coobird.thumbnailator.resizers.configurations.Rendering;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * Scaling. Resizes go through Thumbnailator (progressive bilinear steps when shrinking, bicubic when enlarging);
 * {@code upscale} uses a separable Lanczos-3 filter, the classical high-quality resampler (no learned model).
 */
public final class Resampling {

    private Resampling() {
    }

    public static BufferedImage scale(BufferedImage image, int width, int height) {
        if (image.getWidth() == width && image.getHeight() == height) {
            return image;
        }
        try {
            return Thumbnails.of(image).forceSize(width, height).rendering(Rendering.QUALITY)
                    .imageType(image.getColorModel().hasAlpha() ? BufferedImage.TYPE_INT_ARGB : BufferedImage.TYPE_INT_RGB)
                    .asBufferedImage();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Lanczos-3 resampling to {@code width × height}, horizontal then vertical, on all four channels. */
    public static BufferedImage lanczos(BufferedImage image, int width, int height) {
        BufferedImage src = Pixels.toInt(image);
        boolean alpha = src.getColorModel().hasAlpha();
        int[] in = Pixels.data(src);
        int sw = src.getWidth();
        int sh = src.getHeight();
        // The intermediate is packed 8-bit ARGB: a quarter of the memory of floats, at a rounding step.
        int[] tmp = new int[width * sh];
        Kernel kx = new Kernel(sw, width);
        for (int y = 0; y < sh; y++) {
            for (int x = 0; x < width; x++) {
                float a = 0, r = 0, g = 0, b = 0;
                int start = kx.start[x];
                float[] w = kx.weights[x];
                for (int k = 0; k < w.length; k++) {
                    int p = in[y * sw + start + k];
                    float wk = w[k];
                    a += wk * (p >>> 24);
                    r += wk * ((p >> 16) & 0xFF);
                    g += wk * ((p >> 8) & 0xFF);
                    b += wk * (p & 0xFF);
                }
                tmp[y * width + x] = Colors.argb(Math.round(a), Math.round(r), Math.round(g), Math.round(b));
            }
        }
        BufferedImage out = Pixels.blank(width, height, alpha);
        int[] px = Pixels.data(out);
        Kernel ky = new Kernel(sh, height);
        for (int y = 0; y < height; y++) {
            int start = ky.start[y];
            float[] w = ky.weights[y];
            for (int x = 0; x < width; x++) {
                float a = 0, r = 0, g = 0, b = 0;
                for (int k = 0; k < w.length; k++) {
                    int p = tmp[(start + k) * width + x];
                    float wk = w[k];
                    a += wk * (p >>> 24);
                    r += wk * ((p >> 16) & 0xFF);
                    g += wk * ((p >> 8) & 0xFF);
                    b += wk * (p & 0xFF);
                }
                px[y * width + x] = Colors.argb(alpha ? Math.round(a) : 255, Math.round(r), Math.round(g), Math.round(b));
            }
        }
        return out;
    }

    /** Normalised Lanczos-3 weights of each output sample over a window of input samples (clamped at the edges). */
    private static final class Kernel {
        final int[] start;
        final float[][] weights;

        Kernel(int inSize, int outSize) {
            double scale = (double) outSize / inSize;
            double support = 3.0 * Math.max(1.0, 1.0 / scale);
            double filterScale = Math.min(1.0, scale);
            start = new int[outSize];
            weights = new float[outSize][];
            for (int i = 0; i < outSize; i++) {
                double center = (i + 0.5) / scale - 0.5;
                int lo = Math.max(0, (int) Math.floor(center - support));
                int hi = Math.min(inSize - 1, (int) Math.ceil(center + support));
                float[] w = new float[hi - lo + 1];
                double sum = 0;
                for (int j = lo; j <= hi; j++) {
                    double v = lanczos3((j - center) * filterScale);
                    w[j - lo] = (float) v;
                    sum += v;
                }
                for (int k = 0; k < w.length; k++) {
                    w[k] /= (float) sum;
                }
                start[i] = lo;
                weights[i] = w;
            }
        }

        private static double lanczos3(double x) {
            if (x == 0) {
                return 1;
            }
            if (Math.abs(x) >= 3) {
                return 0;
            }
            double px = Math.PI * x;
            return 3 * Math.sin(px) * Math.sin(px / 3) / (px * px);
        }
    }
}
