package io.lamina.image.codec;

import io.lamina.image.config.ImageSettings;
import io.lamina.ops.runtime.OperationException;

import javax.imageio.IIOException;
import javax.imageio.ImageReadParam;
import javax.imageio.ImageReader;
import javax.imageio.event.IIOReadWarningListener;
import javax.imageio.stream.ImageInputStream;
import com.twelvemonkeys.imageio.stream.ByteArrayImageInputStream;
import java.awt.color.ColorSpace;
import java.awt.image.BufferedImage;
import java.awt.image.ColorConvertOp;
import java.awt.image.ColorModel;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.IntBinaryOperator;

/**
 * Decodes untrusted bytes safely: the format from its signature (not the name), the dimensions from the header before
 * any pixel is decoded, the pixel budget checked on them, then a decode with source subsampling when the caller only
 * needs a smaller image (shrink-on-load), the EXIF orientation applied, colours converted to sRGB, and only the
 * first frame of an animation. Metadata is never carried over. Every way a hostile file can fail ends in a
 * {@link OperationException} with {@code malformed_image}, {@code unsupported_format} or {@code limit_exceeded}.
 */
public final class ImageDecoder {

    private final ImageSettings settings;

    public ImageDecoder(ImageSettings settings) {
        this.settings = settings;
    }

    /** Header facts, read without decoding pixels. */
    public record Probe(ImageFormat format, int width, int height, int orientation, int frames) {
    }

    public Probe probe(byte[] data) {
        ImageFormat format = format(data);
        ImageReader reader = Codecs.reader(format);
        try (ImageInputStream in = new ByteArrayImageInputStream(data)) {
            reader.setInput(in, false, true);
            int w = reader.getWidth(0);
            int h = reader.getHeight(0);
            int orientation = format == ImageFormat.JPEG ? ExifOrientation.read(data) : 1;
            int frames = format == ImageFormat.GIF ? countFrames(reader) : 1;
            return ExifOrientation.swapsAxes(orientation) ? new Probe(format, h, w, orientation, frames)
                    : new Probe(format, w, h, orientation, frames);
        } catch (IOException | RuntimeException e) {
            throw malformed(format, e);
        } finally {
            reader.dispose();
        }
    }

    /**
     * Decodes {@code data}. {@code subsampling} gets the upright source width and height and answers the factor the
     * decode may shrink by (1 = full size).
     */
    public DecodedImage decode(byte[] data, IntBinaryOperator subsampling, PixelBudget.Lease lease) {
        if (data.length > settings.maxInputBytes()) {
            throw ImageErrors.fail(ImageErrors.LIMIT_EXCEEDED, "the image is " + data.length + " bytes; the limit is "
                    + settings.maxInputBytes() + " (lamina.images.max-input-bytes)");
        }
        ImageFormat sniffed = ImageFormat.sniff(data, data.length).orElse(null);
        if (sniffed == ImageFormat.AVIF || sniffed == ImageFormat.HEIF) {
            return viaPng(data, sniffed, subsampling, lease);
        }
        return decodeWithinByteLimit(data, subsampling, lease);
    }

    private DecodedImage decodeWithinByteLimit(byte[] data, IntBinaryOperator subsampling, PixelBudget.Lease lease) {
        Probe probe = probe(data);
        long pixels = (long) probe.width() * probe.height();
        if (pixels > settings.maxPixels()) {
            throw ImageErrors.fail(ImageErrors.LIMIT_EXCEEDED, "the image is " + probe.width() + "×" + probe.height()
                    + " = " + pixels + " pixels; the limit is " + settings.maxPixels() + " (lamina.images.max-pixels)");
        }
        int factor = Math.max(1, subsampling.applyAsInt(probe.width(), probe.height()));
        long decodedPixels = ((long) ceilDiv(probe.width(), factor)) * ceilDiv(probe.height(), factor);
        lease.ensure(decodedPixels);
        ImageReader reader = Codecs.reader(probe.format());
        List<String> warnings = new ArrayList<>();
        try (ImageInputStream in = new ByteArrayImageInputStream(data)) {
            reader.setInput(in, true, true);
            reader.addIIOReadWarningListener(new IIOReadWarningListener() {
                @Override
                public void warningOccurred(ImageReader source, String warning) {
                    warnings.add(warning);
                }
            });
            ImageReadParam param = reader.getDefaultReadParam();
            if (factor > 1) {
                param.setSourceSubsampling(factor, factor, 0, 0);
            }
            BufferedImage image = reader.read(0, param);
            failOnDamage(warnings, probe.format());
            image = ExifOrientation.apply(toSrgb(image), probe.orientation());
            return new DecodedImage(image, probe.format(), probe.width(), probe.height(), factor,
                    probe.frames() > 1);
        } catch (OperationException e) {
            throw e;
        } catch (IOException | RuntimeException e) {
            throw malformed(probe.format(), e);
        } finally {
            reader.dispose();
        }
    }

