package io.lamina.extraction.groundtruth;

import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.font.PDType1Font;
import org.apache.pdfbox.pdmodel.font.Standard14Fonts;
import org.apache.poi.xwpf.usermodel.XWPFDocument;
import org.apache.poi.xwpf.usermodel.XWPFTable;
import org.apache.poi.xwpf.usermodel.XWPFTableRow;

import javax.imageio.ImageIO;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.awt.image.ConvolveOp;
import java.awt.image.Kernel;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.List;
import java.util.Random;

/** Draws a {@link Sample} as a text PDF (PDFBox), a DOCX (POI) or a scanned-looking PNG (300 dpi, noise, blur, tilt). */
final class Renderers {

    static final float A4_W = PDRectangle.A4.getWidth();
    static final float A4_H = PDRectangle.A4.getHeight();

    private Renderers() {
    }

    static byte[] pdf(Sample sample) throws IOException {
        try (PDDocument doc = new PDDocument(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            PDPage page = new PDPage(PDRectangle.A4);
            doc.addPage(page);
            PDType1Font regular = new PDType1Font(Standard14Fonts.FontName.HELVETICA);
            PDType1Font bold = new PDType1Font(Standard14Fonts.FontName.HELVETICA_BOLD);
            try (PDPageContentStream cs = new PDPageContentStream(doc, page)) {
                for (Sample.Item item : sample.items()) {
                    PDType1Font font = item.bold() ? bold : regular;
                    float width = font.getStringWidth(item.text()) / 1000 * (float) item.size();
                    float x = (float) (item.right() ? item.x() - width : item.x());
                    cs.beginText();
                    cs.setFont(font, (float) item.size());
                    cs.newLineAtOffset(x, A4_H - (float) item.y());
                    cs.showText(item.text());
                    cs.endText();
                }
            }
            doc.save(out);
            return out.toByteArray();
        }
    }

    static byte[] docx(Sample sample) throws IOException {
        try (XWPFDocument doc = new XWPFDocument(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            int tableAfter = Math.min(sample.paragraphs().size(), sample.kind().equals("invoice") ? 7 : sample.paragraphs().size());
            for (int i = 0; i < tableAfter; i++) {
                doc.createParagraph().createRun().setText(sample.paragraphs().get(i));
            }
            if (!sample.table().isEmpty()) {
                List<List<String>> rows = sample.table();
                XWPFTable table = doc.createTable(rows.size(), rows.get(0).size());
                for (int r = 0; r < rows.size(); r++) {
                    XWPFTableRow row = table.getRow(r);
                    for (int c = 0; c < rows.get(r).size(); c++) {
                        row.getCell(c).setText(rows.get(r).get(c));
                    }
                }
            }
            for (int i = tableAfter; i < sample.paragraphs().size(); i++) {
                doc.createParagraph().createRun().setText(sample.paragraphs().get(i));
            }
            doc.write(out);
            return out.toByteArray();
        }
    }

    /** A 300 dpi grey scan: slight rotation (±0.8°), a blur, speckle noise and uneven paper; PNG bytes. */
    static BufferedImage scan(Sample sample, long seed) {
        Random random = new Random(seed);
        double scale = 300.0 / 72;
        int w = (int) (A4_W * scale);
        int h = (int) (A4_H * scale);
        BufferedImage page = new BufferedImage(w, h, BufferedImage.TYPE_BYTE_GRAY);
        Graphics2D g = page.createGraphics();
        g.setColor(new Color(246, 246, 246));
        g.fillRect(0, 0, w, h);
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
        g.rotate(Math.toRadians((random.nextDouble() - 0.5) * 1.6), w / 2.0, h / 2.0);
        g.setColor(new Color(25, 25, 25));
        for (Sample.Item item : sample.items()) {
            Font font = new Font("DejaVu Sans", item.bold() ? Font.BOLD : Font.PLAIN, (int) Math.round(item.size() * scale * 0.92));
            g.setFont(font);
            int width = g.getFontMetrics().stringWidth(item.text());
            double x = (item.right() ? item.x() * scale - width : item.x() * scale);
            g.drawString(item.text(), (float) x, (float) (item.y() * scale));
        }
        g.dispose();
        float[] blur = new float[9];
        java.util.Arrays.fill(blur, 1f / 9);
        BufferedImage blurred = new ConvolveOp(new Kernel(3, 3, blur), ConvolveOp.EDGE_NO_OP, null).filter(page, null);
        byte[] px = ((java.awt.image.DataBufferByte) blurred.getRaster().getDataBuffer()).getData();
        for (int i = 0; i < px.length; i++) {
            int v = px[i] & 0xff;
            v += (int) (random.nextGaussian() * 10);
            if (random.nextInt(2500) == 0) {
                v = 40; // dust
            }
            px[i] = (byte) Math.max(0, Math.min(255, v));
        }
        return blurred;
    }

    static byte[] png(BufferedImage image) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(image, "png", out);
        return out.toByteArray();
    }
}
