package io.lamina.image.transform;

import io.lamina.image.codec.Pixels;

import java.awt.image.BufferedImage;

import static io.lamina.image.transform.Colors.argb;
import static io.lamina.image.transform.Colors.clamp;

/** Neighbourhood filters: Gaussian blur, unsharp-mask sharpening, median denoising. Edges are clamped. */
public final class Filters {

    /** Above this sigma, blur uses three box passes (an approximation within ~3 %) instead of the exact kernel. */
    static final double EXACT_SIGMA = 8;

    private Filters() {
    }

    public static BufferedImage blur(BufferedImage image, double sigma) {
        BufferedImage src = Pixels.toInt(image);
        boolean alpha = src.getColorModel().hasAlpha();
        int w = src.getWidth();
        int h = src.getHeight();
        int[][] ch = split(Pixels.data(src), alpha);
        for (int[] c : ch) {
            if (sigma <= EXACT_SIGMA) {
                gaussian(c, w, h, sigma);
            } else {
                for (int box : boxes(sigma, 3)) {
                    box(c, w, h, (box - 1) / 2);
                }
            }
        }
        BufferedImage out = Pixels.blank(w, h, alpha);
        join(ch, Pixels.data(out), alpha);
        return out;
    }

    /** Unsharp mask: {@code out = in + (in − blur(in, sigma))}. */
    public static BufferedImage sharpen(BufferedImage image, double sigma) {
        BufferedImage src = Pixels.toInt(image);
        BufferedImage blurred = blur(src, sigma);
        int[] in = Pixels.data(src);
        int[] bl = Pixels.data(blurred);
        BufferedImage out = Pixels.blank(src.getWidth(), src.getHeight(), src.getColorModel().hasAlpha());
        int[] px = Pixels.data(out);
        for (int i = 0; i < in.length; i++) {
            int p = in[i];
            int q = bl[i];
            px[i] = argb(p >>> 24, 2 * Colors.r(p) - Colors.r(q), 2 * Colors.g(p) - Colors.g(q),
                    2 * Colors.b(p) - Colors.b(q));
        }
        return out;
    }

    /** Median of each channel over a {@code size × size} window (an even size is widened by one). */
    public static BufferedImage denoise(BufferedImage image, int size) {
        BufferedImage src = Pixels.toInt(image);
        int radius = size / 2;
        if (radius == 0) {
            return src;
        }
        boolean alpha = src.getColorModel().hasAlpha();
        int w = src.getWidth();
        int h = src.getHeight();
        int[][] ch = split(Pixels.data(src), alpha);
        for (int c = 0; c < ch.length; c++) {
            ch[c] = median(ch[c], w, h, radius);
        }
        BufferedImage out = Pixels.blank(w, h, alpha);
        join(ch, Pixels.data(out), alpha);
        return out;
    }

    /** Huang's sliding-histogram median: O(radius) per pixel instead of sorting each window. */
    private static int[] median(int[] c, int w, int h, int radius) {
        int[] out = new int[c.length];
        int window = (2 * radius + 1) * (2 * radius + 1);
        int half = window / 2;
        int[] hist = new int[256];
        for (int y = 0; y < h; y++) {
            java.util.Arrays.fill(hist, 0);
            for (int dy = -radius; dy <= radius; dy++) {
                int row = clampIndex(y + dy, h) * w;
                for (int dx = -radius; dx <= radius; dx++) {
                    hist[c[row + clampIndex(dx, w)]]++;
                }
            }
            int med = 0;
            int below = 0;
            while (below + hist[med] <= half) {
                below += hist[med];
                med++;
            }
            out[y * w] = med;
            for (int x = 1; x < w; x++) {
                int leaving = clampIndex(x - radius - 1, w);
                int entering = clampIndex(x + radius, w);
                for (int dy = -radius; dy <= radius; dy++) {
                    int row = clampIndex(y + dy, h) * w;
                    int o = c[row + leaving];
                    int n = c[row + entering];
                    hist[o]--;
                    if (o < med) {
                        below--;
                    }
                    hist[n]++;
                    if (n < med) {
                        below++;
                    }
                }
                while (below > half) {
                    med--;
                    below -= hist[med];
                }
                while (below + hist[med] <= half) {
                    below += hist[med];
                    med++;
                }
                out[y * w + x] = med;
            }
        }
        return out;
    }

