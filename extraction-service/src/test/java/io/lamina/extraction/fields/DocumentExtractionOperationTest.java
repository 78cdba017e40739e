package io.lamina.extraction.fields;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.lamina.blobs.BlobStore;
import io.lamina.blobs.FileSystemBlobStore;
import io.lamina.extraction.ExtractionErrors;
import io.lamina.extraction.TestConfigs;
import io.lamina.extraction.config.ExtractionConfig;
import io.lamina.extraction.model.extract.LayoutFieldExtractor;
import io.lamina.extraction.read.DocumentReaders;
import io.lamina.ops.runtime.OperationException;
import io.lamina.ops.runtime.Outcome;
import io.lamina.ops.runtime.StepContext;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.font.PDType1Font;
import org.apache.pdfbox.pdmodel.font.Standard14Fonts;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** document_extraction end to end inside the service: blobs → DocumentReaders → built-in extractor → result. */
class DocumentExtractionOperationTest {

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final String SCHEMA = """
            {"fields": [
              {"name": "invoice_number", "type": "TEXT", "description": "Invoice number"},
              {"name": "total", "type": "CURRENCY_AMOUNT", "description": "Total amount", "decimal_points": 2},
              {"name": "note", "type": "TEXT", "description": "Remark", "default_value": "none"}
            ]}""";

    @TempDir
    Path root;
    private BlobStore blobs;
    private StepContext context;
    private DocumentExtractionOperation operation;

    @BeforeEach
    void setUp() throws Exception {
        blobs = new FileSystemBlobStore(root);
        context = new StepContext("t1", "job-1", "s1", 1, blobs);
        ExtractionConfig config = TestConfigs.with(10_000_000, 3, Optional.empty());
        operation = new DocumentExtractionOperation(config, new DocumentReaders(config),
                new FieldExtraction(new LayoutFieldExtractor()));
    }

    private String blob(byte[] bytes, String name) throws Exception {
        String id = blobs.put(bytes).id();
        return "{\"type\":\"blob\",\"blob_id\":\"" + id + "\",\"name\":\"" + name + "\",\"mime_type\":\"x\",\"size\":"
                + bytes.length + "}";
    }

    private static byte[] pdf(String... lines) throws Exception {
        try (PDDocument doc = new PDDocument(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            for (int p = 0; p < 2; p++) {
                PDPage page = new PDPage(PDRectangle.A4);
                doc.addPage(page);
                try (PDPageContentStream cs = new PDPageContentStream(doc, page)) {
                    cs.setFont(new PDType1Font(Standard14Fonts.FontName.HELVETICA), 11);
                    float y = 780;
                    for (String line : p == 0 ? lines : new String[] {"Page two"}) {
                        cs.beginText();
                        cs.newLineAtOffset(60, y);
                        cs.showText(line);
                        cs.endText();
                        y -= 18;
                    }
                }
            }
            doc.save(out);
            return out.toByteArray();
        }
    }

    @Test
    void extractsFieldsWithPositionsFromAPdfAndChargesItsPages() throws Exception {
        String params = "{\"files\":[" + blob(pdf("ACME GmbH", "Invoice No: A-17", "Total: 1.234,50 EUR"), "a.pdf")
                + "],\"schema\":" + SCHEMA + "}";
        Outcome.Succeeded ok = (Outcome.Succeeded) operation.run(MAPPER.readTree(params), context);
        JsonNode out = ok.output();
        assertEquals("A-17", out.get("invoice_number").get("value").asText());
        assertEquals("TEXT", out.get("invoice_number").get("type").asText());
        assertEquals("a.pdf", out.get("invoice_number").get("source").asText());
        assertEquals(1, out.get("invoice_number").get("page").asInt());
        assertEquals("A-17", out.get("invoice_number").get("citations").get(0).asText());
        JsonNode box = out.get("invoice_number").get("bounding_box");
        assertTrue(box.get("x").asDouble() > 60 && box.get("y").asDouble() > 40 && box.get("y").asDouble() < 100, box.toString());
        assertEquals("1234.50", out.get("total").get("value").decimalValue().toPlainString());
        assertEquals("1.234,50 EUR", out.get("total").get("citations").get(0).asText());
        assertTrue(out.get("total").get("confidence").asDouble() > 0.9);
        assertEquals("none", out.get("note").get("value").asText(), "not in the document: the default");
        assertEquals(0.0, out.get("note").get("confidence").asDouble());
        assertEquals(2, ok.usage().units(), "usage = pages read");
    }

    @Test
    void refusesBadParamsAndBadFilesWithClearCodes() throws Exception {
        String cyclic = "{\"files\":[" + blob("x".getBytes(StandardCharsets.UTF_8), "a.txt") + "],\"schema\":{\"fields\":["
                + "{\"name\":\"a\",\"type\":\"CALCULATED\",\"description\":\"\",\"operation\":\"sum\",\"source_field_names\":[\"a\"]}]}}";
        OperationException e = assertThrows(OperationException.class, () -> operation.run(MAPPER.readTree(cyclic), context));
        assertEquals(ExtractionErrors.INVALID_PARAMS, e.error().code());
        assertTrue(e.getMessage().contains("schema.fields[0].source_field_names[0]: a CALCULATED field cannot use itself"), e.getMessage());

        String broken = "{\"files\":[" + blob("%PDF-1.7\n1 0 obj <<".getBytes(StandardCharsets.UTF_8), "b.pdf")
                + "],\"schema\":" + SCHEMA + "}";
        OperationException bad = assertThrows(OperationException.class, () -> operation.run(MAPPER.readTree(broken), context));
        assertEquals(ExtractionErrors.MALFORMED_DOCUMENT, bad.error().code(), bad.getMessage());
    }
}
