package io.lamina.image.transform;

import io.lamina.image.codec.ImageErrors;
import io.lamina.image.codec.Pixels;

import java.awt.image.BufferedImage;
import java.util.Arrays;

/**
 * {@code remove_background} for the one case it can do reliably without a segmentation model: a near-uniform
 * background (product shots on white, logos on a flat colour, scans). The background colour is the median of the
 * border pixels; at least {@link #BORDER_SHARE} of the border must lie within {@link #TOLERANCE} of it, otherwise the
 * step fails with {@code unsupported_image} rather than guessing. The background is then flood-filled from the border
 * (so the same colour inside the subject stays), made transparent or painted with the replacement colour, and pixels
 * between one and two tolerances away get partial alpha for a soft edge.
 */
public final class BackgroundRemoval {

    static final int TOLERANCE = 24;
    static final double BORDER_SHARE = 0.9;

    private BackgroundRemoval() {
    }

    public static BufferedImage remove(BufferedImage image, Integer replacement) {
        BufferedImage src = Pixels.argb(image);
        int w = src.getWidth();
        int h = src.getHeight();
        int[] px = Pixels.data(src);
        int[] border = border(px, w, h);
        int bg = median(border);
        long matching = Arrays.stream(border).filter(p -> Colors.distance(p, bg) <= TOLERANCE).count();
        double share = (double) matching / border.length;
        if (share < BORDER_SHARE) {
            throw ImageErrors.fail(ImageErrors.UNSUPPORTED_IMAGE, String.format(java.util.Locale.ROOT,
                    "the background is not near-uniform (only %.0f%% of the border is close to one colour; %.0f%% "
                            + "needed): Lamina removes only flat backgrounds and does not guess", share * 100,
                    BORDER_SHARE * 100));
        }
        byte[] state = new byte[w * h]; // 0 unknown, 1 background, 2 edge
        int[] queue = new int[w * h];
        int head = 0;
        int tail = 0;
        for (int x = 0; x < w; x++) {
            tail = seed(px, state, queue, tail, x, bg);
            tail = seed(px, state, queue, tail, (h - 1) * w + x, bg);
        }
        for (int y = 0; y < h; y++) {
            tail = seed(px, state, queue, tail, y * w, bg);
            tail = seed(px, state, queue, tail, y * w + w - 1, bg);
        }
        while (head < tail) {
            int i = queue[head++];
            int x = i % w;
            int y = i / w;
            if (x > 0) tail = seed(px, state, queue, tail, i - 1, bg);
            if (x < w - 1) tail = seed(px, state, queue, tail, i + 1, bg);
            if (y > 0) tail = seed(px, state, queue, tail, i - w, bg);
            if (y < h - 1) tail = seed(px, state, queue, tail, i + w, bg);
        }
        int removed = 0;
        BufferedImage out = Pixels.blank(w, h, true);
        int[] o = Pixels.data(out);
        for (int i = 0; i < px.length; i++) {
            int p = px[i];
            if (state[i] == 1) {
                removed++;
                o[i] = replacement == null ? 0 : replacement;
            } else if (touchesBackground(state, i, w, h) && Colors.distance(p, bg) <= 2 * TOLERANCE) {
                double keep = (Colors.distance(p, bg) - TOLERANCE) / (double) TOLERANCE;
                o[i] = blend(p, replacement, keep);
            } else {
                o[i] = p;
            }
        }
        if (removed == px.length) {
            throw ImageErrors.fail(ImageErrors.UNSUPPORTED_IMAGE,
                    "the image is all background: nothing would remain after removing it");
        }
        return out;
    }

    private static int seed(int[] px, byte[] state, int[] queue, int tail, int i, int bg) {
        if (state[i] == 0 && Colors.distance(px[i], bg) <= TOLERANCE) {
            state[i] = 1;
            queue[tail++] = i;
        }
        return tail;
    }

    private static boolean touchesBackground(byte[] state, int i, int w, int h) {
        int x = i % w;
        int y = i / w;
        return (x > 0 && state[i - 1] == 1) || (x < w - 1 && state[i + 1] == 1)
                || (y > 0 && state[i - w] == 1) || (y < h - 1 && state[i + w] == 1);
    }

    private static int blend(int p, Integer replacement, double keep) {
        keep = Math.max(0, Math.min(1, keep));
        if (replacement == null) {
            return Colors.argb((int) Math.round(Colors.a(p) * keep), Colors.r(p), Colors.g(p), Colors.b(p));
        }
        int q = replacement;
        return Colors.argb(255, Colors.clamp(Colors.r(p) * keep + Colors.r(q) * (1 - keep)),
                Colors.clamp(Colors.g(p) * keep + Colors.g(q) * (1 - keep)),
                Colors.clamp(Colors.b(p) * keep + Colors.b(q) * (1 - keep)));
    }

    private static int[] border(int[] px, int w, int h) {
        int n = h == 1 || w == 1 ? w * h : 2 * w + 2 * (h - 2);
        int[] out = new int[n];
        int k = 0;
        for (int x = 0; x < w && k < n; x++) {
            out[k++] = px[x];
            if (h > 1 && k < n) {
                out[k++] = px[(h - 1) * w + x];
            }
        }
        for (int y = 1; y < h - 1 && k < n; y++) {
            out[k++] = px[y * w];
            if (w > 1 && k < n) {
                out[k++] = px[y * w + w - 1];
            }
        }
        return Arrays.copyOf(out, k);
    }

    /** Per-channel median of the colours. */
    private static int median(int[] colors) {
        int[][] ch = new int[4][colors.length];
        for (int i = 0; i < colors.length; i++) {
            ch[0][i] = Colors.a(colors[i]);
            ch[1][i] = Colors.r(colors[i]);
            ch[2][i] = Colors.g(colors[i]);
            ch[3][i] = Colors.b(colors[i]);
        }
        for (int[] c : ch) {
            Arrays.sort(c);
        }
        int m = colors.length / 2;
        return Colors.argb(ch[0][m], ch[1][m], ch[2][m], ch[3][m]);
    }
}