    /**
     * What a caller wants decoded from an image whose upright size is {@code width × height}: {@link #target} the
     * exact size it will shrink the image to first (null when it will not), {@link #subsampling} the factor a
     * decode that cannot stream may shrink by (1 = full size).
     */
    public interface Plan {
        int[] target(int width, int height);

        int subsampling(int width, int height);
    }

    /**
     * Decodes {@code source}. A JPEG the plan shrinks is decoded <b>streaming</b>: rows go from the reader straight
     * into an {@link AreaAverager} at the target size, so neither the whole file nor the decoded image is ever held
     * (only a 64 KiB window of the file and two output rows of sums). Everything else (other formats, CMYK or
     * ICC-profiled JPEGs, anything the stream cannot follow) is read whole and decoded as {@link #decode(byte[],
     * IntBinaryOperator, PixelBudget.Lease)} does.
     */
    public DecodedImage decode(ImageSource source, Plan plan, PixelBudget.Lease lease) throws IOException {
        if (source.size() > settings.maxInputBytes()) {
            throw ImageErrors.fail(ImageErrors.LIMIT_EXCEEDED, "the image is " + source.size() + " bytes; the "
                    + "limit is " + settings.maxInputBytes() + " (lamina.images.max-input-bytes)");
        }
        byte[] head = new byte[16];
        int headLength;
        try (java.io.InputStream in = source.open()) {
            headLength = in.readNBytes(head, 0, head.length);
        }
        if (ImageFormat.sniff(head, headLength).orElse(null) == ImageFormat.JPEG) {
            DecodedImage streamed = streamJpeg(source, plan, lease);
            if (streamed != null) {
                return streamed;
            }
        }
        return decode(source.readAll(), (w, h) -> plan.subsampling(w, h), lease);
    }

    /** The streaming decode, or null when this JPEG is not one for it (the caller then decodes it whole). */
    private DecodedImage streamJpeg(ImageSource source, Plan plan, PixelBudget.Lease lease) throws IOException {
        ImageReader reader = Codecs.reader(ImageFormat.JPEG);
        List<String> warnings = new ArrayList<>();
        try (SourceImageInputStream in = new SourceImageInputStream(source)) {
            int orientation = ExifOrientation.read(JpegHeader.read(in));
            in.seek(0);
            reader.setInput(in, true, true);
            int w = reader.getWidth(0);
            int h = reader.getHeight(0);
            long pixels = (long) w * h;
            if (pixels > settings.maxPixels()) {
                throw ImageErrors.fail(ImageErrors.LIMIT_EXCEEDED, "the image is " + w + "×" + h + " = " + pixels
                        + " pixels; the limit is " + settings.maxPixels() + " (lamina.images.max-pixels)");
            }
            boolean swaps = ExifOrientation.swapsAxes(orientation);
            int[] target = swaps ? plan.target(h, w) : plan.target(w, h);
            if (target == null) {
                return null;
            }
            int tw = swaps ? target[1] : target[0];
            int th = swaps ? target[0] : target[1];
            if (tw > w || th > h || tw < 1 || th < 1) {
                return null;
            }
            ColorModel raw = reader.getRawImageType(0).getColorModel();
            ColorSpace space = raw.getColorSpace();
            int bands = raw.getNumComponents();
            if (raw.hasAlpha() || !(bands == 3 && space.isCS_sRGB()
                    || bands == 1 && space.getType() == ColorSpace.TYPE_GRAY)) {
                return null;
            }
            lease.ensure((long) tw * th);
            AreaAverager sink = new AreaAverager(w, h, tw, th, bands);
            reader.addIIOReadWarningListener((r, warning) -> warnings.add(warning));
            ImageReadParam param = reader.getDefaultReadParam();
            param.setDestination(StreamingDestination.of(sink));
            reader.read(0, param);
            failOnDamage(warnings, ImageFormat.JPEG);
            if (!sink.complete()) {
                return null;
            }
            BufferedImage image = ExifOrientation.apply(sink.image(), orientation);
            return new DecodedImage(image, ImageFormat.JPEG, swaps ? h : w, swaps ? w : h, 1, false);
        } catch (OperationException e) {
            throw e;
        } catch (IOException | RuntimeException e) {
            for (Throwable cause = e; cause != null; cause = cause.getCause()) {
                if (cause instanceof AreaAverager.NotStreamable) {
                    return null;
                }
            }
            throw malformed(ImageFormat.JPEG, e);
        } finally {
            reader.dispose();
        }
    }

