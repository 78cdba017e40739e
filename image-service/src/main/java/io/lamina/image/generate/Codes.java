package io.lamina.image.generate;

import com.google.zxing.BarcodeFormat;
import com.google.zxing.EncodeHintType;
import com.google.zxing.MultiFormatWriter;
import com.google.zxing.WriterException;
import com.google.zxing.common.BitMatrix;
import com.google.zxing.qrcode.decoder.ErrorCorrectionLevel;
import io.lamina.image.codec.ImageErrors;
import io.lamina.image.codec.Pixels;

import java.awt.image.BufferedImage;
import java.util.Map;

/** QR codes and barcodes drawn with ZXing, module for module, into the layer's box. */
public final class Codes {

    private Codes() {
    }

    public static BarcodeFormat format(String id) {
        return switch (id) {
            case "code128" -> BarcodeFormat.CODE_128;
            case "ean13" -> BarcodeFormat.EAN_13;
            case "ean8" -> BarcodeFormat.EAN_8;
            case "code39" -> BarcodeFormat.CODE_39;
            case "itf" -> BarcodeFormat.ITF;
            case "codabar" -> BarcodeFormat.CODABAR;
            default -> throw ImageErrors.fail(ImageErrors.INVALID_PARAMS, "unknown barcode format '" + id + "'");
        };
    }

    /** QR code with error correction M, a one-module quiet zone, scaled by whole modules and centred. */
    public static BufferedImage qr(String value, int w, int h, int foreground, int background, String path) {
        return draw(BarcodeFormat.QR_CODE, value, w, h, foreground, background, path,
                Map.of(EncodeHintType.MARGIN, 1, EncodeHintType.ERROR_CORRECTION, ErrorCorrectionLevel.M,
                        EncodeHintType.CHARACTER_SET, "UTF-8"));
    }

    /** A 1D barcode with ZXing's default quiet zone, bars scaled by a whole factor and centred. */
    public static BufferedImage barcode(String format, String value, int w, int h, int foreground, int background,
                                        String path) {
        return draw(format(format), value, w, h, foreground, background, path, Map.of());
    }

    private static BufferedImage draw(BarcodeFormat format, String value, int w, int h, int foreground,
                                      int background, String path, Map<EncodeHintType, ?> hints) {
        BitMatrix matrix;
        try {
            matrix = new MultiFormatWriter().encode(value, format, w, h, hints);
        } catch (WriterException | IllegalArgumentException e) {
            throw ImageErrors.fail(ImageErrors.INVALID_PARAMS, path + ".value: cannot be encoded as "
                    + format.name().toLowerCase(java.util.Locale.ROOT) + ": " + e.getMessage());
        }
        if (matrix.getWidth() > w || matrix.getHeight() > h) {
            throw ImageErrors.fail(ImageErrors.INVALID_PARAMS, path + ".dimensions: this value needs at least "
                    + matrix.getWidth() + "×" + matrix.getHeight() + " px");
        }
        BufferedImage out = Pixels.blank(w, h, true);
        int[] px = Pixels.data(out);
        int offX = (w - matrix.getWidth()) / 2;
        int offY = (h - matrix.getHeight()) / 2;
        java.util.Arrays.fill(px, background);
        for (int y = 0; y < matrix.getHeight(); y++) {
            for (int x = 0; x < matrix.getWidth(); x++) {
                if (matrix.get(x, y)) {
                    px[(y + offY) * w + x + offX] = foreground;
                }
            }
        }
        return out;
    }
}
