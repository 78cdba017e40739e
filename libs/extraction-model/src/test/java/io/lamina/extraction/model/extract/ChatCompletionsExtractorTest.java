package io.lamina.extraction.model.extract;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpServer;
import io.lamina.extraction.model.layout.Box;
import io.lamina.extraction.model.layout.DocumentLayout;
import io.lamina.extraction.model.layout.Line;
import io.lamina.extraction.model.layout.Page;
import io.lamina.extraction.model.layout.Word;
import io.lamina.extraction.model.schema.ExtractionSchema;
import io.lamina.extraction.model.schema.SchemaReader;
import io.lamina.params.Problems;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The LLM extractor against a real HTTP server on the loopback interface that answers like a chat completions API. */
class ChatCompletionsExtractorTest {

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private HttpServer server;
    private final AtomicReference<JsonNode> lastRequest = new AtomicReference<>();
    private final AtomicReference<String> lastAuth = new AtomicReference<>();
    private volatile int status = 200;
    private volatile String content;

    @BeforeEach
    void start() throws Exception {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/v1/chat/completions", exchange -> {
            lastRequest.set(MAPPER.readTree(exchange.getRequestBody()));
            lastAuth.set(exchange.getRequestHeaders().getFirst("authorization"));
            ObjectNode reply = MAPPER.createObjectNode();
            reply.putArray("choices").addObject().putObject("message").put("role", "assistant").put("content", content);
            byte[] body = reply.toString().getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(status, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    private ChatCompletionsExtractor extractor() {
        URI url = URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/v1/chat/completions");
        return new ChatCompletionsExtractor(new ChatCompletionsExtractor.Settings(url, "test-model",
                Optional.of("sk-test"), Duration.ofSeconds(5), 10_000));
    }

    private static ExtractionSchema schema() throws Exception {
        Problems problems = new Problems();
        ExtractionSchema schema = SchemaReader.read(MAPPER.readTree("""
                {"fields": [
                  {"name": "invoice_number", "type": "TEXT", "description": "Invoice number"},
                  {"name": "invoice_date", "type": "DATE", "description": "Issue date"},
                  {"name": "iban", "type": "IBAN", "description": "Account"},
                  {"name": "total", "type": "CURRENCY_AMOUNT", "description": "Total", "decimal_points": 2},
                  {"name": "items", "type": "ARRAY", "description": "Lines", "fields": [
                    {"name": "amount", "type": "CURRENCY_AMOUNT", "description": "Line amount"}]},
                  {"name": "items_sum", "type": "CALCULATED", "description": "", "operation": "sum",
                   "source_field_names": ["items.amount"]}
                ]}"""), "schema", problems);
        assertTrue(problems.isEmpty(), problems.list().toString());
        return schema;
    }

    private static DocumentLayout document() {
        Line line = new Line("Invoice No: INV-7 Date: 12.03.2024", new Box(50, 100, 200, 10),
                List.of(new Word("Invoice", new Box(50, 100, 30, 10), 1.0)));
        return new DocumentLayout("a.pdf", "application/pdf",
                List.of(new Page(1, 595, 842, List.of(line), Page.Source.TEXT)), "");
    }

    @Test
    void sendsTheSchemaAndTextAndValidatesTheAnswer() throws Exception {
        content = """
                {"invoice_number": {"value": "INV-7", "quote": "INV-7"},
                 "invoice_date": {"value": "12.03.2024", "quote": "12.03.2024"},
                 "iban": {"value": "DE00 1234", "quote": "DE00 1234"},
                 "total": {"value": "1.234,567", "quote": "nowhere in the text"},
                 "items": [{"amount": {"value": 10.5, "quote": ""}}, {"amount": {"value": 2, "quote": ""}}]}""";
        JsonNode result = extractor().extract(schema(), List.of(document()));

        JsonNode request = lastRequest.get();
        assertEquals("test-model", request.get("model").asText());
        assertEquals("Bearer sk-test", lastAuth.get());
        String prompt = request.get("messages").get(1).get("content").asText();
        assertTrue(prompt.contains("invoice_date (DATE): Issue date"), prompt);
        assertTrue(prompt.contains("Invoice No: INV-7 Date: 12.03.2024"), prompt);
        assertFalse(prompt.contains("items_sum"), "CALCULATED fields are computed, not asked for");

        assertEquals("INV-7", result.get("invoice_number").get("value").asText());
        assertEquals(0.9, result.get("invoice_number").get("confidence").asDouble());
        assertEquals(List.of("INV-7"), List.of(result.get("invoice_number").get("citations").get(0).asText()));
        assertEquals(1, result.get("invoice_number").get("page").asInt());
        assertEquals("2024-03-12", result.get("invoice_date").get("value").asText(), "re-read into YYYY-MM-DD");
        assertTrue(result.get("iban").get("value").isNull(), "an IBAN failing its checksum is dropped");
        assertEquals(0.0, result.get("iban").get("confidence").asDouble());
        assertEquals("1234.57", result.get("total").get("value").decimalValue().toPlainString(), "rounded to decimal_points");
        assertEquals(0.6, result.get("total").get("confidence").asDouble(), "no verbatim quote: lower confidence");
        assertEquals(2, result.get("items").get("value").size());
        assertEquals("12.5", result.get("items_sum").get("value").decimalValue().toPlainString());
    }

    @Test
    void aServerErrorIsRetryableAndARefusalIsNot() throws Exception {
        content = "{}";
        status = 503;
        FieldExtractor.ExtractionException busy = assertThrows(FieldExtractor.ExtractionException.class,
                () -> extractor().extract(schema(), List.of(document())));
        assertTrue(busy.retryable(), busy.getMessage());
        status = 401;
        FieldExtractor.ExtractionException refused = assertThrows(FieldExtractor.ExtractionException.class,
                () -> extractor().extract(schema(), List.of(document())));
        assertFalse(refused.retryable(), refused.getMessage());
        status = 200;
        content = "this is not json";
        assertThrows(FieldExtractor.ExtractionException.class, () -> extractor().extract(schema(), List.of(document())));
    }
}
