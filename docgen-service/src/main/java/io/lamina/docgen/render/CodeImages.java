package io.lamina.docgen.render;

import com.fasterxml.jackson.databind.JsonNode;
import com.itextpdf.barcodes.Barcode1D;
import com.itextpdf.barcodes.Barcode128;
import com.itextpdf.barcodes.Barcode39;
import com.itextpdf.barcodes.BarcodeCodabar;
import com.itextpdf.barcodes.BarcodeEAN;
import com.itextpdf.barcodes.BarcodeInter25;
import com.itextpdf.barcodes.BarcodeQRCode;
import com.itextpdf.barcodes.qrcode.EncodeHintType;
import com.itextpdf.barcodes.qrcode.ErrorCorrectionLevel;
import io.lamina.docgen.model.Barcodes;

import javax.imageio.ImageIO;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.HashMap;
import java.util.Map;

/**
 * A {@code qr-code} or {@code barcode} block as a PNG, for the formats that place pictures (DOCX, EPUB, PPTX); the PDF
 * draws them as vectors. Each module is 8 × 8 pixels, so the bars stay crisp when a viewer scales the picture.
 */
public final class CodeImages {

    private static final int SCALE = 8;

    private CodeImages() {
    }

    public static byte[] png(JsonNode block) {
        Color fg = awt(block.path("fg_hex_color").asText("000000"));
        Color bg = awt(block.path("bg_hex_color").asText("FFFFFF"));
        String value = block.path("value").asText();
        java.awt.Image image;
        if ("qr-code".equals(block.path("type").asText())) {
            Map<EncodeHintType, Object> hints = new HashMap<>();
            hints.put(EncodeHintType.ERROR_CORRECTION, ErrorCorrectionLevel.M);
            hints.put(EncodeHintType.CHARACTER_SET, "UTF-8");
            image = new BarcodeQRCode(value, hints).createAwtImage(fg, bg);
        } else {
            image = barcode(block.path("format").asText(), value).createAwtImage(fg, bg);
        }
        int w = Math.max(1, image.getWidth(null));
        int h = Math.max(1, image.getHeight(null));
        BufferedImage big = new BufferedImage(w * SCALE, h * SCALE, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = big.createGraphics();
        g.drawImage(image, 0, 0, big.getWidth(), big.getHeight(), null);
        g.dispose();
        return png(big);
    }

    private static Barcode1D barcode(String format, String value) {
        return switch (format) {
            case "ean13", "ean8" -> {
                BarcodeEAN ean = new BarcodeEAN(null, font());
                ean.setCodeType(format.equals("ean13") ? BarcodeEAN.EAN13 : BarcodeEAN.EAN8);
                ean.setCode(Barcodes.eanWithCheckDigit(value));
                yield ean;
            }
            case "code39" -> {
                Barcode39 c = new Barcode39(null, font());
                c.setCode(value);
                yield c;
            }
            case "itf" -> {
                BarcodeInter25 c = new BarcodeInter25(null, font());
                c.setCode(value);
                yield c;
            }
            case "codabar" -> {
                BarcodeCodabar c = new BarcodeCodabar(null, font());
                c.setCode(value.matches("[A-Da-d].*[A-Da-d]") ? value.toUpperCase() : "A" + value + "B");
                yield c;
            }
            default -> {
                Barcode128 c = new Barcode128(null, font());
                c.setCodeType(Barcode128.CODE128);
                c.setCode(value);
                yield c;
            }
        };
    }

    /** The 1-D barcode classes want a font even when only their bars are drawn (as here). */
    private static com.itextpdf.kernel.font.PdfFont font() {
        try {
            return com.itextpdf.kernel.font.PdfFontFactory.createFont();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Color awt(String hex) {
        return new Color(Integer.parseInt(TextLook.hex(hex), 16));
    }

    public static byte[] png(BufferedImage image) {
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            ImageIO.write(image, "png", out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
