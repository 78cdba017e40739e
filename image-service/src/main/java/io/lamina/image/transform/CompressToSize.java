package io.lamina.image.transform;

import io.lamina.image.codec.ImageEncoder;
import io.lamina.image.codec.ImageErrors;
import io.lamina.image.codec.ImageFormat;
import io.lamina.image.codec.Pixels;

import java.awt.image.BufferedImage;

/**
 * {@code compress_to_size}: the best-looking file within a byte budget. A lossy format is needed: the chain's format
 * when it is JPEG or WebP, otherwise WebP for images with transparency and JPEG for the rest. A binary search finds
 * the highest quality (1–95) that fits; when even quality 1 is too large, the image is scaled down by the square root
 * of the overshoot (a little more each round) and searched again. Fails with {@code limit_exceeded} when nothing
 * of at least 8 px fits.
 */
public final class CompressToSize {

    private static final int MAX_QUALITY = 95;
    private static final int MIN_SIDE = 8;

    private CompressToSize() {
    }

    public static TransformationChain.Result compress(BufferedImage image, ImageFormat format, long maxBytes) {
        ImageFormat target = format == ImageFormat.JPEG || format == ImageFormat.WEBP ? format
                : Pixels.hasTransparency(image) ? ImageFormat.WEBP : ImageFormat.JPEG;
        BufferedImage current = image;
        for (int round = 0; round < 12; round++) {
            byte[] best = null;
            int lo = 1;
            int hi = MAX_QUALITY;
            byte[] smallest = ImageEncoder.encode(current, target, 1);
            if (smallest.length <= maxBytes) {
                best = smallest;
                while (lo < hi) {
                    int mid = (lo + hi + 1) / 2;
                    byte[] bytes = ImageEncoder.encode(current, target, mid);
                    if (bytes.length <= maxBytes) {
                        best = bytes;
                        lo = mid;
                    } else {
                        hi = mid - 1;
                    }
                }
                return new TransformationChain.Result(best, target, current.getWidth(), current.getHeight());
            }
            double factor = Math.sqrt((double) maxBytes / smallest.length) * (0.9 - 0.05 * round);
            int w = (int) Math.floor(current.getWidth() * factor);
            int h = (int) Math.floor(current.getHeight() * factor);
            if (w < MIN_SIDE || h < MIN_SIDE) {
                break;
            }
            current = Resampling.scale(current, w, h);
        }
        throw ImageErrors.fail(ImageErrors.LIMIT_EXCEEDED, "compress_to_size: no " + target.id()
                + " of at least " + MIN_SIDE + " px fits in " + maxBytes + " bytes");
    }
}
