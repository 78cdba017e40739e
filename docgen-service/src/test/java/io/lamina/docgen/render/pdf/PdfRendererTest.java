package io.lamina.docgen.render.pdf;

import com.fasterxml.jackson.databind.JsonNode;
import io.lamina.docgen.render.Samples;
import io.lamina.ops.runtime.OperationException;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PdfRendererTest {

    private static final PdfRenderer RENDERER = new PdfRenderer(Samples.FONTS);
    private static byte[] invoice;
    private static byte[] report;

    @BeforeAll
    static void render() {
        invoice = RENDERER.render(Samples.document("invoice"), Samples.assets(), Samples.limits());
        report = RENDERER.render(Samples.document("report"), Samples.assets(), Samples.limits());
    }

    private static String text(byte[] pdf, int page) throws Exception {
        try (PDDocument doc = Loader.loadPDF(pdf)) {
            PDFTextStripper stripper = new PDFTextStripper();
            stripper.setSortByPosition(true);
            if (page > 0) {
                stripper.setStartPage(page);
                stripper.setEndPage(page);
            }
            return stripper.getText(doc);
        }
    }

    private static void inOrder(String text, String... parts) {
        int at = -1;
        for (String part : parts) {
            int next = text.indexOf(part, at + 1);
            assertTrue(next > at, "'" + part + "' should follow the previous part in:\n" + text);
            at = next;
        }
    }

    @Test
    void invoiceReadsBackInReadingOrderWithUnicodeAndMetadata() throws Exception {
        try (PDDocument doc = Loader.loadPDF(invoice)) {
            assertEquals(1, doc.getNumberOfPages());
            assertEquals("Invoice INV-2026-0042", doc.getDocumentInformation().getTitle());
            assertEquals("Northwind Analytics GmbH", doc.getDocumentInformation().getAuthor());
            assertEquals("en", doc.getDocumentCatalog().getLanguage());
        }
        String text = text(invoice, 0);
        inOrder(text, "Northwind Analytics GmbH", "Page 1 of 1", "Invoice INV-2026-0042", "Billed to",
                "Αθηνά Παπαδοπούλου — ООО «Северный Ветер»", "Description", "Data pipeline design workshop (2 days)",
                "€ 2,400.00", "Hosting, November 2026", "Total due", "€ 4,217.50", "quoting INV-2026-0042",
                "IBAN DE89 3704 0044 0532 0130 00");
    }

    @Test
    void reportHasHeaderAndFooterOnEveryPageAndRepeatsTheTableHeader() throws Exception {
        int pages;
        try (PDDocument doc = Loader.loadPDF(report)) {
            pages = doc.getNumberOfPages();
        }
        assertTrue(pages >= 5, "the report spans several pages, got " + pages);
        int tablePages = 0;
        for (int p = 1; p <= pages; p++) {
            String text = text(report, p);
            assertTrue(text.contains("Quarterly Operations Report · Q3 2026"), "header on page " + p);
            assertTrue(text.contains("Page " + p + " of " + pages), "footer on page " + p + ":\n" + text);
            if (text.matches("(?s).*Week \\d+.*")) {
                tablePages++;
                inOrder(text, "Week", "Documents", "Success", "p95 latency");
            }
        }
        assertTrue(tablePages >= 2, "the 60-row table crosses a page break");
        inOrder(text(report, 0), "1. Summary", "Week 1 ", "Week 2 ", "Week 59 ", "Week 60 ", "4.1 Next quarter",
                "Καλημέρα κόσμε", "Добрый день, мир", "żółć");
    }

    @Test
    void tableOfContentsPointsToThePagesOfTheHeadlines() throws Exception {
        String contents = text(report, 1);
        // entries are "<label> <page>" lines (the dotted leader is drawn, not text)
        Matcher entry = Pattern.compile("(?m)^(\\d\\.\\d?\\.? ?\\S.*?) (\\d+)$").matcher(contents);
        int checked = 0;
        while (entry.find()) {
            String label = entry.group(1).trim();
            int page = Integer.parseInt(entry.group(2));
            String body = text(report, page);
            assertTrue(body.lines().anyMatch(l -> l.trim().equals(label)), "'" + label + "' on page " + page);
            checked++;
        }
        assertTrue(checked >= 10, "entries found in:\n" + contents);
    }

    @Test
    void rasterizedPagesShowTheQrCodeTableAndImage(@TempDir Path dir) throws Exception {
        BufferedImage page = rasterize(invoice, 1, dir);
        // the QR code sits top right, the blue header row of the table below it, nothing in the lower half
        double qr = fraction(page, 0.77, 0.88, 0.11, 0.18, PdfRendererTest::dark);
        assertTrue(qr > 0.25 && qr < 0.75, "QR modules, got " + qr);
        assertTrue(fraction(page, 0.12, 0.88, 0.236, 0.243, PdfRendererTest::blue) > 0.6, "table header row");
        assertTrue(fraction(page, 0.1, 0.9, 0.55, 0.85, PdfRendererTest::white) > 0.999, "blank below content");
        BufferedImage chart = rasterize(report, 2, dir);
        assertTrue(fraction(chart, 0.18, 0.6, 0.5, 0.6, PdfRendererTest::blue) > 0.3, "chart bars");
    }

    @Test
    void pdfA2bCarriesItsIdentificationAndEmbedsEveryFont() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        RENDERER.render(Samples.document("invoice"), true, Samples.assets(), Samples.limits(), out);
        try (PDDocument doc = Loader.loadPDF(out.toByteArray())) {
            String xmp = new String(doc.getDocumentCatalog().getMetadata().toByteArray());
            assertTrue(xmp.contains("<pdfaid:part>2</pdfaid:part>") || xmp.contains("pdfaid:part=\"2\""), xmp);
            assertTrue(xmp.contains("<pdfaid:conformance>B</pdfaid:conformance>")
                    || xmp.contains("pdfaid:conformance=\"B\""), xmp);
            doc.getPages().forEach(p -> p.getResources().getFontNames().forEach(name -> {
                try {
                    assertTrue(p.getResources().getFont(name).isEmbedded(), name.getName());
                } catch (Exception e) {
                    throw new AssertionError(e);
                }
            }));
        }
    }

    @Test
    void refusesBytesThatAreNotAnImage() {
        JsonNode doc = Samples.json("{'content':[{'type':'image','buffer':'"
                + Base64.getEncoder().encodeToString("not an image".getBytes()) + "','width_in_pt':10,"
                + "'height_in_pt':10}]}");
        OperationException e = assertThrows(OperationException.class,
                () -> RENDERER.render(doc, Samples.assets(), Samples.limits()));
        assertEquals("unsupported_format", e.error().code());
        assertTrue(e.getMessage().startsWith("document.content[0].buffer"), e.getMessage());
    }

    @Test
    void stopsAtThePageLimit() {
        StringBuilder blocks = new StringBuilder("{'type':'paragraph','markdown':'one'}");
        for (int i = 0; i < 5; i++) {
            blocks.append(",{'type':'page-break'},{'type':'paragraph','markdown':'next'}");
        }
        OperationException e = assertThrows(OperationException.class, () -> RENDERER.render(
                Samples.json("{'content':[" + blocks + "]}"), Samples.assets(),
                io.lamina.docgen.render.RenderLimits.of(3, 1000, java.time.Duration.ofSeconds(10))));
        assertEquals("limit_exceeded", e.error().code());
    }

    @Test
    void mergesUploadedPdfsBeforeAndAfter() throws Exception {
        JsonNode file = Samples.json("{'type':'base64','base64':'" + Base64.getEncoder().encodeToString(invoice)
                + "'}");
        PdfMerge.Merged merged = PdfMerge.merge(report, List.of(file), List.of(file), Samples.assets(), 100);
        try (PDDocument doc = Loader.loadPDF(merged.bytes())) {
            assertEquals(merged.pages(), doc.getNumberOfPages());
            int last = doc.getNumberOfPages();
            assertTrue(text(merged.bytes(), 1).contains("Invoice INV-2026-0042"));
            assertTrue(text(merged.bytes(), 2).contains("Contents"));
            assertTrue(text(merged.bytes(), last).contains("Invoice INV-2026-0042"));
        }
        JsonNode broken = Samples.json("{'type':'base64','base64':'" + Base64.getEncoder().encodeToString(
                "%PDF-1.7 garbage".getBytes()) + "'}");
        OperationException e = assertThrows(OperationException.class,
                () -> PdfMerge.merge(report, List.of(), List.of(broken), Samples.assets(), 100));
        assertEquals("malformed_document", e.error().code());
        assertTrue(e.getMessage().startsWith("merge.append[0]: not a readable PDF"), e.getMessage());
    }

    private static BufferedImage rasterize(byte[] pdf, int page, Path dir) throws Exception {
        Path file = dir.resolve("in.pdf");
        Files.write(file, pdf);
        Process p = new ProcessBuilder("pdftoppm", "-png", "-r", "50", "-f", Integer.toString(page), "-l",
                Integer.toString(page), "-singlefile", file.toString(), dir.resolve("page").toString())
                .redirectErrorStream(true).start();
        assertEquals(0, p.waitFor(), new String(p.getInputStream().readAllBytes()));
        return ImageIO.read(dir.resolve("page.png").toFile());
    }

    private interface PixelTest {
        boolean test(int rgb);
    }

    private static double fraction(BufferedImage image, double x0, double x1, double y0, double y1, PixelTest test) {
        int hits = 0;
        int total = 0;
        for (int y = (int) (y0 * image.getHeight()); y < (int) (y1 * image.getHeight()); y++) {
            for (int x = (int) (x0 * image.getWidth()); x < (int) (x1 * image.getWidth()); x++) {
                total++;
                hits += test.test(image.getRGB(x, y)) ? 1 : 0;
            }
        }
        return hits / (double) total;
    }

    private static boolean dark(int rgb) {
        return ((rgb >> 16 & 255) + (rgb >> 8 & 255) + (rgb & 255)) / 3 < 100;
    }

    private static boolean white(int rgb) {
        return (rgb >> 16 & 255) > 245 && (rgb >> 8 & 255) > 245 && (rgb & 255) > 245;
    }

    private static boolean blue(int rgb) {
        return (rgb & 255) > (rgb >> 16 & 255) + 60;
    }
}
