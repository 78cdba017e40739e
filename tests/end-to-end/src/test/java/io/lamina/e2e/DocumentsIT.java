package io.lamina.e2e;

import io.restassured.http.ContentType;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * document_generation through the gateway: a template rendered with data into a PDF by docgen-service, downloaded
 * and read back with poppler's pdftotext / pdfinfo; a malformed table refused at submit with its path.
 */
class DocumentsIT {

    private static Platform platform;

    @BeforeAll
    static void startPlatform() throws Exception {
        platform = Platform.get();
    }

    /** A 2×2 PNG (red, green / blue, white), uploaded as a file and placed by file_id. */
    private static final byte[] PNG = java.util.Base64.getDecoder().decode(
            "iVBORw0KGgoAAAANSUhEUgAAAAIAAAACCAIAAAD91JpzAAAAEklEQVR42mP4z8DAAMIM/4EAAB/uBfvxq7p3AAAAAElFTkSuQmCC");

    @Test
    void templateWithDataBecomesAPdfThatReadsBack() throws Exception {
        TestTenant tenant = TestTenant.create(platform, 50);
        String logo = tenant.api().multiPart("file", "logo.png", PNG, "image/png").post("/v1/files")
                .then().statusCode(201).extract().path("id");
        Map<String, Object> template = Map.of(
                "metadata", Map.of("title", "Invoice {{number}}"),
                "footer", List.of(Map.of("type", "page-number", "format", "Page {page} of {pages}")),
                "content", List.of(
                        Map.of("type", "image", "file", Map.of("type", "file", "file_id", logo),
                                "width_in_pt", 40, "height_in_pt", 40),
                        Map.of("type", "headline", "level", "h1", "text", "Invoice {{number}}"),
                        Map.of("type", "paragraph", "markdown", "For **{{customer}}**"),
                        Map.of("type", "table",
                                "header", Map.of("cells", List.of(Map.of("text", "Item"), Map.of("text", "Amount"))),
                                "rows", List.of(Map.of("type", "repeat", "items", "{{lines}}", "as", "line",
                                        "content", List.of(Map.of("cells", List.of(
                                                Map.of("text", "{{line.name}}"), Map.of("text", "{{line.amount}}")))))))));
        Map<String, Object> data = Map.of("number", "E2E-7", "customer", "Ωmega ООО",
                "lines", List.of(Map.of("name", "Paper", "amount", 12.5), Map.of("name", "Ink", "amount", 30)));
        Map<String, Object> step = Map.of("id", "pdf", "operation", "document_generation",
                "params", Map.of("format", "pdf", "template", template, "data", data));

        String fileId = tenant.api().contentType(ContentType.JSON).queryParam("wait", 60)
                .body(Map.of("steps", List.of(step))).post("/v1/jobs")
                .then().statusCode(200).body("status", equalTo("succeeded"))
                .body("steps[0].output.mime_type", equalTo("application/pdf"))
                .body("steps[0].output.name", equalTo("document.pdf"))
                .extract().path("steps[0].output.file_id");
        byte[] pdf = tenant.api().get("/v1/files/" + fileId).then().statusCode(200).extract().asByteArray();
        assertEquals("%PDF-", new String(pdf, 0, 5, StandardCharsets.US_ASCII));

        Path file = Files.createTempFile("lamina-e2e-", ".pdf");
        try {
            Files.write(file, pdf);
            String text = run("pdftotext", "-layout", file.toString(), "-");
            int title = text.indexOf("Invoice E2E-7");
            int customer = text.indexOf("For Ωmega ООО");
            int paper = text.indexOf("Paper");
            int ink = text.indexOf("Ink");
            assertTrue(title >= 0 && title < customer && customer < paper && paper < ink, text);
            assertTrue(text.matches("(?s).*Paper\\s+12\\.5\\b.*") && text.matches("(?s).*Ink\\s+30\\b.*"), text);
            assertTrue(text.contains("Page 1 of 1"), text);
            String info = run("pdfinfo", file.toString());
            assertTrue(info.matches("(?s).*Title:\\s+Invoice E2E-7\\n.*"), info);
            assertTrue(info.matches("(?s).*Pages:\\s+1\\n.*"), info);
        } finally {
            Files.deleteIfExists(file);
        }
    }

    @Test
    void aTableRowWithTooManyCellsIsRefusedAtSubmitWithItsPath() {
        TestTenant tenant = TestTenant.create(platform, 50);
        Map<String, Object> table = Map.of("type", "table",
                "header", Map.of("cells", List.of(Map.of("text", "a"), Map.of("text", "b"), Map.of("text", "c"))),
                "rows", List.of(Map.of("cells", List.of(Map.of("text", "1"), Map.of("text", "2"), Map.of("text", "3"),
                        Map.of("text", "4")))));
        Map<String, Object> step = Map.of("id", "pdf", "operation", "document_generation",
                "params", Map.of("format", "pdf", "document", Map.of("content", List.of(
                        Map.of("type", "paragraph", "markdown", "intro"), table))));
        tenant.api().contentType(ContentType.JSON).body(Map.of("steps", List.of(step))).post("/v1/jobs")
                .then().statusCode(422).body("code", equalTo("invalid_params"))
                .body("detail", containsString(
                        "steps[0].params.document.content[1].rows[0]: 4 cells but the table has 3 columns (from header)"));
        assertEquals(0, ((List<?>) tenant.api().get("/v1/jobs").then().statusCode(200).extract().path("data")).size());
    }

    private static String run(String... command) throws Exception {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(30, TimeUnit.SECONDS) && p.exitValue() == 0, String.join(" ", command) + ": " + out);
        return out;
    }
}
