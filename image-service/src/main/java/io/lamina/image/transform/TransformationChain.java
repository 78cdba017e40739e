package io.lamina.image.transform;

import com.fasterxml.jackson.databind.JsonNode;
import io.lamina.image.codec.ImageDecoder;
import io.lamina.image.codec.ImageEncoder;
import io.lamina.image.codec.ImageErrors;
import io.lamina.image.codec.HeifCodec;
import io.lamina.image.codec.ImageFormat;
import io.lamina.image.codec.JpegMetadata;
import io.lamina.image.codec.PixelBudget;
import io.lamina.image.config.ImageSettings;

import java.awt.image.BufferedImage;

/**
 * Runs an {@code image_transformation}'s operations in order over a decoded image and encodes the result. The params
 * have passed {@code ImageParamsValidator}; what only the pixels can tell (a crop outside the image, an output over
 * the pixel limit) fails here with the operation's path.
 */
public final class TransformationChain {

    private final ImageSettings settings;

    public TransformationChain(ImageSettings settings) {
        this.settings = settings;
    }

    /** The encoded output and its format. */
    public record Result(byte[] bytes, ImageFormat format, int width, int height) {
    }

    /**
     * How much the decoder may shrink a {@code width × height} source for these operations: when the chain starts
     * with a resize or smart_crop to a smaller size, the decode keeps at least twice the size the resampler needs,
     * so the final quality is the resampler's, not the subsampler's.
     */
    public static int subsampling(JsonNode operations, int width, int height) {
        for (JsonNode op : operations) {
            String type = op.path("type").asText();
            if (type.equals("convert") || type.equals("compress_to_size")) {
                continue;
            }
            int[] size;
            if (type.equals("resize")) {
                size = Geometry.scaledSize(width, height, op.path("width_in_px").asInt(), op.path("height_in_px").asInt(),
                        op.path("fit").asText());
            } else if (type.equals("smart_crop")) {
                size = Geometry.scaledSize(width, height, op.path("width_in_px").asInt(), op.path("height_in_px").asInt(),
                        "cover");
            } else {
                return 1;
            }
            int factor = Math.min(width / (2 * size[0]), height / (2 * size[1]));
            return Math.max(1, factor);
        }
        return 1;
    }

    /**
     * What the decoder may do for these operations: when the chain starts with a resize or smart_crop, the size that
     * operation scales to (the decoder then averages straight down to it when it can stream, and the operation finds
     * the image already at its size), and otherwise the whole-factor {@link #subsampling}.
     */
    public static ImageDecoder.Plan plan(JsonNode operations) {
        return new ImageDecoder.Plan() {
            @Override
            public int[] target(int width, int height) {
                for (JsonNode op : operations) {
                    String type = op.path("type").asText();
                    if (type.equals("convert") || type.equals("compress_to_size")) {
                        continue;
                    }
                    int boxW = op.path("width_in_px").asInt();
                    int boxH = op.path("height_in_px").asInt();
                    return switch (type) {
                        case "resize" -> Geometry.scaledSize(width, height, boxW, boxH, op.path("fit").asText());
                        case "smart_crop" -> Geometry.scaledSize(width, height, boxW, boxH, "cover");
                        default -> null;
                    };
                }
                return null;
            }

            @Override
            public int subsampling(int width, int height) {
                return TransformationChain.subsampling(operations, width, height);
            }
        };
    }

    public Result run(BufferedImage input, ImageFormat inputFormat, JsonNode operations, PixelBudget.Lease lease) {
        return run(input, inputFormat, operations, lease, JpegMetadata.NONE);
    }

    /**
     * {@code metadata}: the input's, written into a JPEG output when a {@code convert} asks for
     * {@code keep_metadata}; otherwise every output is written without metadata.
     */
    public Result run(BufferedImage input, ImageFormat inputFormat, JsonNode operations, PixelBudget.Lease lease,
                      JpegMetadata metadata) {
        BufferedImage image = input;
        ImageFormat format = inputFormat;
        Integer quality = null;
        Long maxBytes = null;
        String keepMetadata = null;
        for (int i = 0; i < operations.size(); i++) {
            JsonNode op = operations.get(i);
            String path = "operations[" + i + "]";
            String type = op.path("type").asText();
            switch (type) {
                case "convert" -> {
                    format = ImageFormat.byId(op.path("format").asText());
                    if ((format == ImageFormat.AVIF || format == ImageFormat.HEIF) && !HeifCodec.encoderAvailable()) {
                        throw HeifCodec.missing(format, HeifCodec.ENCODER, path + ".format: output");
                    }
                    quality = op.has("quality") ? op.get("quality").asInt() : null;
                    keepMetadata = op.path("keep_metadata").asBoolean(false) ? path + ".keep_metadata" : null;
                }
                case "compress_to_size" -> maxBytes = op.path("max_file_size_in_bytes").asLong();
                default -> {
                    long[] next = outputSize(image, op, path);
                    long pixels = next[0] * next[1];
                    if (pixels > settings.maxOutputPixels()) {
                        throw ImageErrors.fail(ImageErrors.LIMIT_EXCEEDED, path + ": the result would be " + next[0]
                                + "×" + next[1] + " = " + pixels + " pixels; the limit is "
                                + settings.maxOutputPixels() + " (lamina.images.max-output-pixels)");
                    }
                    lease.ensure((long) image.getWidth() * image.getHeight() + pixels);
                    image = apply(image, op, type);
                }
            }
        }
        JpegMetadata kept = keepMetadata == null ? JpegMetadata.NONE : metadata;
        if (keepMetadata != null && format != ImageFormat.JPEG) {
            throw ImageErrors.fail(ImageErrors.UNSUPPORTED_FORMAT, keepMetadata + ": metadata can be kept in jpeg "
                    + "output only (this chain writes " + format.id() + "); drop keep_metadata or convert to jpeg");
        }
        if (maxBytes != null) {
            Result compressed = CompressToSize.compress(image, format, Math.max(1, maxBytes - kept.size()));
            return new Result(kept.writeInto(compressed.bytes()), compressed.format(), compressed.width(),
                    compressed.height());
        }
        byte[] bytes = ImageEncoder.encode(image, format, quality, settings.heifTimeout());
        return new Result(format == ImageFormat.JPEG ? kept.writeInto(bytes) : bytes, format, image.getWidth(),
                image.getHeight());
    }

