package io.lamina.docgen.render;

import io.lamina.contracts.ErrorInfo;
import io.lamina.ops.runtime.OperationException;

import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.Iterator;

/** Reads an image's size from its header, before anything decodes it, to enforce the pixel budget. */
public final class ImageProbe {

    private ImageProbe() {
    }

    /** An image's format (ImageIO's name, lower case: png, jpeg, gif, bmp, tif) and size in pixels. */
    public record Info(String format, int width, int height) {
    }

    /**
     * Throws {@code unsupported_format} for what ImageIO cannot read, {@code limit_exceeded} over the budget; returns
     * the format and size read from the header.
     */
    public static Info check(byte[] bytes, long maxPixels, String path) {
        try (ImageInputStream in = ImageIO.createImageInputStream(new ByteArrayInputStream(bytes))) {
            Iterator<ImageReader> readers = ImageIO.getImageReaders(in);
            if (!readers.hasNext()) {
                throw new OperationException(ErrorInfo.permanent("unsupported_format", path
                        + ": not an image this renderer can read (PNG, JPEG, GIF, BMP or TIFF)"));
            }
            ImageReader reader = readers.next();
            try {
                reader.setInput(in, true, true);
                int width = reader.getWidth(0);
                int height = reader.getHeight(0);
                long pixels = (long) width * height;
                if (pixels > maxPixels) {
                    throw new OperationException(ErrorInfo.permanent("limit_exceeded", path + ": the image has "
                            + pixels + " pixels, over " + maxPixels + " (lamina.docgen.max-image-pixels)"));
                }
                return new Info(reader.getFormatName().toLowerCase(java.util.Locale.ROOT), width, height);
            } finally {
                reader.dispose();
            }
        } catch (IOException e) {
            throw new OperationException(ErrorInfo.permanent("malformed_document", path
                    + ": the image cannot be read: " + e.getMessage()));
        }
    }
}
