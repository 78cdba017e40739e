package io.lamina.docgen.render;

import com.fasterxml.jackson.databind.JsonNode;
import io.lamina.contracts.ErrorInfo;
import io.lamina.ops.runtime.OperationException;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;

/**
 * An {@code image} block's picture in a form EPUB and PPTX both take: PNG, JPEG and GIF as they came; BMP and TIFF
 * (not EPUB core media types) converted to PNG; with {@code fit: cover}, cropped around its centre to the box's
 * aspect ratio, so that no format needs a viewer that crops.
 */
public final class Pictures {

    /** Bytes in {@code format} (png, jpeg, gif), {@code width} × {@code height} pixels. */
    public record Picture(byte[] bytes, String format, int width, int height) {

        public String mimeType() {
            return "image/" + format;
        }

        public String extension() {
            return format.equals("jpeg") ? "jpg" : format;
        }
    }

    /** The size in points an image takes in its block's box: the whole box for cover, the fitted size for contain. */
    public record Box(double width, double height) {
    }

    private Pictures() {
    }

    public static Picture of(JsonNode block, String path, Assets assets, long maxPixels) {
        String at = path + (block.has("file") ? ".file" : ".buffer");
        byte[] bytes = block.has("file") ? assets.read(block.get("file"), at)
                : assets.base64(block.path("buffer").asText(), at);
        ImageProbe.Info info = ImageProbe.check(bytes, maxPixels, at);
        String format = switch (info.format()) {
            case "png", "jpeg", "jpg", "gif" -> info.format().equals("jpg") ? "jpeg" : info.format();
            default -> null;
        };
        boolean cover = "cover".equals(block.path("fit").asText());
        if (format != null && !cover) {
            return new Picture(bytes, format, info.width(), info.height());
        }
        BufferedImage image = decode(bytes, at);
        if (cover) {
            image = crop(image, block.path("width_in_pt").asDouble() / block.path("height_in_pt").asDouble());
        }
        return new Picture(CodeImages.png(image), "png", image.getWidth(), image.getHeight());
    }

    /** The box a picture is drawn in: {@code width_in_pt} × {@code height_in_pt}, or the picture fitted into it. */
    public static Box box(JsonNode block, Picture picture) {
        double w = block.path("width_in_pt").asDouble();
        double h = block.path("height_in_pt").asDouble();
        if ("cover".equals(block.path("fit").asText())) {
            return new Box(w, h);
        }
        double scale = Math.min(w / picture.width(), h / picture.height());
        return new Box(picture.width() * scale, picture.height() * scale);
    }

    private static BufferedImage decode(byte[] bytes, String path) {
        BufferedImage image;
        try {
            image = ImageIO.read(new ByteArrayInputStream(bytes));
        } catch (IOException e) {
            image = null;
        }
        if (image == null) {
            throw new OperationException(ErrorInfo.permanent("unsupported_format", path
                    + ": not an image this renderer can read (PNG, JPEG, GIF, BMP or TIFF)"));
        }
        return image;
    }

    private static BufferedImage crop(BufferedImage image, double aspect) {
        int w = image.getWidth();
        int h = image.getHeight();
        if (w / (double) h > aspect) {
            int cw = Math.max(1, (int) Math.round(h * aspect));
            return image.getSubimage((w - cw) / 2, 0, cw, h);
        }
        int ch = Math.max(1, (int) Math.round(w / aspect));
        return image.getSubimage(0, (h - ch) / 2, w, ch);
    }
}
