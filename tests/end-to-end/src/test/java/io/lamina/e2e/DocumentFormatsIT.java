package io.lamina.e2e;

import io.restassured.http.ContentType;
import org.apache.poi.xslf.usermodel.XMLSlideShow;
import org.apache.poi.xslf.usermodel.XSLFShape;
import org.apache.poi.xslf.usermodel.XSLFSlide;
import org.apache.poi.xslf.usermodel.XSLFTextShape;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** document_generation to EPUB and PPTX through the gateway: one document, two steps, both files read back. */
class DocumentFormatsIT {

    private static Platform platform;

    @BeforeAll
    static void startPlatform() throws Exception {
        platform = Platform.get();
    }

    @Test
    void oneDocumentBecomesAnEpubAndAPptx() throws Exception {
        TestTenant tenant = TestTenant.create(platform, 50);
        Map<String, Object> document = Map.of(
                "metadata", Map.of("title", "Formats E2E", "language", "en"),
                "content", List.of(
                        Map.of("type", "headline", "level", "h1", "text", "First section"),
                        Map.of("type", "paragraph", "markdown", "Hello **Ωmega**"),
                        Map.of("type", "page-break"),
                        Map.of("type", "headline", "level", "h1", "text", "Second section"),
                        Map.of("type", "table",
                                "header", Map.of("cells", List.of(Map.of("text", "Item"), Map.of("text", "Amount"))),
                                "rows", List.of(Map.of("cells", List.of(Map.of("text", "Paper"),
                                        Map.of("text", "12.50")))))));
        List<Map<String, Object>> steps = List.of(
                Map.of("id", "epub", "operation", "document_generation",
                        "params", Map.of("format", "epub", "document", document)),
                Map.of("id", "pptx", "operation", "document_generation",
                        "params", Map.of("format", "pptx", "document", document)));
        var job = tenant.api().contentType(ContentType.JSON).queryParam("wait", 90)
                .body(Map.of("steps", steps)).post("/v1/jobs")
                .then().statusCode(200).body("status", equalTo("succeeded"))
                .body("steps[0].output.mime_type", equalTo("application/epub+zip"))
                .body("steps[0].output.name", equalTo("document.epub"))
                .body("steps[1].output.mime_type",
                        equalTo("application/vnd.openxmlformats-officedocument.presentationml.presentation"))
                .extract();

        byte[] epub = tenant.api().get("/v1/files/" + job.path("steps[0].output.file_id")).then().statusCode(200)
                .extract().asByteArray();
        assertEquals("mimetype", new String(epub, 30, 8, StandardCharsets.US_ASCII));
        assertEquals(0, epub[8] | epub[9], "mimetype stored");
        Map<String, String> entries = new LinkedHashMap<>();
        try (ZipInputStream zip = new ZipInputStream(new ByteArrayInputStream(epub))) {
            for (ZipEntry e; (e = zip.getNextEntry()) != null; ) {
                entries.put(e.getName(), new String(zip.readAllBytes(), StandardCharsets.UTF_8));
            }
        }
        assertEquals("application/epub+zip", entries.get("mimetype"));
        assertTrue(entries.get("OEBPS/content.opf").contains("<dc:title>Formats E2E</dc:title>"));
        String nav = entries.get("OEBPS/nav.xhtml");
        assertTrue(nav.indexOf("First section") < nav.indexOf("Second section") && nav.contains("First section"), nav);
        assertTrue(entries.get("OEBPS/section-1.xhtml").contains("Hello <strong>Ωmega</strong>"));
        assertTrue(entries.get("OEBPS/section-2.xhtml").contains("<th>Item</th>"));

        byte[] pptx = tenant.api().get("/v1/files/" + job.path("steps[1].output.file_id")).then().statusCode(200)
                .extract().asByteArray();
        try (XMLSlideShow ppt = new XMLSlideShow(new ByteArrayInputStream(pptx))) {
            assertEquals(2, ppt.getSlides().size(), "a slide per page-break section");
            List<String> texts = new ArrayList<>();
            for (XSLFSlide slide : ppt.getSlides()) {
                for (XSLFShape shape : slide.getShapes()) {
                    if (shape instanceof XSLFTextShape t) {
                        texts.add(t.getText());
                    } else if (shape instanceof org.apache.poi.xslf.usermodel.XSLFTable table) {
                        texts.add(table.getCell(1, 0).getText() + "=" + table.getCell(1, 1).getText());
                    }
                }
            }
            assertEquals(List.of("First section", "Hello Ωmega", "Second section", "Paper=12.50"), texts);
        }
    }
}
