package io.lamina.image.codec;

import com.luciad.imageio.webp.WebPImageReaderSpi;
import com.luciad.imageio.webp.WebPImageWriterSpi;
import com.twelvemonkeys.imageio.plugins.jpeg.JPEGImageReaderSpi;
import com.twelvemonkeys.imageio.plugins.tiff.TIFFImageReaderSpi;
import com.twelvemonkeys.imageio.plugins.tiff.TIFFImageWriterSpi;

import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.ImageWriter;
import javax.imageio.spi.IIORegistry;
import javax.imageio.spi.ImageReaderSpi;
import javax.imageio.spi.ImageWriterSpi;
import java.util.Iterator;

/**
 * The one reader and writer used for each format, chosen explicitly instead of by ImageIO's registry order (which
 * depends on the class path and may pick TwelveMonkeys' slow pure-Java WebP reader): TwelveMonkeys for JPEG reading
 * (CMYK/YCCK, ICC profiles, lenient with broken files) and TIFF; the native libwebp of webp-imageio for WebP; the
 * JDK's own codecs for PNG, GIF, BMP and JPEG writing.
 */
public final class Codecs {

    static {
        // ImageIO's registry, when first created, asks the context class loader for every plugin on the class path:
        // that opens every jar of the application (and keeps each one's directory in memory) to find the plugins
        // this class registers explicitly anyway. Created here with only the JDK's own plugins, it stays that way:
        // no plugin is picked up by accident, and no jar is opened for the search.
        Thread thread = Thread.currentThread();
        ClassLoader previous = thread.getContextClassLoader();
        thread.setContextClassLoader(ClassLoader.getPlatformClassLoader());
        try {
            IIORegistry.getDefaultInstance();
        } finally {
            thread.setContextClassLoader(previous);
        }
    }

    private static final ImageReaderSpi JPEG_READER = registered(JPEGImageReaderSpi.class, new JPEGImageReaderSpi());
    private static final ImageReaderSpi TIFF_READER = registered(TIFFImageReaderSpi.class, new TIFFImageReaderSpi());
    private static final ImageWriterSpi TIFF_WRITER = registered(TIFFImageWriterSpi.class, new TIFFImageWriterSpi());
    private static final ImageReaderSpi WEBP_READER = registered(WebPImageReaderSpi.class, new WebPImageReaderSpi());
    private static final ImageWriterSpi WEBP_WRITER = registered(WebPImageWriterSpi.class, new WebPImageWriterSpi());

    private Codecs() {
    }

    private static <T> T registered(Class<T> type, T fresh) {
        IIORegistry registry = IIORegistry.getDefaultInstance();
        T existing = registry.getServiceProviderByClass(type);
        if (existing != null) {
            return existing;
        }
        registry.registerServiceProvider(fresh);
        return fresh;
    }

    public static ImageReader reader(ImageFormat format) {
        try {
            return switch (format) {
                case JPEG -> JPEG_READER.createReaderInstance();
                case TIFF -> TIFF_READER.createReaderInstance();
                case WEBP -> WEBP_READER.createReaderInstance();
                case PNG -> jdkReader("png", "com.sun.imageio.plugins.png.PNGImageReader");
                case GIF -> jdkReader("gif", "com.sun.imageio.plugins.gif.GIFImageReader");
                case BMP -> jdkReader("bmp", "com.sun.imageio.plugins.bmp.BMPImageReader");
                case AVIF, HEIF -> throw unsupported(format);
            };
        } catch (java.io.IOException e) {
            throw new IllegalStateException("cannot create the " + format + " reader", e);
        }
    }

    public static ImageWriter writer(ImageFormat format) {
        try {
            return switch (format) {
                case TIFF -> TIFF_WRITER.createWriterInstance();
                case WEBP -> WEBP_WRITER.createWriterInstance();
                case JPEG -> jdkWriter("jpeg", "com.sun.imageio.plugins.jpeg.JPEGImageWriter");
                case PNG -> jdkWriter("png", "com.sun.imageio.plugins.png.PNGImageWriter");
                case GIF -> jdkWriter("gif", "com.sun.imageio.plugins.gif.GIFImageWriter");
                case BMP -> jdkWriter("bmp", "com.sun.imageio.plugins.bmp.BMPImageWriter");
                case AVIF, HEIF -> throw unsupported(format);
            };
        } catch (java.io.IOException e) {
            throw new IllegalStateException("cannot create the " + format + " writer", e);
        }
    }

    static RuntimeException unsupported(ImageFormat format) {
        return ImageErrors.fail(ImageErrors.UNSUPPORTED_FORMAT, format.id() + " has no ImageIO codec: it goes "
                + "through libheif (HeifCodec)");
    }

    private static ImageReader jdkReader(String format, String className) {
        for (Iterator<ImageReader> it = ImageIO.getImageReadersByFormatName(format); it.hasNext(); ) {
            ImageReader reader = it.next();
            if (reader.getClass().getName().equals(className)) {
                return reader;
            }
            reader.dispose();
        }
        throw new IllegalStateException("the JDK's " + format + " reader is missing");
    }

    private static ImageWriter jdkWriter(String format, String className) {
        for (Iterator<ImageWriter> it = ImageIO.getImageWritersByFormatName(format); it.hasNext(); ) {
            ImageWriter writer = it.next();
            if (writer.getClass().getName().equals(className)) {
                return writer;
            }
            writer.dispose();
        }
        throw new IllegalStateException("the JDK's " + format + " writer is missing");
    }
}
