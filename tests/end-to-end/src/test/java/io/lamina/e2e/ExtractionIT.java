package io.lamina.e2e;

import io.restassured.http.ContentType;
import io.restassured.response.Response;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import javax.imageio.ImageIO;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * document_to_markdown through the gateway on real inputs: a text PDF and a scanned page (OCR in the extraction
 * service), and a hostile file that fails its step with a clear code while another job runs to success.
 */
class ExtractionIT {

    private static Platform platform;

    @BeforeAll
    static void startPlatform() throws Exception {
        platform = Platform.get();
    }

    /** A one-page PDF 1.4 with two lines of Helvetica text, its cross-reference table computed. */
    static byte[] textPdf(String... lines) {
        StringBuilder content = new StringBuilder("BT /F1 12 Tf 72 760 Td 16 TL\n");
        for (String line : lines) {
            content.append('(').append(line.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)"))
                    .append(") Tj T*\n");
        }
        content.append("ET\n");
        List<String> objects = List.of(
                "<< /Type /Catalog /Pages 2 0 R >>",
                "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
                "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Resources << /Font << /F1 4 0 R >> >> "
                        + "/Contents 5 0 R >>",
                "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
                "<< /Length " + content.length() + " >>\nstream\n" + content + "endstream");
        StringBuilder pdf = new StringBuilder("%PDF-1.4\n");
        List<Integer> offsets = new ArrayList<>();
        for (int i = 0; i < objects.size(); i++) {
            offsets.add(pdf.length());
            pdf.append(i + 1).append(" 0 obj\n").append(objects.get(i)).append("\nendobj\n");
        }
        int xref = pdf.length();
        pdf.append("xref\n0 ").append(objects.size() + 1).append("\n0000000000 65535 f \n");
        for (int offset : offsets) {
            pdf.append(String.format("%010d 00000 n \n", offset));
        }
        pdf.append("trailer\n<< /Size ").append(objects.size() + 1).append(" /Root 1 0 R >>\nstartxref\n")
                .append(xref).append("\n%%EOF\n");
        return pdf.toString().getBytes(StandardCharsets.ISO_8859_1);
    }

