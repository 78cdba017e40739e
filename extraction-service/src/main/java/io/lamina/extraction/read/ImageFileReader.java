package io.lamina.extraction.read;

import com.luciad.imageio.webp.WebPImageReaderSpi;
import io.lamina.extraction.ExtractionErrors;
import io.lamina.extraction.model.layout.Page;

import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.spi.IIORegistry;
import javax.imageio.spi.ImageReaderSpi;
import javax.imageio.stream.ImageInputStream;
import javax.imageio.stream.MemoryCacheImageInputStream;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/**
 * Images through OCR: PNG, JPEG, GIF (first frame), BMP and TIFF (every page) with the JDK's readers, WebP with
 * webp-imageio's native reader (chosen explicitly). The size of each frame is read from its header and checked
 * against {@code max-image-pixels} before any pixel is decoded, so a small file declaring a huge image fails with
 * {@code limit_exceeded} without allocating it. Images are taken as 300 dpi for positions in points.
 */
final class ImageFileReader {

    static final int ASSUMED_DPI = 300;

    private final OcrEngines ocr;

    ImageFileReader(OcrEngines ocr) {
        this.ocr = ocr;
    }

    List<Page> read(byte[] bytes, String mimeType, ReadBudget budget) {
        if (!ocr.available()) {
            throw ExtractionErrors.fail(ExtractionErrors.OCR_UNAVAILABLE, "images are read with OCR, which is "
                    + "unavailable on this server: " + ocr.unavailableReason());
        }
        ImageReader reader = readerFor(mimeType);
        try (ImageInputStream in = new MemoryCacheImageInputStream(new ByteArrayInputStream(bytes))) {
            reader.setInput(in, false, true);
            int frames = "image/tiff".equals(mimeType) ? reader.getNumImages(true) : 1;
            if (frames < 1) {
                throw ExtractionErrors.fail(ExtractionErrors.MALFORMED_DOCUMENT, "the image has no frames");
            }
            budget.reservePages(frames);
            List<Page> pages = new ArrayList<>();
            for (int i = 0; i < frames; i++) {
                budget.check();
                budget.checkPixels(reader.getWidth(i), reader.getHeight(i), "image frame " + (i + 1));
                BufferedImage image = reader.read(i);
                pages.add(ocr.recognize(image, ASSUMED_DPI, i + 1, budget));
                budget.pageDone();
            }
            return pages;
        } catch (IOException | RuntimeException e) {
            if (e instanceof io.lamina.ops.runtime.OperationException oe) {
                throw oe;
            }
            throw ExtractionErrors.fail(ExtractionErrors.MALFORMED_DOCUMENT, "the image could not be decoded: " + e);
        } catch (OutOfMemoryError e) {
            throw ExtractionErrors.fail(ExtractionErrors.LIMIT_EXCEEDED, "the image needs more memory than allowed");
        } finally {
            reader.dispose();
        }
    }

    static ImageReader readerFor(String mimeType) {
        if ("image/webp".equals(mimeType)) {
            try {
                return new WebPImageReaderSpi().createReaderInstance();
            } catch (IOException | LinkageError e) {
                throw ExtractionErrors.fail(ExtractionErrors.UNSUPPORTED_FORMAT, "WebP is not readable here: " + e);
            }
        }
        Iterator<ImageReader> readers = ImageIO.getImageReadersByMIMEType(mimeType);
        if (!readers.hasNext() && "image/bmp".equals(mimeType)) {
            readers = ImageIO.getImageReadersByFormatName("bmp");
        }
        if (!readers.hasNext()) {
            // the JDK's own SPIs, in case the registry was filled under another class loader
            Iterator<ImageReaderSpi> spis = IIORegistry.getDefaultInstance()
                    .getServiceProviders(ImageReaderSpi.class, true);
            while (spis.hasNext()) {
                ImageReaderSpi spi = spis.next();
                for (String m : spi.getMIMETypes() == null ? new String[0] : spi.getMIMETypes()) {
                    if (m.equalsIgnoreCase(mimeType)) {
                        try {
                            return spi.createReaderInstance();
                        } catch (IOException e) {
                            break;
                        }
                    }
                }
            }
            throw ExtractionErrors.fail(ExtractionErrors.UNSUPPORTED_FORMAT, "no image reader for " + mimeType);
        }
        return readers.next();
    }
}
