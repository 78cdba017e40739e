package io.lamina.image.codec;

import java.awt.image.BufferedImage;

/**
 * A decoded input: upright (EXIF orientation applied), in sRGB, in the reader's own layout (often 3-byte BGR for
 * JPEG): each operation converts to packed ints only when it needs them, so a chain that starts by shrinking never
 * holds a packed-int copy of the full decoded image. {@code sourceWidth/Height} are the
 * upright size in the file; {@code subsampling} &gt; 1 means it was decoded shrunk by that factor.
 */
public record DecodedImage(BufferedImage image, ImageFormat format, int sourceWidth, int sourceHeight,
                           int subsampling, boolean animated) {
}