    /** Text drawn at 300 dpi on a white page strip, as PNG: a "scan". */
    static byte[] scannedPng(String... lines) throws Exception {
        BufferedImage image = new BufferedImage(1600, 150 + 90 * lines.length, BufferedImage.TYPE_BYTE_GRAY);
        Graphics2D g = image.createGraphics();
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, image.getWidth(), image.getHeight());
        g.setColor(Color.BLACK);
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 50));
        int y = 110;
        for (String line : lines) {
            g.drawString(line, 100, y);
            y += 90;
        }
        g.dispose();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(image, "png", out);
        return out.toByteArray();
    }

    /**
     * A PDF of {@code lines.length} pages, each only a scanned image (a JPEG XObject) of one line of text: no text
     * layer, so the extraction service renders and OCRs every page.
     */
    static byte[] scannedPdf(String... lines) throws Exception {
        List<byte[]> objects = new ArrayList<>();
        int pages = lines.length;
        // 1 catalog, 2 page tree, then per page: page, contents, image
        StringBuilder kids = new StringBuilder();
        for (int i = 0; i < pages; i++) {
            kids.append(3 + 3 * i).append(" 0 R ");
        }
        objects.add(ascii("<< /Type /Catalog /Pages 2 0 R >>"));
        objects.add(ascii("<< /Type /Pages /Kids [" + kids + "] /Count " + pages + " >>"));
        for (int i = 0; i < pages; i++) {
            int page = 3 + 3 * i;
            BufferedImage image = ImageIO.read(new java.io.ByteArrayInputStream(scannedPng(lines[i])));
            BufferedImage gray = new BufferedImage(image.getWidth(), image.getHeight(), BufferedImage.TYPE_BYTE_GRAY);
            gray.getGraphics().drawImage(image, 0, 0, null);
            ByteArrayOutputStream jpeg = new ByteArrayOutputStream();
            ImageIO.write(gray, "jpeg", jpeg);
            // the image at 300 dpi: 72/300 points a pixel, near the top of a Letter page
            float w = gray.getWidth() * 72f / 300, h = gray.getHeight() * 72f / 300;
            String content = "q " + w + " 0 0 " + h + " 36 " + (792 - 36 - h) + " cm /Im Do Q\n";
            objects.add(ascii("<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Resources << /XObject << /Im "
                    + (page + 2) + " 0 R >> >> /Contents " + (page + 1) + " 0 R >>"));
            objects.add(ascii("<< /Length " + content.length() + " >>\nstream\n" + content + "endstream"));
            ByteArrayOutputStream img = new ByteArrayOutputStream();
            img.write(ascii("<< /Type /XObject /Subtype /Image /Width " + gray.getWidth() + " /Height "
                    + gray.getHeight() + " /ColorSpace /DeviceGray /BitsPerComponent 8 /Filter /DCTDecode /Length "
                    + jpeg.size() + " >>\nstream\n"));
            img.write(jpeg.toByteArray());
            img.write(ascii("\nendstream"));
            objects.add(img.toByteArray());
        }
        ByteArrayOutputStream pdf = new ByteArrayOutputStream();
        pdf.write(ascii("%PDF-1.4\n"));
        List<Integer> offsets = new ArrayList<>();
        for (int i = 0; i < objects.size(); i++) {
            offsets.add(pdf.size());
            pdf.write(ascii((i + 1) + " 0 obj\n"));
            pdf.write(objects.get(i));
            pdf.write(ascii("\nendobj\n"));
        }
        int xref = pdf.size();
        StringBuilder tail = new StringBuilder("xref\n0 " + (objects.size() + 1) + "\n0000000000 65535 f \n");
        for (int offset : offsets) {
            tail.append(String.format("%010d 00000 n \n", offset));
        }
        tail.append("trailer\n<< /Size ").append(objects.size() + 1).append(" /Root 1 0 R >>\nstartxref\n")
                .append(xref).append("\n%%EOF\n");
        pdf.write(ascii(tail.toString()));
        return pdf.toByteArray();
    }

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.ISO_8859_1);
    }

    static String upload(TestTenant tenant, String name, byte[] bytes, String mime) {
        return tenant.api().multiPart("file", name, bytes, mime).post("/v1/files").then().statusCode(201)
                .extract().path("id");
    }

    static Map<String, Object> toMarkdown(String id, String fileId) {
        return Map.of("id", id, "operation", "document_to_markdown",
                "params", Map.of("file", Map.of("type", "file", "file_id", fileId)));
    }

    @Test
    void pdfAndScannedImageBecomeMarkdownThroughTheGateway() throws Exception {
        TestTenant tenant = TestTenant.create(platform, 100);
        String pdf = upload(tenant, "invoice.pdf", textPdf("Invoice INV-7731", "Total due 1,250.00 EUR"),
                "application/pdf");
        // the declared name and type are wrong on purpose: the content decides
        String scan = upload(tenant, "scan.dat", scannedPng("RECEIPT 90210", "Paid in full"),
                "application/octet-stream");
        Response response = tenant.api().contentType(ContentType.JSON).queryParam("wait", 120)
                .body(Map.of("steps", List.of(toMarkdown("pdf", pdf), toMarkdown("scan", scan))))
                .post("/v1/jobs");
        response.then().statusCode(200).body("status", equalTo("succeeded"))
                .body("steps[0].output.mime_type", equalTo("application/pdf"))
                .body("steps[0].output.markdown", containsString("Invoice INV-7731\nTotal due 1,250.00 EUR"))
                .body("steps[1].output.mime_type", equalTo("image/png"))
                .body("steps[1].output.name", equalTo("scan.dat"))
                .body("steps[1].output.markdown", containsString("RECEIPT 90210"))
                .body("steps[1].output.markdown", containsString("Paid in full"));
        // one page each at one credit a page
        await().atMost(Duration.ofSeconds(20)).until(() -> tenant.credit("reserved") == 0);
        assertEquals(98, tenant.credit("balance"));
    }

    /**
     * Per-page progress end to end: an 8-page scanned PDF (every page OCRed, so pages take a while) is converted
     * while the job is polled; the step's progress (pages done / pages) must be seen between 0 and 100 % before
     * the job succeeds, never going backwards, with the page count as its total.
     */
    @Test
    void scannedPdfReportsPageProgressWhileRunning() throws Exception {
        TestTenant tenant = TestTenant.create(platform, 100);
        String[] lines = new String[8];
        for (int i = 0; i < lines.length; i++) {
            lines[i] = "PAGE " + (i + 1) + " OF THE SCANNED REPORT";
        }
        String pdf = upload(tenant, "scanned-report.pdf", scannedPdf(lines), "application/pdf");
        String job = tenant.api().contentType(ContentType.JSON)
                .body(Map.of("steps", List.of(toMarkdown("scan", pdf)))).post("/v1/jobs")
                .then().statusCode(202).extract().path("id");

        List<Integer> percents = new ArrayList<>();
        List<Integer> done = new ArrayList<>();
        String status = "queued";
        long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
        Response view = null;
        while (!status.equals("succeeded") && !status.equals("failed") && System.nanoTime() < deadline) {
            view = tenant.api().get("/v1/jobs/" + job);
            view.then().statusCode(200);
            status = view.path("status");
            Integer percent = view.path("steps[0].progress.percent");
            Integer pagesDone = view.path("steps[0].progress.done");
            Integer total = view.path("steps[0].progress.total");
            if ("running".equals(view.path("steps[0].status")) && pagesDone != null) {
                assertEquals(8, total, "progress counts the file's pages: " + view.asString());
                assertEquals("page", view.path("steps[0].progress.unit"));
                percents.add(percent);
                done.add(pagesDone);
            }
            Thread.sleep(100);
        }
        assertEquals("succeeded", status, "job " + job + ": " + (view == null ? "" : view.asString()));
        view.then().body("steps[0].output.markdown", containsString("PAGE 1 OF THE SCANNED REPORT"))
                .body("steps[0].output.markdown", containsString("PAGE 8 OF THE SCANNED REPORT"))
                .body("steps[0].progress.percent", equalTo(100)).body("progress_percent", equalTo(100));
        assertTrue(percents.stream().anyMatch(p -> p > 0 && p < 100),
                "an intermediate progress value was seen while the pages were OCRed: " + percents);
        for (int i = 1; i < done.size(); i++) {
            assertTrue(done.get(i) >= done.get(i - 1), "pages done never go back: " + done);
        }
        // eight pages at one credit a page
        await().atMost(Duration.ofSeconds(20)).until(() -> tenant.credit("reserved") == 0);
        assertEquals(92, tenant.credit("balance"));
    }

    @Test
    void hostileFileFailsItsStepWithACodeWhileAnotherJobSucceeds() throws Exception {
        TestTenant tenant = TestTenant.create(platform, 100);
        byte[] good = textPdf("Quarterly numbers", "Revenue 12,400");
        byte[] garbage = "%PDF-1.7\n%\u00e2\u00e3\nthis is not a PDF body, only its header\n"
                .getBytes(StandardCharsets.ISO_8859_1);
        byte[] truncated = java.util.Arrays.copyOf(good, 40);
        String bad = upload(tenant, "broken.pdf", garbage, "application/pdf");
        String cut = upload(tenant, "cut.pdf", truncated, "application/pdf");
        String ok = upload(tenant, "good.pdf", good, "application/pdf");

        String hostileJob = tenant.api().contentType(ContentType.JSON)
                .body(Map.of("steps", List.of(toMarkdown("bad", bad)))).post("/v1/jobs")
                .then().statusCode(202).extract().path("id");
        String cutJob = tenant.api().contentType(ContentType.JSON)
                .body(Map.of("steps", List.of(toMarkdown("cut", cut)))).post("/v1/jobs")
                .then().statusCode(202).extract().path("id");
        tenant.api().contentType(ContentType.JSON).queryParam("wait", 120)
                .body(Map.of("steps", List.of(toMarkdown("good", ok)))).post("/v1/jobs")
                .then().statusCode(200).body("status", equalTo("succeeded"))
                .body("steps[0].output.markdown", containsString("Revenue 12,400"));

        for (String job : List.of(hostileJob, cutJob)) {
            await().atMost(Duration.ofSeconds(90)).until(() -> "failed".equals(
                    tenant.api().get("/v1/jobs/" + job).then().statusCode(200).extract().path("status")));
            Response failed = tenant.api().get("/v1/jobs/" + job);
            failed.then().body("steps[0].status", equalTo("failed"))
                    .body("steps[0].error.code", equalTo("malformed_document"));
            String message = failed.path("steps[0].error.message");
            assertTrue(message != null && message.contains(".pdf"), "the message names the file: " + message);
        }
        // the service is still up and serving
        platform.awaitReady("extraction-service", Duration.ofSeconds(5));
    }
}
