package io.lamina.docgen.render.docx;

import io.lamina.docgen.render.Samples;
import org.apache.poi.xwpf.usermodel.XWPFDocument;
import org.apache.poi.xwpf.usermodel.XWPFParagraph;
import org.apache.poi.xwpf.usermodel.XWPFRun;
import org.apache.poi.xwpf.usermodel.XWPFTable;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.math.BigInteger;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DocxRendererTest {

    private static XWPFDocument render(String sample) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        new DocxRenderer().render(Samples.document(sample), Samples.assets(), Samples.limits(), out);
        return new XWPFDocument(new ByteArrayInputStream(out.toByteArray()));
    }

    private static XWPFParagraph paragraph(List<XWPFParagraph> paragraphs, String text) {
        return paragraphs.stream().filter(p -> p.getText().equals(text))
                .sorted(java.util.Comparator.comparing(p -> p.getStyle() == null)).findFirst()
                .orElseThrow(() -> new AssertionError("no paragraph '" + text + "'"));
    }

    private static int pictures(List<XWPFParagraph> paragraphs) {
        return paragraphs.stream().flatMap(p -> p.getRuns().stream()).mapToInt(r -> r.getEmbeddedPictures().size())
                .sum();
    }

    @Test
    void invoiceTablesCellsAndStylesReadBack() throws Exception {
        try (XWPFDocument doc = render("invoice")) {
            assertEquals("Invoice INV-2026-0042", doc.getProperties().getCoreProperties().getTitle());
            assertEquals("Northwind Analytics GmbH", doc.getProperties().getCoreProperties().getCreator());
            XWPFTable items = doc.getTables().stream().filter(t -> t.getText().contains("Description")).findFirst()
                    .orElseThrow();
            assertEquals(7, items.getNumberOfRows());
            assertTrue(items.getRow(0).isRepeatHeader());
            assertEquals(List.of("#", "Description", "Qty", "Unit price", "Amount"),
                    items.getRow(0).getTableCells().stream().map(c -> c.getText()).toList());
            assertEquals("Data pipeline design workshop (2 days)", items.getRow(1).getCell(1).getText());
            assertEquals("€ 2,400.00", items.getRow(1).getCell(4).getText());
            // "Total due" spans four columns: two cells remain in the row
            assertEquals(2, items.getRow(6).getTableCells().size());
            assertEquals(BigInteger.valueOf(4),
                    items.getRow(6).getCell(0).getCTTc().getTcPr().getGridSpan().getVal());
            XWPFRun total = items.getRow(6).getCell(1).getParagraphs().get(0).getRuns().get(0);
            assertEquals("€ 4,217.50", total.text());
            assertTrue(total.isBold());
            assertEquals("E8F0FE", items.getRow(6).getCell(1).getColor());
            XWPFRun header = items.getRow(0).getCell(1).getParagraphs().get(0).getRuns().get(0);
            assertEquals("FFFFFF", header.getColor());
            assertEquals("0B3D91", items.getRow(0).getCell(1).getColor());

            List<XWPFParagraph> all = doc.getTables().get(0).getRow(0).getCell(0).getParagraphs();
            XWPFParagraph title = paragraph(all, "Invoice INV-2026-0042");
            assertEquals("Heading1", title.getStyle());
            XWPFRun run = title.getRuns().get(0);
            assertTrue(run.isBold());
            assertEquals("0B3D91", run.getColor());
            assertEquals(22.0, run.getFontSizeAsDouble());
            assertEquals("Liberation Sans", run.getFontFamily());
            XWPFParagraph due = all.stream().filter(p -> p.getText().startsWith("Issued")).findFirst().orElseThrow();
            XWPFRun date = due.getRuns().stream().filter(r -> r.text().equals("8 December 2026")).findFirst()
                    .orElseThrow();
            assertEquals("B42318", date.getColor());
            assertTrue(date.isBold());
            assertTrue(doc.getParagraphs().stream().anyMatch(p -> p.getText().contains("quoting INV-2026-0042")));
            assertEquals(1, pictures(doc.getParagraphs()), "the barcode");
            assertEquals(1, pictures(doc.getTables().get(0).getRow(0).getCell(1).getParagraphs()),
                    "the QR code in the grid");
        }
    }

    @Test
    void reportHasPageSetupHeadingsListsAndPageFields() throws Exception {
        try (XWPFDocument doc = render("report")) {
            var size = doc.getDocument().getBody().getSectPr().getPgSz();
            assertEquals(BigInteger.valueOf(11906), size.getW());
            assertEquals(BigInteger.valueOf(1440), doc.getDocument().getBody().getSectPr().getPgMar().getTop());
            List<XWPFParagraph> paragraphs = doc.getParagraphs();
            assertEquals("Heading2", paragraph(paragraphs, "2.4 Weekly figures").getStyle());
            XWPFParagraph step = paragraph(paragraphs, "Extract fields");
            XWPFParagraph nested = paragraph(paragraphs, "line items");
            assertNotNull(step.getNumID());
            assertEquals(step.getNumID(), nested.getNumID());
            assertEquals(BigInteger.ZERO, step.getNumIlvl());
            assertEquals(BigInteger.ONE, nested.getNumIlvl());
            assertEquals("decimal", step.getNumFmt());
            XWPFTable weekly = doc.getTables().stream().filter(t -> t.getText().contains("Week 60")).findFirst()
                    .orElseThrow();
            assertEquals(61, weekly.getNumberOfRows());
            assertTrue(weekly.getRow(0).isRepeatHeader());
            String footer = doc.getFooterList().get(0).getParagraphs().get(0).getCTP().xmlText();
            assertTrue(footer.contains("PAGE") && footer.contains("NUMPAGES"), footer);
            assertTrue(doc.getHeaderList().get(0).getText().contains("Quarterly Operations Report · Q3 2026"));
            assertTrue(paragraphs.stream().anyMatch(p -> p.getText().contains("Добрый день, мир")));
            assertEquals(1, pictures(paragraphs), "the chart");
        }
    }
}
