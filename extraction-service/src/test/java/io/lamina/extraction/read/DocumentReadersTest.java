package io.lamina.extraction.read;

import io.lamina.extraction.ExtractionErrors;
import io.lamina.extraction.model.layout.DocumentLayout;
import io.lamina.extraction.model.layout.Line;
import io.lamina.extraction.model.layout.Page;
import io.lamina.extraction.model.layout.Word;
import io.lamina.ops.runtime.OperationException;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import jakarta.mail.util.ByteArrayDataSource;
import org.apache.poi.xssf.usermodel.XSSFSheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.apache.poi.xwpf.usermodel.XWPFDocument;
import org.apache.poi.xwpf.usermodel.XWPFParagraph;
import org.apache.poi.xwpf.usermodel.XWPFTable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Properties;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DocumentReadersTest {

    static DocumentReaders readers;

    @BeforeAll
    static void start() {
        readers = new DocumentReaders(ReadLimits.defaults(),
                new OcrEngines("/usr/share/tesseract-ocr/5/tessdata", "eng", 1));
        assertTrue(readers.ocrAvailable(), "tesseract-ocr-eng must be installed (extraction-service/packages.txt)");
    }

    @AfterAll
    static void stop() {
        readers.close();
    }

    static Word word(DocumentLayout layout, String text) {
        for (Page p : layout.pages()) {
            for (Line l : p.lines()) {
                for (Word w : l.words()) {
                    if (w.text().equals(text)) {
                        return w;
                    }
                }
            }
        }
        throw new AssertionError("no word " + text + " in " + DocumentReaders.plainText(layout));
    }

    @Test
    void textPdfGivesWordsWithPositionsAndHeadings() throws Exception {
        byte[] pdf = Fixtures.textPdf("Quarterly Report", List.of(
                List.of("Invoice number INV-2041", "Total due 1,234.50 EUR"),
                List.of("Second page text here")));
        DocumentLayout layout = readers.read("report.bin", pdf);
        assertEquals("application/pdf", layout.mimeType());
        assertEquals(2, layout.pages().size());
        Page first = layout.pages().get(0);
        assertEquals(Page.Source.TEXT, first.source());
        assertEquals(595.3, first.width(), 0.5);
        assertEquals(841.9, first.height(), 0.5);
        assertEquals("Quarterly Report", first.lines().get(0).text());
        assertEquals("Invoice number INV-2041", first.lines().get(1).text());
        Word invoice = word(layout, "INV-2041");
        // the line's baseline is at 842 - 740 = 102 pt from the top; the word sits just above it
        assertTrue(invoice.box().bottom() > 98 && invoice.box().bottom() < 106, invoice.toString());
        assertTrue(invoice.box().y() > 90 && invoice.box().y() < 102, invoice.toString());
        assertTrue(invoice.box().x() > 72 + 60, invoice.toString());
        assertEquals(1.0, invoice.confidence());
        assertTrue(layout.markdown().startsWith("# Quarterly Report\n"), layout.markdown());
        assertTrue(layout.markdown().contains("Total due 1,234.50 EUR\n"), layout.markdown());
        assertTrue(layout.markdown().contains("Second page text here"), layout.markdown());
    }

    @Test
    void rightToLeftTextComesBackInLogicalOrder() throws Exception {
        // RTL-aware producers draw Hebrew in visual order: the last letter of a line leftmost. Each glyph is placed
        // on its own, the way such producers position shaped text.
        java.io.File font = new java.io.File("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf");
        org.junit.jupiter.api.Assumptions.assumeTrue(font.isFile(), "fonts-dejavu-core is not installed");
        String logical = "שלום עולם 2024";
        String visual = "2024 םלוע םולש";
        byte[] pdf;
        try (org.apache.pdfbox.pdmodel.PDDocument doc = new org.apache.pdfbox.pdmodel.PDDocument();
             ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            org.apache.pdfbox.pdmodel.PDPage page = new org.apache.pdfbox.pdmodel.PDPage();
            doc.addPage(page);
            org.apache.pdfbox.pdmodel.font.PDType0Font f = org.apache.pdfbox.pdmodel.font.PDType0Font.load(doc, font);
            try (org.apache.pdfbox.pdmodel.PDPageContentStream cs =
                         new org.apache.pdfbox.pdmodel.PDPageContentStream(doc, page)) {
                float x = 100;
                for (int i = 0; i < visual.length(); i++) {
                    String g = visual.substring(i, i + 1);
                    cs.beginText();
                    cs.setFont(f, 14);
                    cs.newLineAtOffset(x, 700);
                    cs.showText(g);
                    cs.endText();
                    x += f.getStringWidth(g) / 1000 * 14;
                }
                cs.beginText();
                cs.setFont(f, 14);
                cs.newLineAtOffset(100, 670);
                cs.showText("Plain left to right");
                cs.endText();
            }
            doc.save(out);
            pdf = out.toByteArray();
        }
        DocumentLayout layout = readers.read("hebrew.pdf", pdf);
        List<Line> lines = layout.pages().get(0).lines();
        assertEquals(logical, lines.get(0).text());
        assertEquals("Plain left to right", lines.get(1).text());
        assertEquals("שלום", lines.get(0).words().get(0).text());
    }

    @Test
    void scannedPdfPagesAreOcredWithWordBoxesInPoints() throws Exception {
        BufferedImage scan = Fixtures.scan(List.of("INVOICE 4711", "Amount due 250.00"), 2480, 3508);
        DocumentLayout layout = readers.read("scan.pdf", Fixtures.scannedPdf(scan));
        assertEquals(1, layout.pages().size());
        Page page = layout.pages().get(0);
        assertEquals(Page.Source.OCR, page.source());
        assertEquals(595, page.width(), 2);
        Word invoice = word(layout, "INVOICE");
        // drawn at x=150 px, baseline 200 px at 300 dpi: 36 pt from the left, ~48 pt from the top
        assertEquals(36, invoice.box().x(), 3);
        assertTrue(invoice.box().bottom() > 40 && invoice.box().bottom() < 52, invoice.toString());
        assertTrue(invoice.confidence() > 0.6, invoice.toString());
        assertTrue(layout.markdown().contains("INVOICE 4711"), layout.markdown());
        assertTrue(layout.markdown().contains("Amount due 250.00"), layout.markdown());
    }

    @Test
    void imagesOfEveryFormatAreOcred() throws Exception {
        BufferedImage scan = Fixtures.scan(List.of("Order 5521 shipped"), 1100, 300);
        for (String format : List.of("png", "jpeg", "tiff", "gif", "bmp", "webp")) {
            BufferedImage source = scan;
            if (format.equals("bmp") || format.equals("jpeg")) {
                source = new BufferedImage(scan.getWidth(), scan.getHeight(), BufferedImage.TYPE_3BYTE_BGR);
                source.getGraphics().drawImage(scan, 0, 0, null);
            }
            DocumentLayout layout = readers.read("picture", Fixtures.encode(source, format));
            String expected = format.equals("jpeg") ? "image/jpeg" : "image/" + format;
            assertEquals(expected, layout.mimeType(), format);
            assertEquals(Page.Source.OCR, layout.pages().get(0).source());
            assertEquals("Order 5521 shipped", layout.markdown().strip(), format);
            assertEquals(1100 * 72.0 / 300, layout.pages().get(0).width(), 0.01);
        }
    }

    @Test
    void docxKeepsHeadingsParagraphsAndTables() throws Exception {
        byte[] docx;
        try (XWPFDocument doc = new XWPFDocument(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            XWPFParagraph h = doc.createParagraph();
            h.setStyle("Heading1");
            h.createRun().setText("Delivery Note");
            doc.createParagraph().createRun().setText("Customer: ACME GmbH");
            XWPFTable table = doc.createTable(2, 2);
            table.getRow(0).getCell(0).setText("Item");
            table.getRow(0).getCell(1).setText("Qty");
            table.getRow(1).getCell(0).setText("Bolts | M8");
            table.getRow(1).getCell(1).setText("400");
            doc.write(out);
            docx = out.toByteArray();
        }
        DocumentLayout layout = readers.read("note.zip", docx);
        assertEquals(TypeSniffer.DOCX, layout.mimeType());
        assertEquals("# Delivery Note\n\nCustomer: ACME GmbH\n\n| Item | Qty |\n| --- | --- |\n| Bolts \\| M8 | 400 |\n",
                layout.markdown());
        Word qty = word(layout, "Qty");
        Word count = word(layout, "400");
        assertEquals(qty.box().x(), count.box().x(), 0.01, "table columns line up in the notional layout");
        assertTrue(count.box().y() > qty.box().y());
    }

    @Test
    void xlsxSheetsBecomeTables() throws Exception {
        byte[] xlsx;
        try (XSSFWorkbook wb = new XSSFWorkbook(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            XSSFSheet s = wb.createSheet("Prices");
            s.createRow(0).createCell(0).setCellValue("Product");
            s.getRow(0).createCell(1).setCellValue("Price");
            s.createRow(1).createCell(0).setCellValue("Widget");
            s.getRow(1).createCell(1).setCellValue(12.5);
            s.createRow(3).createCell(1).setCellValue("gap above");
            wb.createSheet("Empty");
            wb.write(out);
            xlsx = out.toByteArray();
        }
        DocumentLayout layout = readers.read("prices", xlsx);
        assertEquals(TypeSniffer.XLSX, layout.mimeType());
        assertEquals("## Prices\n\n| Product | Price |\n| --- | --- |\n| Widget | 12.5 |\n|  |  |\n|  | gap above |\n\n"
                + "## Empty\n\n", layout.markdown());
    }

    @Test
    void htmlBecomesMarkdownWithoutScripts() {
        String html = "<!DOCTYPE html><html><head><title>T</title><script>alert(1)</script></head><body>"
                + "<h1>Price list</h1><p>Valid from <b>May</b>.</p><ul><li>One<ul><li>Inner</li></ul></li><li>Two</li></ul>"
                + "<ol><li>First</li></ol><table><tr><th>A</th><th>B</th></tr><tr><td>1</td><td>2</td></tr></table>"
                + "<p><a href=\"https://example.com/x\">link</a></p></body></html>";
        DocumentLayout layout = readers.read("page.txt", html.getBytes(StandardCharsets.UTF_8));
        assertEquals("text/html", layout.mimeType());
        assertEquals("# Price list\n\nValid from **May**.\n\n- One\n  - Inner\n- Two\n\n1. First\n\n"
                + "| A | B |\n| --- | --- |\n| 1 | 2 |\n\n[link](https://example.com/x)\n", layout.markdown());
    }

    @Test
    void emailAttachmentsAreReadThroughTheSameReaders() throws Exception {
        byte[] pdf = Fixtures.textPdf("Invoice 99", List.of(List.of("Net amount 80.00")));
        MimeMessage message = new MimeMessage(Session.getInstance(new Properties()));
        message.setFrom("billing@example.com");
        message.setRecipients(jakarta.mail.Message.RecipientType.TO, "ap@example.org");
        message.setSubject("Your invoice");
        MimeMultipart multipart = new MimeMultipart();
        MimeBodyPart body = new MimeBodyPart();
        body.setText("Please find the invoice attached.", "UTF-8");
        multipart.addBodyPart(body);
        MimeBodyPart attachment = new MimeBodyPart();
        attachment.setDataHandler(new jakarta.activation.DataHandler(new ByteArrayDataSource(pdf, "application/pdf")));
        attachment.setFileName("invoice-99.pdf");
        multipart.addBodyPart(attachment);
        MimeBodyPart csv = new MimeBodyPart();
        csv.setText("sku,qty\nA-1,3\n", "UTF-8");
        csv.setFileName("items.csv");
        csv.setDisposition("attachment");
        multipart.addBodyPart(csv);
        message.setContent(multipart);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        message.writeTo(out);

        DocumentLayout layout = readers.read("mail", out.toByteArray());
        assertEquals("message/rfc822", layout.mimeType());
        assertEquals(3, layout.pages().size());
        assertEquals(List.of(1, 2, 3), layout.pages().stream().map(Page::number).toList());
        String md = layout.markdown();
        assertTrue(md.startsWith("# Your invoice\n"), md);
        assertTrue(md.contains("| From | billing@example.com |"), md);
        assertTrue(md.contains("Please find the invoice attached."), md);
        assertTrue(md.contains("## Attachment: invoice-99.pdf\n\n# Invoice 99\n\nNet amount 80.00"), md);
        assertTrue(md.contains("## Attachment: items.csv\n\n| sku | qty |\n| --- | --- |\n| A-1 | 3 |"), md);
        assertEquals("Net", word(layout, "Net").text());
        assertEquals(Page.Source.TEXT, layout.pages().get(1).source());
    }

    @Test
    void textFlavoursComeFromContentAndName() {
        assertEquals("text/csv", readers.read("a.csv", "x,y\n1,2\n".getBytes(StandardCharsets.UTF_8)).mimeType());
        assertEquals("application/json", readers.read("a.txt", "{\"a\":1}".getBytes(StandardCharsets.UTF_8)).mimeType());
        assertEquals("text/markdown", readers.read("a.md", "# T\n".getBytes(StandardCharsets.UTF_8)).mimeType());
        DocumentLayout latin1 = readers.read("a.txt", "Grüße".getBytes(StandardCharsets.ISO_8859_1));
        assertEquals("Grüße", latin1.markdown());
    }

    @Test
    void unknownBinariesAndPlainZipsAreUnsupported() throws Exception {
        OperationException e = assertThrows(OperationException.class,
                () -> readers.read("x.pdf", new byte[] {0, 1, 2, 3, (byte) 0xFE, 0, 7, 8, 9}));
        assertEquals(ExtractionErrors.UNSUPPORTED_FORMAT, e.error().code());
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(out)) {
            zip.putNextEntry(new ZipEntry("notes/readme.txt"));
            zip.write("hello".getBytes(StandardCharsets.UTF_8));
        }
        e = assertThrows(OperationException.class, () -> readers.read("x.docx", out.toByteArray()));
        assertEquals(ExtractionErrors.UNSUPPORTED_FORMAT, e.error().code());
        assertTrue(e.getMessage().contains("ZIP archive"), e.getMessage());
    }
}
