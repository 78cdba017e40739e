package io.lamina.image.transform;

import io.lamina.image.codec.Pixels;

import java.awt.image.BufferedImage;

/**
 * {@code smart_crop}: entropy-based, like sharp's {@code strategy: entropy}. The image is first scaled (keeping its
 * aspect ratio) so that it just covers the target; along the axis that is still too long, the crop window then
 * shrinks step by step, each step dropping a slice from whichever end has the lower Shannon entropy of its luma
 * histogram, so the busiest (most detailed) region survives. Flat sky, walls and borders go first.
 */
public final class SmartCrop {

    /** Steps the excess is removed in: finer is slower and rarely better. */
    private static final int STEPS = 16;

    private SmartCrop() {
    }

    public static BufferedImage crop(BufferedImage image, int width, int height) {
        int[] cover = Geometry.scaledSize(image.getWidth(), image.getHeight(), width, height, "cover");
        BufferedImage scaled = Pixels.toInt(Resampling.scale(image, cover[0], cover[1]));
        int[] window = window(scaled, width, height);
        return Geometry.crop(scaled, window[0], window[1], width, height);
    }

    /** The top-left corner of the chosen window. */
    static int[] window(BufferedImage image, int width, int height) {
        int w = image.getWidth();
        int h = image.getHeight();
        int[] px = Pixels.data(image);
        boolean horizontal = w - width >= h - height;
        int length = horizontal ? w : h;
        int target = horizontal ? width : height;
        int start = 0;
        int end = length;
        int slice = Math.max(1, (length - target + STEPS - 1) / STEPS);
        while (end - start > target) {
            int cut = Math.min(slice, end - start - target);
            double first = entropy(px, w, h, horizontal, start, start + cut);
            double last = entropy(px, w, h, horizontal, end - cut, end);
            if (first < last) {
                start += cut;
            } else {
                end -= cut;
            }
        }
        return horizontal ? new int[]{start, 0} : new int[]{0, start};
    }

    /** Shannon entropy (bits) of the luma histogram of columns (or rows) {@code from..to}. */
    static double entropy(int[] px, int w, int h, boolean columns, int from, int to) {
        int[] hist = new int[256];
        int n = 0;
        if (columns) {
            for (int y = 0; y < h; y++) {
                for (int x = from; x < to; x++) {
                    hist[Colors.luma(px[y * w + x])]++;
                    n++;
                }
            }
        } else {
            for (int y = from; y < to; y++) {
                for (int x = 0; x < w; x++) {
                    hist[Colors.luma(px[y * w + x])]++;
                    n++;
                }
            }
        }
        double e = 0;
        for (int count : hist) {
            if (count > 0) {
                double p = (double) count / n;
                e -= p * Math.log(p) / Math.log(2);
            }
        }
        return e;
    }
}
