package io.lamina.image.codec;

import com.luciad.imageio.webp.WebPWriteParam;
import io.lamina.image.config.ImageSettings;

import javax.imageio.IIOImage;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.ImageOutputStream;
import javax.imageio.stream.MemoryCacheImageOutputStream;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;

/**
 * Encodes pixels into one of the writable formats with the writers {@link Codecs} picks. Nothing of the input's
 * metadata is written. Formats without alpha (JPEG, BMP) get transparent pixels flattened onto white.
 */
public final class ImageEncoder {

    /** Quality of JPEG and lossy WebP when a request names none. */
    public static final int DEFAULT_QUALITY = 80;

    private ImageEncoder() {
    }

    public static byte[] encode(BufferedImage image, ImageFormat format, Integer quality) {
        return encode(image, format, quality, ImageSettings.DEFAULT_HEIF_TIMEOUT);
    }

    /** {@code heifTimeout}: the time limit of libheif's encoder for AVIF and HEIF. */
    public static byte[] encode(BufferedImage image, ImageFormat format, Integer quality, Duration heifTimeout) {
        if (format == ImageFormat.AVIF || format == ImageFormat.HEIF) {
            return HeifCodec.encode(image, format, quality, heifTimeout);
        }
        ImageWriter writer = Codecs.writer(format);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(Math.max(1024, image.getWidth() * image.getHeight() / 4));
        try (ImageOutputStream out = new MemoryCacheImageOutputStream(bytes)) {
            writer.setOutput(out);
            ImageWriteParam param = writer.getDefaultWriteParam();
            BufferedImage pixels = image;
            switch (format) {
                case JPEG -> {
                    pixels = opaque(image, Color.WHITE);
                    param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
                    param.setCompressionQuality(q(quality));
                }
                case WEBP -> {
                    param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
                    param.setCompressionType(quality != null && quality == 100 ? "Lossless" : "Lossy");
                    param.setCompressionQuality(q(quality));
                    ((WebPWriteParam) param).setMethod(4);
                }
                case BMP -> pixels = opaque(image, Color.WHITE);
                case TIFF -> {
                    param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
                    param.setCompressionType("LZW");
                }
                case GIF -> pixels = Pixels.toInt(image);
                default -> {
                    // PNG: lossless, the JDK writer's default deflate level
                }
            }
            writer.write(null, new IIOImage(pixels, null, null), param);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            writer.dispose();
        }
        return bytes.toByteArray();
    }

    private static float q(Integer quality) {
        return (quality == null ? DEFAULT_QUALITY : quality) / 100f;
    }

    /**
     * The image without alpha: transparent pixels composited onto {@code background}. An opaque image in a layout
     * the writers take as it is (packed RGB, 3-byte BGR, 8-bit grey) is not copied.
     */
    public static BufferedImage opaque(BufferedImage image, Color background) {
        if (!image.getColorModel().hasAlpha()) {
            int type = image.getType();
            return type == BufferedImage.TYPE_INT_RGB || type == BufferedImage.TYPE_3BYTE_BGR
                    || type == BufferedImage.TYPE_BYTE_GRAY ? image : Pixels.toInt(image);
        }
        BufferedImage out = Pixels.blank(image.getWidth(), image.getHeight(), false);
        Graphics2D g = out.createGraphics();
        try {
            g.setColor(background);
            g.fillRect(0, 0, image.getWidth(), image.getHeight());
            g.drawImage(image, 0, 0, null);
        } finally {
            g.dispose();
        }
        return out;
    }
}