    /** The size an operation will produce, checked before it allocates anything. */
    private static long[] outputSize(BufferedImage image, JsonNode op, String path) {
        long w = image.getWidth();
        long h = image.getHeight();
        return switch (op.path("type").asText()) {
            case "resize" -> {
                String fit = op.path("fit").asText();
                int bw = op.path("width_in_px").asInt();
                int bh = op.path("height_in_px").asInt();
                if (fit.equals("cover") || fit.equals("contain") || fit.equals("fill")) {
                    yield new long[]{bw, bh};
                }
                int[] s = Geometry.scaledSize(image.getWidth(), image.getHeight(), bw, bh, fit);
                yield new long[]{s[0], s[1]};
            }
            case "crop" -> {
                int left = op.path("left_in_px").asInt();
                int top = op.path("top_in_px").asInt();
                int cw = op.path("width_in_px").asInt();
                int ch = op.path("height_in_px").asInt();
                if (left + (long) cw > w || top + (long) ch > h) {
                    throw ImageErrors.fail(ImageErrors.INVALID_PARAMS, path + ": the crop area " + cw + "×" + ch
                            + " at (" + left + ", " + top + ") does not fit in the " + w + "×" + h + " image");
                }
                yield new long[]{cw, ch};
            }
            case "extend" -> new long[]{w + op.path("left_in_px").asInt() + op.path("right_in_px").asInt(),
                    h + op.path("top_in_px").asInt() + op.path("bottom_in_px").asInt()};
            case "rotate" -> {
                double rad = Math.toRadians(op.path("angle_in_degrees").asDouble());
                double cos = Math.abs(Math.cos(rad));
                double sin = Math.abs(Math.sin(rad));
                yield new long[]{(long) Math.ceil(w * cos + h * sin), (long) Math.ceil(w * sin + h * cos)};
            }
            case "upscale" -> new long[]{w * op.path("factor").asInt(), h * op.path("factor").asInt()};
            case "smart_crop" -> new long[]{op.path("width_in_px").asInt(), op.path("height_in_px").asInt()};
            default -> new long[]{w, h};
        };
    }

    private static BufferedImage apply(BufferedImage image, JsonNode op, String type) {
        return switch (type) {
            case "resize" -> Geometry.resize(image, op.path("width_in_px").asInt(), op.path("height_in_px").asInt(),
                    op.path("fit").asText());
            case "crop" -> Geometry.crop(image, op.path("left_in_px").asInt(), op.path("top_in_px").asInt(),
                    op.path("width_in_px").asInt(), op.path("height_in_px").asInt());
            case "extend" -> Geometry.extend(image, op.path("top_in_px").asInt(), op.path("bottom_in_px").asInt(),
                    op.path("left_in_px").asInt(), op.path("right_in_px").asInt(),
                    Colors.parse(op.path("hex_color").asText()));
            case "trim" -> Geometry.trim(image, op.path("threshold").asDouble());
            case "rotate" -> Geometry.rotate(image, op.path("angle_in_degrees").asDouble(),
                    op.hasNonNull("hex_color") ? Colors.parse(op.get("hex_color").asText()) : null);
            case "flip" -> Geometry.flip(image);
            case "flop" -> Geometry.flop(image);
            case "blur" -> Filters.blur(image, op.path("sigma").asDouble());
            case "sharpen" -> Filters.sharpen(image, op.path("sigma").asDouble());
            case "modulate" -> Adjustments.modulate(image, op.path("brightness").asDouble(1),
                    op.path("saturation").asDouble(1), op.path("hue").asDouble(0));
            case "tint" -> Adjustments.tint(image, Colors.parse(op.path("hex_color").asText()));
            case "grayscale" -> Adjustments.grayscale(image);
            case "invert_colors" -> Adjustments.invert(image);
            case "auto_contrast" -> Adjustments.autoContrast(image);
            case "gamma" -> Adjustments.gamma(image, op.path("gamma").asDouble());
            case "remove_transparency" -> Adjustments.removeTransparency(image,
                    Colors.parse(op.path("hex_color").asText()));
            case "threshold" -> Adjustments.threshold(image, op.path("value").asInt(),
                    op.path("is_grayscale").asBoolean());
            case "denoise" -> Filters.denoise(image, op.path("size").asInt());
            case "opacity" -> Adjustments.opacity(image, op.path("opacity_in_percent").asDouble());
            case "upscale" -> Resampling.lanczos(image, image.getWidth() * op.path("factor").asInt(),
                    image.getHeight() * op.path("factor").asInt());
            case "smart_crop" -> SmartCrop.crop(image, op.path("width_in_px").asInt(), op.path("height_in_px").asInt());
            case "remove_background" -> BackgroundRemoval.remove(image, op.hasNonNull("background_hex_color")
                    ? Colors.parse(op.get("background_hex_color").asText()) : null);
            default -> throw ImageErrors.fail(ImageErrors.INVALID_PARAMS, "unknown operation '" + type + "'");
        };
    }

}