    private static void gaussian(int[] c, int w, int h, double sigma) {
        int radius = Math.max(1, (int) Math.ceil(3 * sigma));
        double[] k = new double[2 * radius + 1];
        double sum = 0;
        for (int i = -radius; i <= radius; i++) {
            k[i + radius] = Math.exp(-(i * i) / (2 * sigma * sigma));
            sum += k[i + radius];
        }
        for (int i = 0; i < k.length; i++) {
            k[i] /= sum;
        }
        double[] tmp = new double[c.length];
        for (int y = 0; y < h; y++) {
            int row = y * w;
            for (int x = 0; x < w; x++) {
                double acc = 0;
                for (int i = -radius; i <= radius; i++) {
                    acc += k[i + radius] * c[row + clampIndex(x + i, w)];
                }
                tmp[row + x] = acc;
            }
        }
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                double acc = 0;
                for (int i = -radius; i <= radius; i++) {
                    acc += k[i + radius] * tmp[clampIndex(y + i, h) * w + x];
                }
                c[y * w + x] = clamp(acc);
            }
        }
    }

    /** Box widths whose {@code n} successive passes approximate a Gaussian of {@code sigma} (Kovesi). */
    static int[] boxes(double sigma, int n) {
        double ideal = Math.sqrt(12 * sigma * sigma / n + 1);
        int wl = (int) Math.floor(ideal);
        if (wl % 2 == 0) {
            wl--;
        }
        int wu = wl + 2;
        double mIdeal = (12 * sigma * sigma - n * wl * wl - 4.0 * n * wl - 3.0 * n) / (-4.0 * wl - 4);
        long m = Math.round(mIdeal);
        int[] sizes = new int[n];
        for (int i = 0; i < n; i++) {
            sizes[i] = i < m ? wl : wu;
        }
        return sizes;
    }

    /** A running-sum box blur of radius {@code r}, horizontal then vertical. */
    private static void box(int[] c, int w, int h, int r) {
        int[] tmp = new int[c.length];
        int div = 2 * r + 1;
        for (int y = 0; y < h; y++) {
            int row = y * w;
            long acc = 0;
            for (int i = -r; i <= r; i++) {
                acc += c[row + clampIndex(i, w)];
            }
            for (int x = 0; x < w; x++) {
                tmp[row + x] = (int) ((acc + div / 2) / div);
                acc += c[row + clampIndex(x + r + 1, w)] - c[row + clampIndex(x - r, w)];
            }
        }
        for (int x = 0; x < w; x++) {
            long acc = 0;
            for (int i = -r; i <= r; i++) {
                acc += tmp[clampIndex(i, h) * w + x];
            }
            for (int y = 0; y < h; y++) {
                c[y * w + x] = (int) ((acc + div / 2) / div);
                acc += tmp[clampIndex(y + r + 1, h) * w + x] - tmp[clampIndex(y - r, h) * w + x];
            }
        }
    }

    private static int clampIndex(int i, int size) {
        return i < 0 ? 0 : i >= size ? size - 1 : i;
    }

    /** Channels as separate arrays: alpha (if any), red, green, blue. */
    private static int[][] split(int[] px, boolean alpha) {
        int n = px.length;
        int[][] ch = new int[alpha ? 4 : 3][n];
        for (int i = 0; i < n; i++) {
            int p = px[i];
            int o = 0;
            if (alpha) {
                ch[o++][i] = p >>> 24;
            }
            ch[o++][i] = (p >> 16) & 0xFF;
            ch[o++][i] = (p >> 8) & 0xFF;
            ch[o][i] = p & 0xFF;
        }
        return ch;
    }

    private static void join(int[][] ch, int[] px, boolean alpha) {
        for (int i = 0; i < px.length; i++) {
            int o = 0;
            int a = alpha ? ch[o++][i] : 255;
            px[i] = argb(a, ch[o][i], ch[o + 1][i], ch[o + 2][i]);
        }
    }
}
