package io.lamina.e2e;

import com.sun.net.httpserver.HttpServer;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellType;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The seven Iteration-Layer-compatible endpoints, driven the way its SDK calls them (JSON body shaped like Iteration
 * Layer's documented examples, Bearer key, {@code X-IterationLayer-Integration}), asserting the documented response
 * shapes: {@code {success, data}} with extraction fields {type, value, confidence, citations, source}, binary results
 * {@code {buffer, mime_type}} decoded and opened (PNG, PDF, XLSX, CSV), the webhook mode (201
 * {@code {success, async, message}} and the signed webhook at a loopback receiver), and the error envelope
 * {@code {success: false, error}} with 400, 401, 402, 413, 422 and 429. Web pages come from a loopback server.
 */
class CompatIT {

    private static final String EXTRACT = "/document-extraction/v1/extract";
    private static final String MARKDOWN = "/document-to-markdown/v1/convert";
    private static final String WEBSITE = "/website-extraction/v1/extract";
    private static final String TRANSFORM = "/image-transformation/v1/transform";
    private static final String GENERATE_IMAGE = "/image-generation/v1/generate";
    private static final String GENERATE_DOCUMENT = "/document-generation/v1/generate";
    private static final String GENERATE_SHEET = "/sheet-generation/v1/generate";
    private static final String INVOICE = "ACME GmbH\nInvoice No: INV-2024-001\nTotal: 1,250.00 EUR\n";
    private static final String PAGE = "<!doctype html><html><head><title>Pricing</title></head><body>"
            + "<h1>Pricing</h1><p>Plan name: Team Plan</p><p>Price: 49.00 EUR per month</p></body></html>";

    private static Platform platform;
    private static HttpServer site;
    private static final CountDownLatch SLOW_PAGE = new CountDownLatch(1);

    @BeforeAll
    static void startPlatform() throws Exception {
        platform = Platform.get();
        site = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        site.createContext("/pricing", exchange -> {
            byte[] html = PAGE.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "text/html; charset=utf-8");
            exchange.sendResponseHeaders(200, html.length);
            exchange.getResponseBody().write(html);
            exchange.close();
        });
        site.createContext("/slow", exchange -> {
            try {
                SLOW_PAGE.await(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            exchange.sendResponseHeaders(503, -1);
            exchange.close();
        });
        site.setExecutor(java.util.concurrent.Executors.newCachedThreadPool());
        site.start();
    }

    @AfterAll
    static void stopSite() {
        SLOW_PAGE.countDown();
        site.stop(0);
    }

    private static String siteUrl(String path) {
        return "http://127.0.0.1:" + site.getAddress().getPort() + path;
    }

    private static Response post(TestTenant tenant, String path, Object body) {
        return tenant.api().contentType(ContentType.JSON).header("X-IterationLayer-Integration", "sdk-node")
                .body(body).post(path);
    }

    private static String b64(byte[] bytes) {
        return Base64.getEncoder().encodeToString(bytes);
    }

    private static Map<String, Object> base64File(String name, byte[] bytes) {
        return Map.of("type", "base64", "name", name, "base64", b64(bytes));
    }

    // Request bodies shaped like Iteration Layer's documented examples (its docs' curl/SDK samples).

    private static Map<String, Object> extractionRequest() {
        return Map.of("files", List.of(base64File("invoice.txt", INVOICE.getBytes(StandardCharsets.UTF_8))),
                "schema", Map.of("fields", List.of(
                        Map.of("name", "invoice_number", "type", "TEXT", "description", "The invoice number"),
                        Map.of("name", "total_amount", "type", "CURRENCY_AMOUNT",
                                "description", "Total invoice amount"))));
    }

    private static Map<String, Object> markdownRequest() {
        return Map.of("file", base64File("totals.csv", "Item,Amount\nPaper,12.50\n".getBytes(StandardCharsets.UTF_8)));
    }

    private static Map<String, Object> websiteRequest() {
        return Map.of("file", Map.of("type", "url", "url", siteUrl("/pricing")),
                "schema", Map.of("fields", List.of(
                        Map.of("name", "plan_name", "type", "TEXT", "description", "The name of the pricing plan"))));
    }

    private static Map<String, Object> transformRequest() throws Exception {
        return Map.of("file", base64File("halves.png", png(halves(80, 60))),
                "operations", List.of(
                        Map.of("type", "resize", "width_in_px", 40, "height_in_px", 30, "fit", "fill"),
                        Map.of("type", "flop"),
                        Map.of("type", "convert", "format", "png")));
    }

    private static Map<String, Object> imageRequest() {
        return Map.of("dimensions", Map.of("width_in_px", 120, "height_in_px", 60),
                "layers", List.of(
                        Map.of("type", "solid-color", "index", 0, "hex_color", "#1A1A2E"),
                        Map.of("type", "solid-color", "index", 1, "hex_color", "#FF0000",
                                "position", Map.of("x_in_px", 60, "y_in_px", 0),
                                "dimensions", Map.of("width_in_px", 60, "height_in_px", 60)),
                        Map.of("type", "text", "index", 2, "text", "Hi", "font_name", "DejaVu Sans",
                                "font_size_in_px", 12, "text_color", "#FFFFFF",
                                "position", Map.of("x_in_px", 2, "y_in_px", 2),
                                "dimensions", Map.of("width_in_px", 40, "height_in_px", 16))),
                "output_format", "png");
    }

    /** Iteration Layer's document generation example: metadata, page, the full styles block and two blocks. */
    private static Map<String, Object> documentRequest() {
        Map<String, Object> text = Map.of("font_family", "Helvetica", "font_size_in_pt", 12.0, "line_height", 1.5,
                "color", "#000000");
        Map<String, Object> border = Map.of("color", "#CCCCCC", "width_in_pt", 1.0);
        Map<String, Object> inner = Map.of("color", "#EEEEEE", "width_in_pt", 0.5);
        Map<String, Object> styles = new LinkedHashMap<>();
        styles.put("text", text);
        styles.put("headline", Map.of("font_family", "Helvetica", "font_size_in_pt", 24.0, "color", "#111111",
                "spacing_before_in_pt", 12.0, "spacing_after_in_pt", 6.0, "font_weight", "bold"));
        styles.put("link", Map.of("color", "#0066CC", "is_underlined", true));
        styles.put("list", Map.of("text_style", text, "marker_color", "#000000", "marker_gap_in_pt", 8.0));
        styles.put("table", Map.of(
                "header", Map.of("background_color", "#333333", "text_color", "#FFFFFF", "font_size_in_pt", 12.0,
                        "font_weight", "bold"),
                "body", Map.of("background_color", "#FFFFFF", "text_color", "#000000", "font_size_in_pt", 11.0),
                "border", Map.of("outer", Map.of("top", border, "right", border, "bottom", border, "left", border),
                        "inner", Map.of("horizontal", inner, "vertical", inner))));
        styles.put("grid", Map.of("background_color", "#FFFFFF", "border_color", "#CCCCCC",
                "border_width_in_pt", 0.0, "gap_in_pt", 12.0));
        styles.put("separator", Map.of("color", "#CCCCCC", "thickness_in_pt", 1.0, "spacing_before_in_pt", 12.0,
                "spacing_after_in_pt", 12.0));
        styles.put("image", Map.of("border_color", "#000000", "border_width_in_pt", 0.0));
        return Map.of("format", "pdf", "document", Map.of(
                "metadata", Map.of("title", "Quarterly Report", "author", "Acme Corp", "language", "en"),
                "page", Map.of("size", Map.of("preset", "A4"), "margins", Map.of("top_in_pt", 72.0,
                        "right_in_pt", 72.0, "bottom_in_pt", 72.0, "left_in_pt", 72.0)),
                "styles", styles,
                "content", List.of(
                        Map.of("type", "headline", "level", "h1", "text", "Quarterly Report"),
                        Map.of("type", "paragraph", "runs", List.of(Map.of("text", "This is "),
                                Map.of("text", "bold text", "font_weight", "bold"),
                                Map.of("text", " in a paragraph."))))));
    }

    private static Map<String, Object> sheetRequest(String format) {
        return Map.of("format", format, "sheets", List.of(Map.of("name", "Invoices",
                "columns", List.of(Map.of("name", "Invoice"), Map.of("name", "Total")),
                "rows", List.of(List.of("INV-1", Map.of("value", 120.5, "format", "currency", "currency_code", "EUR")),
                        List.of("INV-2", 99)))));
    }

    // Synchronous mode, one endpoint at a time.

    @Test
    void documentExtractionAnswersFieldsWithValueConfidenceCitationsAndSource() {
        TestTenant tenant = TestTenant.create(platform, 20);
        JsonPath data = post(tenant, EXTRACT, extractionRequest())
                .then().statusCode(200).body("success", equalTo(true)).extract().jsonPath().setRootPath("data");
        assertEquals("TEXT", data.getString("invoice_number.type"));
        assertEquals("INV-2024-001", data.getString("invoice_number.value"));
        assertEquals("invoice.txt", data.getString("invoice_number.source"));
        float confidence = data.getFloat("invoice_number.confidence");
        assertTrue(confidence > 0 && confidence <= 1, "confidence in (0, 1]: " + confidence);
        List<String> citations = data.getList("invoice_number.citations");
        assertTrue(!citations.isEmpty() && citations.get(0).contains("INV-2024-001"), citations.toString());
        assertEquals("CURRENCY_AMOUNT", data.getString("total_amount.type"));
        assertEquals(1250.0, data.getDouble("total_amount.value"), 0.001);
    }

    @Test
    void documentToMarkdownAnswersTheConvertResult() {
        TestTenant tenant = TestTenant.create(platform, 20);
        post(tenant, MARKDOWN, markdownRequest())
                .then().statusCode(200).body("success", equalTo(true))
                .body("data.name", equalTo("totals.csv"))
                .body("data.mime_type", equalTo("text/csv"))
                .body("data.markdown", containsString("| Paper | 12.50 |"));
    }

    @Test
    void websiteExtractionFetchesALoopbackPageAndAnswersFieldsWithMetadata() {
        TestTenant tenant = TestTenant.create(platform, 20);
        post(tenant, WEBSITE, websiteRequest())
                .then().statusCode(200).body("success", equalTo(true))
                .body("data.plan_name.type", equalTo("TEXT"))
                .body("data.plan_name.value", equalTo("Team Plan"))
                .body("data.plan_name.citations[0]", containsString("Team Plan"))
                .body("metadata.requested_url", equalTo(siteUrl("/pricing")))
                .body("metadata.page_count", equalTo(1));
        // Without a schema (Lamina's addition) the page's Markdown, with the fetch metadata beside data.
        post(tenant, WEBSITE, Map.of("file", Map.of("type", "url", "url", siteUrl("/pricing"))))
                .then().statusCode(200).body("success", equalTo(true))
                .body("data.markdown", containsString("Plan name: Team Plan"))
                .body("data.metadata", equalTo(null))
                .body("metadata.final_url", equalTo(siteUrl("/pricing")))
                .body("metadata.status_code", equalTo(200))
                .body("metadata.title", equalTo("Pricing"));
    }

    @Test
    void imageTransformationAnswersAPngThatDecodesWithTheTransformedPixels() throws Exception {
        TestTenant tenant = TestTenant.create(platform, 20);
        JsonPath body = post(tenant, TRANSFORM, transformRequest())
                .then().statusCode(200).body("success", equalTo(true))
                .body("data.mime_type", equalTo("image/png")).extract().jsonPath();
        BufferedImage out = ImageIO.read(new ByteArrayInputStream(Base64.getDecoder().decode(body.getString("data.buffer"))));
        assertNotNull(out, "a PNG that decodes");
        assertEquals(40, out.getWidth());
        assertEquals(30, out.getHeight());
        assertNear(0x0000FF, out.getRGB(5, 15)); // flopped: blue on the left
        assertNear(0xFF0000, out.getRGB(35, 15));
    }

    @Test
    void imageGenerationAnswersAPngWithTheLayersDrawn() throws Exception {
        TestTenant tenant = TestTenant.create(platform, 20);
        JsonPath body = post(tenant, GENERATE_IMAGE, imageRequest())
                .then().statusCode(200).body("success", equalTo(true))
                .body("data.mime_type", equalTo("image/png")).extract().jsonPath();
        BufferedImage out = ImageIO.read(new ByteArrayInputStream(Base64.getDecoder().decode(body.getString("data.buffer"))));
        assertNotNull(out, "a PNG that decodes");
        assertEquals(120, out.getWidth());
        assertEquals(60, out.getHeight());
        assertNear(0x1A1A2E, out.getRGB(30, 50));
        assertNear(0xFF0000, out.getRGB(100, 30));
    }

    @Test
    void documentGenerationAnswersAPdfThatOpensAndReadsBack() throws Exception {
        TestTenant tenant = TestTenant.create(platform, 20);
        JsonPath body = post(tenant, GENERATE_DOCUMENT, documentRequest())
                .then().statusCode(200).body("success", equalTo(true))
                .body("data.mime_type", equalTo("application/pdf")).extract().jsonPath();
        byte[] pdf = Base64.getDecoder().decode(body.getString("data.buffer"));
        assertEquals("%PDF-", new String(pdf, 0, 5, StandardCharsets.US_ASCII));
        Path file = Files.createTempFile("lamina-compat-", ".pdf");
        try {
            Files.write(file, pdf);
            String text = run("pdftotext", file.toString(), "-");
            assertTrue(text.contains("Quarterly Report") && text.contains("This is bold text in a paragraph."), text);
            String info = run("pdfinfo", file.toString());
            assertTrue(info.matches("(?s).*Title:\\s+Quarterly Report\\n.*"), info);
            assertTrue(info.matches("(?s).*Author:\\s+Acme Corp\\n.*"), info);
        } finally {
            Files.deleteIfExists(file);
        }
    }

    @Test
    void sheetGenerationAnswersAnXlsxWithTheCellsAndACsv() throws Exception {
        TestTenant tenant = TestTenant.create(platform, 20);
        JsonPath xlsx = post(tenant, GENERATE_SHEET, sheetRequest("xlsx"))
                .then().statusCode(200).body("success", equalTo(true))
                .body("data.mime_type", equalTo("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"))
                .extract().jsonPath();
        try (XSSFWorkbook book = new XSSFWorkbook(new ByteArrayInputStream(
                Base64.getDecoder().decode(xlsx.getString("data.buffer"))))) {
            Sheet sheet = book.getSheet("Invoices");
            assertNotNull(sheet, "the sheet is named as asked");
            assertEquals("Invoice", sheet.getRow(0).getCell(0).getStringCellValue());
            assertEquals("Total", sheet.getRow(0).getCell(1).getStringCellValue());
            Row first = sheet.getRow(1);
            assertEquals("INV-1", first.getCell(0).getStringCellValue());
            Cell total = first.getCell(1);
            assertEquals(CellType.NUMERIC, total.getCellType());
            assertEquals(120.5, total.getNumericCellValue(), 1e-9);
            assertTrue(total.getCellStyle().getDataFormatString().contains("€")
                    || total.getCellStyle().getDataFormatString().contains("EUR"),
                    total.getCellStyle().getDataFormatString());
            assertEquals(99.0, sheet.getRow(2).getCell(1).getNumericCellValue(), 1e-9);
        }
        String csv = post(tenant, GENERATE_SHEET, Map.of("format", "csv", "sheets", List.of(Map.of("name", "Invoices",
                "columns", List.of(Map.of("name", "Invoice"), Map.of("name", "Total")),
                "rows", List.of(List.of("INV-1", 120.5), List.of("INV-2", 99))))))
                .then().statusCode(200).body("data.mime_type", equalTo("text/csv")).extract().path("data.buffer");
        assertEquals("Invoice,Total\r\nINV-1,120.5\r\nINV-2,99\r\n",
                new String(Base64.getDecoder().decode(csv), StandardCharsets.UTF_8));
        assertEquals(16, tenant.credit("balance"), "two sheet_generation calls charged");
    }

    // Webhook mode.

    @Test
    void withAWebhookUrlEveryEndpointAnswers201AndTheSignedWebhookArrives() throws Exception {
        TestTenant tenant = TestTenant.create(platform, 100);
        String secret = tenant.api().get("/v1/webhooks/signing-secret").then().statusCode(200).extract().path("secret");
        Map<String, Object> requests = new LinkedHashMap<>();
        requests.put(EXTRACT, extractionRequest());
        requests.put(MARKDOWN, markdownRequest());
        requests.put(WEBSITE, websiteRequest());
        requests.put(TRANSFORM, transformRequest());
        requests.put(GENERATE_IMAGE, imageRequest());
        requests.put(GENERATE_DOCUMENT, documentRequest());
        requests.put(GENERATE_SHEET, sheetRequest("xlsx"));
        try (WebhookReceiver receiver = new WebhookReceiver()) {
            Map<String, String> jobs = new HashMap<>();
            for (Map.Entry<String, Object> request : requests.entrySet()) {
                @SuppressWarnings("unchecked")
                Map<String, Object> body = new HashMap<>((Map<String, Object>) request.getValue());
                body.put("webhook_url", receiver.url());
                String jobId = post(tenant, request.getKey(), body)
                        .then().statusCode(201).body("success", equalTo(true)).body("async", equalTo(true))
                        .body("message", notNullValue()).body("data", equalTo(null))
                        .extract().path("job_id");
                jobs.put(jobId, request.getKey());
            }
            List<String> arrived = new ArrayList<>();
            for (int i = 0; i < requests.size(); i++) {
                WebhookReceiver.Delivery delivery = receiver.next(Duration.ofSeconds(120));
                assertTrue(StandardWebhooks.verify(secret, delivery.headers().get("webhook-id"),
                        delivery.headers().get("webhook-timestamp"), delivery.body(),
                        delivery.headers().get("webhook-signature")), "signed: " + delivery.headers());
                JsonPath event = new JsonPath(delivery.body());
                String jobId = event.getString("data.job_id");
                assertTrue(jobs.containsKey(jobId), "a job of this test: " + delivery.body());
                assertEquals("job.completed", event.getString("type"), jobs.get(jobId) + ": " + delivery.body());
                arrived.add(jobs.get(jobId));
            }
            assertEquals(requests.size(), arrived.stream().distinct().count(), "one webhook per call: " + arrived);
        }
    }

    // Errors: Iteration Layer's envelope and status codes.

    @Test
    void errorsUseTheEnvelopeAndIterationLayersStatusCodesOnEveryEndpoint() throws Exception {
        TestTenant tenant = TestTenant.create(platform, 20);
        TestTenant broke = TestTenant.create(platform, 0);
        Map<String, Object> valid = new LinkedHashMap<>();
        valid.put(EXTRACT, extractionRequest());
        valid.put(MARKDOWN, markdownRequest());
        valid.put(WEBSITE, websiteRequest());
        valid.put(TRANSFORM, transformRequest());
        valid.put(GENERATE_IMAGE, imageRequest());
        valid.put(GENERATE_DOCUMENT, documentRequest());
        valid.put(GENERATE_SHEET, sheetRequest("csv"));
        for (Map.Entry<String, Object> endpoint : valid.entrySet()) {
            String path = endpoint.getKey();
            RestAssured.given().baseUri(platform.gatewayUrl()).auth().oauth2("lam_not_a_key")
                    .contentType(ContentType.JSON).body(endpoint.getValue()).post(path)
                    .then().statusCode(401).body("success", equalTo(false))
                    .body("error", containsString("unauthorized"));
            tenant.api().contentType(ContentType.JSON).body("{\"format\": ").post(path)
                    .then().statusCode(400).body("success", equalTo(false))
                    .body("error", containsString("malformed_json"));
            post(tenant, path, Map.of()).then().statusCode(422).body("success", equalTo(false))
                    .body("error", containsString("invalid_params"));
            post(broke, path, endpoint.getValue()).then().statusCode(402).body("success", equalTo(false))
                    .body("error", containsString("insufficient_credits"));
        }
        // A documented rule broken deeper in the body names its path.
        post(tenant, TRANSFORM, Map.of("file", base64File("a.png", png(halves(4, 4))),
                "operations", List.of(Map.of("type", "blur", "sigma", 0))))
                .then().statusCode(422).body("error", containsString("operations[0].sigma"));
        // 413: a file over the gateway's limit (1 MB in this suite).
        byte[] big = new byte[Integer.parseInt(Platform.MAX_UPLOAD.replace("M", "")) * 1024 * 1024 + 1];
        post(tenant, MARKDOWN, Map.of("file", base64File("big.txt", big)))
                .then().statusCode(413).body("success", equalTo(false)).body("error", containsString("file_too_large"));
        assertEquals(20, tenant.credit("balance"), "no refused call was charged");
    }

    /**
     * 429: a tenant whose queue is full. Its 600 unfinished steps are 12 jobs whose first step fetches a page that
     * does not answer until the test ends, so the other 49 steps of each wait for it; then the jobs are cancelled.
     */
    @Test
    void aFullTenantQueueIs429WithRetryAfter() {
        TestTenant flooder = TestTenant.create(platform, 10_000);
        Map<String, Object> root = Map.of("id", "page", "operation", "website_extraction",
                "params", Map.of("file", Map.of("type", "url", "url", siteUrl("/slow"))));
        List<Map<String, Object>> steps = new ArrayList<>(List.of(root));
        for (int i = 1; i < 50; i++) {
            steps.add(Map.of("id", "s" + i, "operation", "sheet_generation", "params", Map.of("format", "csv",
                    "sheets", List.of(Map.of("columns", List.of(Map.of("name", "Page")),
                            "rows", List.of(List.of(Map.of("$step", "page", "path", "/name"))))))));
        }
        List<String> jobs = new ArrayList<>();
        try {
            for (int i = 0; i < Platform.MAX_QUEUED_STEPS / 50; i++) {
                jobs.add(flooder.api().contentType(ContentType.JSON).body(Map.of("steps", steps)).post("/v1/jobs")
                        .then().statusCode(202).extract().path("id"));
            }
            Response refused = post(flooder, GENERATE_SHEET, sheetRequest("csv"));
            refused.then().statusCode(429).body("success", equalTo(false))
                    .body("error", containsString("tenant_queue_full"));
            assertNotNull(refused.header("Retry-After"), "429 says when to come back");
        } finally {
            for (String job : jobs) {
                flooder.api().post("/v1/jobs/" + job + "/cancel");
            }
            SLOW_PAGE.countDown(); // frees the extraction workers still waiting for the page
        }
    }

    // Helpers.

    private static BufferedImage halves(int w, int h) {
        BufferedImage image = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                image.setRGB(x, y, x < w / 2 ? 0xFF0000 : 0x0000FF);
            }
        }
        return image;
    }

    private static byte[] png(BufferedImage image) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(image, "png", out);
        return out.toByteArray();
    }

    private static void assertNear(int expectedRgb, int actual) {
        for (int shift : new int[]{16, 8, 0}) {
            int e = (expectedRgb >> shift) & 0xFF;
            int a = (actual >> shift) & 0xFF;
            assertTrue(Math.abs(e - a) <= 24, String.format("expected %06X, got %06X", expectedRgb, actual & 0xFFFFFF));
        }
    }

    private static String run(String... command) throws Exception {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(30, TimeUnit.SECONDS) && p.exitValue() == 0, String.join(" ", command) + ": " + out);
        return out;
    }
}