    private static void failOnDamage(List<String> warnings, ImageFormat format) {
        for (String warning : warnings) {
            String w = warning.toLowerCase(java.util.Locale.ROOT);
            if (w.contains("premature end") || w.contains("corrupt") || w.contains("truncat")) {
                throw ImageErrors.fail(ImageErrors.MALFORMED_IMAGE, "the " + format.id() + " file is damaged: "
                        + warning);
            }
        }
    }

    /** AVIF/HEIF: libheif's decoder (a child process) writes the primary image as PNG, read here like any PNG. */
    private DecodedImage viaPng(byte[] data, ImageFormat format, IntBinaryOperator subsampling,
                                PixelBudget.Lease lease) {
        byte[] png = HeifCodec.toPng(data, format, settings.maxPixels(), settings.heifTimeout());
        // The PNG may be larger than the input byte limit (it is lossless); its pixels are checked as usual.
        DecodedImage decoded = decodeWithinByteLimit(png, subsampling, lease);
        return new DecodedImage(decoded.image(), format, decoded.sourceWidth(), decoded.sourceHeight(),
                decoded.subsampling(), false);
    }

    /** Decodes at full size. */
    public DecodedImage decode(byte[] data, PixelBudget.Lease lease) {
        return decode(data, (w, h) -> 1, lease);
    }

    /** The format from the file's first bytes. */
    public static ImageFormat format(byte[] data) {
        ImageFormat format = ImageFormat.sniff(data, data.length).orElseThrow(() -> ImageErrors.fail(
                ImageErrors.UNSUPPORTED_FORMAT, data.length == 0 ? "the file is empty"
                        : "the file is not an image Lamina can read (jpeg, png, webp, gif, tiff, bmp, avif, heif)"));
        if (format == ImageFormat.AVIF || format == ImageFormat.HEIF) {
            throw ImageErrors.fail(ImageErrors.UNSUPPORTED_FORMAT, "the " + format.id() + " file has no image "
                    + "header to probe in-process; it is decoded through libheif");
        }
        return format;
    }

    /** Colours converted to sRGB (embedded ICC profiles, grey, CMYK already converted by TwelveMonkeys' reader). */
    static BufferedImage toSrgb(BufferedImage image) {
        ColorSpace space = image.getColorModel().getColorSpace();
        if (space.isCS_sRGB() || space.getType() == ColorSpace.TYPE_GRAY && image.getType() != BufferedImage.TYPE_CUSTOM) {
            return image;
        }
        boolean alpha = image.getColorModel().hasAlpha();
        BufferedImage out = Pixels.blank(image.getWidth(), image.getHeight(), alpha);
        new ColorConvertOp(null).filter(image, out);
        return out;
    }

    private static int countFrames(ImageReader reader) throws IOException {
        // Counting every frame of a huge animation would read it all: two is enough to know it is animated.
        try {
            reader.getWidth(1);
            return 2;
        } catch (IndexOutOfBoundsException | IIOException e) {
            return 1;
        }
    }

    private static OperationException malformed(ImageFormat format, Exception e) {
        if (e instanceof OperationException oe) {
            return oe;
        }
        String detail = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        return ImageErrors.fail(ImageErrors.MALFORMED_IMAGE, "the " + format.id() + " file could not be decoded "
                + "(truncated or corrupt): " + detail);
    }

    private static int ceilDiv(int a, int b) {
        return (a + b - 1) / b;
    }
}
