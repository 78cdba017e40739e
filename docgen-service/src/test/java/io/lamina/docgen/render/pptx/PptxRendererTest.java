package io.lamina.docgen.render.pptx;

import io.lamina.docgen.render.Samples;
import org.apache.poi.sl.usermodel.AutoNumberingScheme;
import org.apache.poi.xslf.usermodel.XMLSlideShow;
import org.apache.poi.xslf.usermodel.XSLFPictureShape;
import org.apache.poi.xslf.usermodel.XSLFShape;
import org.apache.poi.xslf.usermodel.XSLFSlide;
import org.apache.poi.xslf.usermodel.XSLFTable;
import org.apache.poi.xslf.usermodel.XSLFTextParagraph;
import org.apache.poi.xslf.usermodel.XSLFTextRun;
import org.apache.poi.xslf.usermodel.XSLFTextShape;
import org.junit.jupiter.api.Test;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Renders presentations and reads them back with POI XSLF; one slide is drawn to pixels with POI's renderer. */
class PptxRendererTest {

    private static XMLSlideShow render(com.fasterxml.jackson.databind.JsonNode document) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        new PptxRenderer().render(document, Samples.assets(), Samples.limits(), out);
        return new XMLSlideShow(new ByteArrayInputStream(out.toByteArray()));
    }

    private static List<String> texts(XSLFSlide slide) {
        List<String> out = new ArrayList<>();
        for (XSLFShape shape : slide.getShapes()) {
            if (shape instanceof XSLFTextShape t && !t.getText().isBlank()) {
                out.add(t.getText());
            }
        }
        return out;
    }

    private static List<XSLFTable> tables(XSLFSlide slide) {
        return slide.getShapes().stream().filter(s -> s instanceof XSLFTable).map(s -> (XSLFTable) s).toList();
    }

    @Test
    void aSlidePerPageBreakSectionWithFollowOnSlidesForWhatDoesNotFit() throws Exception {
        try (XMLSlideShow ppt = render(Samples.document("report"))) {
            List<XSLFSlide> slides = ppt.getSlides();
            // section 1 (title, contents) on one slide; section 2 continues over follow-on slides
            assertTrue(slides.size() >= 4, "slides: " + slides.size());
            assertTrue(texts(slides.get(0)).contains("Quarterly Operations Report"));
            assertFalse(String.join(" ", texts(slides.get(0))).contains("Lamina processed more"),
                    "the page break starts a new slide");
            assertEquals("1. Summary", texts(slides.get(1)).get(0), "content first; header and footer are drawn last");
            double bottom = ppt.getPageSize().getHeight() - 72;
            List<String> weeks = new ArrayList<>();
            int withTable = 0;
            for (XSLFSlide slide : slides) {
                for (XSLFShape shape : slide.getShapes()) {
                    Rectangle2D a = shape.getAnchor();
                    boolean footer = shape instanceof XSLFTextShape t && t.getText().startsWith("Page ");
                    if (!footer && a.getY() >= 72 - 0.5) {
                        assertTrue(a.getMaxY() <= bottom + 1, "slide " + slide.getSlideNumber() + ": " + shape
                                .getShapeName() + " ends at " + a.getMaxY() + " below " + bottom);
                    }
                }
                for (XSLFTable table : tables(slide)) {
                    if (table.getCell(0, 0).getText().equals("Week")) {
                        withTable++;
                        for (int r = 1; r < table.getNumberOfRows(); r++) {
                            weeks.add(table.getCell(r, 0).getText());
                        }
                    }
                }
                String footer = texts(slide).get(texts(slide).size() - 1);
                assertEquals("Page " + slide.getSlideNumber() + " of " + slides.size(), footer);
                assertEquals("Quarterly Operations Report · Q3 2026", texts(slide).get(texts(slide).size() - 2));
            }
            assertTrue(withTable >= 2, "the 60-row table continues on a follow-on slide, header repeated");
            assertEquals(60, weeks.size());
            assertEquals("Week 1", weeks.get(0));
            assertEquals("Week 60", weeks.get(59));
            assertEquals("Quarterly Operations Report", ppt.getProperties().getCoreProperties().getTitle());
        }
    }

    @Test
    void runsListsTablesAndPicturesReadBack() throws Exception {
        try (XMLSlideShow ppt = render(Samples.document("invoice"))) {
            assertEquals(1, ppt.getSlides().size());
            XSLFSlide slide = ppt.getSlides().get(0);
            XSLFTable items = tables(slide).get(0);
            assertEquals(7, items.getNumberOfRows());
            assertEquals("Description", items.getCell(0, 1).getText());
            assertEquals("€ 2,400.00", items.getCell(1, 4).getText());
            assertEquals(4, items.getCell(6, 0).getGridSpan(), "Total due spans four columns");
            assertEquals("Total due", items.getCell(6, 0).getText());
            XSLFTextRun total = items.getCell(6, 4).getTextParagraphs().get(0).getTextRuns().get(0);
            assertTrue(total.isBold());
            XSLFTextRun date = slide.getShapes().stream().filter(s -> s instanceof XSLFTextShape)
                    .flatMap(s -> ((XSLFTextShape) s).getTextParagraphs().stream())
                    .flatMap(p -> p.getTextRuns().stream()).filter(r -> r.getRawText().equals("8 December 2026"))
                    .findFirst().orElseThrow();
            assertTrue(date.isBold());
            assertEquals(new Color(0xB4, 0x23, 0x18), ((org.apache.poi.sl.usermodel.PaintStyle.SolidPaint)
                    date.getFontColor()).getSolidColor().getColor());
            XSLFTextRun link = slide.getShapes().stream().filter(s -> s instanceof XSLFTextShape)
                    .flatMap(s -> ((XSLFTextShape) s).getTextParagraphs().stream())
                    .flatMap(p -> p.getTextRuns().stream()).filter(r -> r.getHyperlink() != null).findFirst()
                    .orElseThrow();
            assertEquals("mailto:billing@northwind.example", link.getHyperlink().getAddress());
            assertEquals(2, slide.getShapes().stream().filter(s -> s instanceof XSLFPictureShape).count(),
                    "QR code and barcode");

            BufferedImage png = new BufferedImage((int) ppt.getPageSize().getWidth(),
                    (int) ppt.getPageSize().getHeight(), BufferedImage.TYPE_INT_RGB);
            Graphics2D g = png.createGraphics();
            g.setColor(Color.WHITE);
            g.fillRect(0, 0, png.getWidth(), png.getHeight());
            slide.draw(g);
            g.dispose();
            Rectangle2D header = items.getAnchor();
            assertTrue(dark(png, new Rectangle2D.Double(header.getX(), header.getY(), header.getWidth(), 12)) > 0.3,
                    "the table's dark blue header row is drawn");
            XSLFPictureShape qr = (XSLFPictureShape) slide.getShapes().stream()
                    .filter(s -> s instanceof XSLFPictureShape).findFirst().orElseThrow();
            double qrInk = dark(png, qr.getAnchor());
            assertTrue(qrInk > 0.25 && qrInk < 0.75, "QR modules drawn: " + qrInk);
            assertEquals(0.0, dark(png, new Rectangle2D.Double(60, 500, 400, 200)), 0.001,
                    "blank below the content");
        }
    }

    @Test
    void nestedListsAreBulletsAndNumbersAndLongParagraphsContinue() throws Exception {
        StringBuilder words = new StringBuilder();
        for (int i = 1; i <= 700; i++) {
            words.append("word").append(i).append(' ');
        }
        try (XMLSlideShow ppt = render(Samples.json("""
                {'content': [
                  {'type': 'list', 'variant': 'ordered', 'items': [{'text': 'one', 'variant': 'unordered',
                    'items': [{'text': 'one.a'}]}, {'text': 'two'}]},
                  {'type': 'paragraph', 'markdown': '%s'}]}
                """.formatted(words.toString().trim())))) {
            assertEquals(960, ppt.getPageSize().getWidth(), 0.5, "16:9 without a page size");
            List<XSLFTextParagraph> list = ((XSLFTextShape) ppt.getSlides().get(0).getShapes().get(0))
                    .getTextParagraphs();
            assertEquals("one", list.get(0).getText());
            assertTrue(list.get(0).isBullet());
            assertEquals(AutoNumberingScheme.arabicPeriod, list.get(0).getAutoNumberingScheme());
            assertEquals("one.a", list.get(1).getText());
            assertEquals("◦", list.get(1).getBulletCharacter());
            assertEquals(2, list.get(2).getAutoNumberingStartAt());
            assertTrue(ppt.getSlides().size() >= 2, "700 words continue on a follow-on slide");
            StringBuilder all = new StringBuilder();
            for (XSLFSlide slide : ppt.getSlides()) {
                texts(slide).stream().filter(t -> t.startsWith("word")).forEach(t -> all.append(t).append(' '));
            }
            assertEquals(words.toString().trim(), all.toString().trim().replaceAll("\\s+", " "),
                    "every word once, in order");
        }
    }

    /** The share of pixels in {@code area} darker than mid-grey. */
    private static double dark(BufferedImage image, Rectangle2D area) {
        int dark = 0;
        int all = 0;
        for (int y = (int) area.getMinY(); y < Math.min(image.getHeight(), area.getMaxY()); y++) {
            for (int x = (int) area.getMinX(); x < Math.min(image.getWidth(), area.getMaxX()); x++) {
                int rgb = image.getRGB(x, y);
                int luma = ((rgb >> 16 & 0xFF) * 3 + (rgb >> 8 & 0xFF) * 6 + (rgb & 0xFF)) / 10;
                dark += luma < 128 ? 1 : 0;
                all++;
            }
        }
        return all == 0 ? 0 : dark / (double) all;
    }
}
