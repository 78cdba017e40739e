package io.lamina.image.codec;

import java.awt.image.BufferedImage;

/**
 * A decoded input: upright (EXIF orientation applied), in sRGB, packed ints. {@code sourceWidth/Height} are the
 * upright size in the file; {@code subsampling} &gt; 1 means it was decoded shrunk by that factor.
 */
public record DecodedImage(BufferedImage image, ImageFormat format, int sourceWidth, int sourceHeight,
                           int subsampling, boolean animated) {
}
