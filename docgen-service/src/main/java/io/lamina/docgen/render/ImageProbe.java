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

    /** Throws {@code unsupported_format} for what ImageIO cannot read, {@code limit_exceeded} over the budget. */
    public static void check(byte[] bytes, long maxPixels, String path) {
        try (ImageInputStream in = ImageIO.createImageInputStream(new ByteArrayInputStream(bytes))) {
            Iterator<ImageReader> readers = ImageIO.getImageReaders(in);
            if (!readers.hasNext()) {
                throw new OperationException(ErrorInfo.permanent("unsupported_format", path
                        + ": not an image this renderer can read (PNG, JPEG, GIF, BMP or TIFF)"));
            }
            ImageReader reader = readers.next();
            try {
                reader.setInput(in, true, true);
                long pixels = (long) reader.getWidth(0) * reader.getHeight(0);
                if (pixels > maxPixels) {
                    throw new OperationException(ErrorInfo.permanent("limit_exceeded", path + ": the image has "
                            + pixels + " pixels, over " + maxPixels + " (lamina.docgen.max-image-pixels)"));
                }
            } finally {
                reader.dispose();
            }
        } catch (IOException e) {
            throw new OperationException(ErrorInfo.permanent("malformed_document", path
                    + ": the image cannot be read: " + e.getMessage()));
        }
    }
}
