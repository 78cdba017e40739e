package io.lamina.e2e;

import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** An MCP session over Streamable HTTP at /mcp, as an agent's client drives it. */
class McpIT {

    private static Platform platform;

    @BeforeAll
    static void startPlatform() throws Exception {
        platform = Platform.get();
    }

    private static Map<String, Object> rpc(int id, String method, Object params) {
        return Map.of("jsonrpc", "2.0", "id", id, "method", method, "params", params);
    }

    private static Response post(TestTenant tenant, Object message) {
        return tenant.api().contentType(ContentType.JSON).accept("application/json, text/event-stream")
                .header("MCP-Protocol-Version", "2025-06-18").body(message).post("/mcp");
    }

    @Test
    void aSessionInitializesListsToolsAndCallsAnExtractionAndAPipelineWithProgress() {
        TestTenant tenant = TestTenant.create(platform, 50);
        Response init = post(tenant, rpc(1, "initialize", Map.of("protocolVersion", "2025-06-18",
                "capabilities", Map.of(), "clientInfo", Map.of("name", "e2e", "version", "1"))));
        init.then().statusCode(200).body("id", equalTo(1)).body("result.protocolVersion", equalTo("2025-06-18"))
                .body("result.capabilities.tools", notNullValue()).body("result.serverInfo.name", equalTo("lamina"));
        assertTrue(init.header("Mcp-Session-Id") != null, "a session id is handed out");
        post(tenant, Map.of("jsonrpc", "2.0", "method", "notifications/initialized")).then().statusCode(202);

        post(tenant, rpc(2, "tools/list", Map.of())).then().statusCode(200)
                .body("result.tools.name", hasItems("document_extraction", "document_to_markdown", "website_extraction",
                        "image_transformation", "image_generation", "document_generation", "sheet_generation",
                        "run_pipeline", "get_job", "cancel_job", "estimate_cost", "get_balance"))
                .body("result.tools.find { it.name == 'get_job' }.inputSchema.required", hasItems("job_id"))
                .body("result.tools.find { it.name == 'get_job' }.annotations.readOnlyHint", equalTo(true))
                .body("result.tools.find { it.name == 'sheet_generation' }.outputSchema.type", equalTo("object"));

        // Each operation tool's input schema is its operation's params: required properties, typed inputs.
        Response list = post(tenant, rpc(7, "tools/list", Map.of()));
        list.then().statusCode(200)
                .body("result.tools.find { it.name == 'document_extraction' }.inputSchema.required",
                        hasItems("files", "schema"))
                .body("result.tools.find { it.name == 'document_extraction' }.inputSchema.properties.files.items.oneOf.title",
                        hasItems("Base64 file", "URL file", "Uploaded file"))
                .body("result.tools.find { it.name == 'document_extraction' }.inputSchema.properties.schema.properties"
                        + ".fields.items.required", hasItems("name", "type", "description"))
                .body("result.tools.find { it.name == 'sheet_generation' }.inputSchema.required", hasItems("format", "sheets"))
                .body("result.tools.find { it.name == 'sheet_generation' }.inputSchema.properties.format.enum",
                        hasItems("csv", "markdown", "xlsx"))
                .body("result.tools.find { it.name == 'image_transformation' }.inputSchema.required",
                        hasItems("file", "operations"))
                .body("result.tools.find { it.name == 'image_generation' }.inputSchema.required",
                        hasItems("dimensions", "layers"))
                .body("result.tools.find { it.name == 'document_generation' }.inputSchema.required", hasItems("format"))
                .body("result.tools.find { it.name == 'website_extraction' }.inputSchema.required", hasItems("file"))
                .body("result.tools.find { it.name == 'website_extraction' }.annotations.openWorldHint", equalTo(true))
                .body("result.tools.find { it.name == 'document_to_markdown' }.inputSchema.oneOf.required.flatten()",
                        hasItems("file", "files"))
                .body("result.tools.find { it.name == 'run_pipeline' }.inputSchema.properties.steps.items.required",
                        hasItems("id", "operation", "params"))
                .body("result.tools.find { it.name == 'cancel_job' }.annotations.destructiveHint", equalTo(true))
                .body("result.tools.find { it.name == 'document_extraction' }.outputSchema.properties.status.enum",
                        hasItems("succeeded", "failed"));
        for (String op : List.of("document_extraction", "document_to_markdown", "website_extraction",
                "image_transformation", "image_generation", "document_generation", "sheet_generation")) {
            Map<String, Object> schema = list.path("result.tools.find { it.name == '" + op + "' }.inputSchema");
            assertTrue(((Map<?, ?>) schema.get("properties")).containsKey("wait_seconds"), op);
            assertTrue(((List<?>) schema.get("examples")).size() >= 2, op + " shows examples");
        }

        // An extraction with Iteration Layer's documented request shape.
        String invoice = Base64.getEncoder().encodeToString(
                "ACME GmbH\nInvoice No: INV-2024-001\nTotal: 1,250.00 EUR\n".getBytes(StandardCharsets.UTF_8));
        post(tenant, rpc(8, "tools/call", Map.of("name", "document_extraction", "arguments", Map.of(
                "files", List.of(Map.of("type", "base64", "name", "invoice.txt", "base64", invoice)),
                "schema", Map.of("fields", List.of(
                        Map.of("name", "invoice_number", "type", "TEXT", "description", "The invoice number"),
                        Map.of("name", "total_amount", "type", "CURRENCY_AMOUNT", "description", "Total amount")))))))
                .then().statusCode(200).body("result.isError", equalTo(false))
                .body("result.structuredContent.status", equalTo("succeeded"))
                .body("result.structuredContent.steps[0].output.invoice_number.value", equalTo("INV-2024-001"))
                .body("result.structuredContent.steps[0].output.invoice_number.citations[0]",
                        containsString("INV-2024-001"))
                .body("result.structuredContent.steps[0].output.total_amount.value", equalTo(1250.0f));

        // wait_seconds 0: a job handle at once, then get_job until the job has ended.
        String handle = post(tenant, rpc(9, "tools/call", Map.of("name", "sheet_generation", "arguments",
                Map.of("format", "csv", "wait_seconds", 0, "sheets", List.of(Map.of(
                        "columns", List.of(Map.of("name", "A")), "rows", List.of(List.of("x"))))))))
                .then().statusCode(200).body("result.isError", equalTo(false))
                .body("result.structuredContent.message", containsString("get_job"))
                .extract().path("result.structuredContent.job_id");
        String status = "queued";
        for (int i = 0; i < 100 && !status.equals("succeeded"); i++) {
            status = post(tenant, rpc(10, "tools/call", Map.of("name", "get_job", "arguments", Map.of("job_id", handle))))
                    .then().statusCode(200).extract().path("result.structuredContent.status");
            sleep(200);
        }
        assertEquals("succeeded", status, "the handle leads to the finished job");

        String csv = Base64.getEncoder().encodeToString("Item,Amount\nPaper,12.50\n".getBytes(StandardCharsets.UTF_8));
        post(tenant, rpc(3, "tools/call", Map.of("name", "document_to_markdown", "arguments",
                Map.of("file", Map.of("type", "base64", "name", "totals.csv", "base64", csv)))))
                .then().statusCode(200).body("result.isError", equalTo(false))
                .body("result.structuredContent.status", equalTo("succeeded"))
                .body("result.structuredContent.steps[0].output.markdown", containsString("| Paper | 12.50 |"))
                .body("result.content[0].type", equalTo("text"));

        post(tenant, rpc(4, "tools/call", Map.of("name", "estimate_cost", "arguments",
                Map.of("steps", List.of(JobLifecycleIT.sheetStep("a"), JobLifecycleIT.sheetStep("b"))))))
                .then().statusCode(200).body("result.isError", equalTo(false))
                .body("result.structuredContent.credits", equalTo(4));

        // A pipeline-sized call with a progress token: an SSE stream of progress notifications, then the result.
        List<Map<String, Object>> steps = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            steps.add(JobLifecycleIT.sheetStep("s" + i));
        }
        String stream = post(tenant, rpc(5, "tools/call", Map.of("name", "run_pipeline",
                "arguments", Map.of("steps", steps), "_meta", Map.of("progressToken", "p-5"))))
                .then().statusCode(200).contentType(containsString("text/event-stream")).extract().asString();
        List<String> events = new ArrayList<>();
        for (String line : stream.split("\n")) {
            if (line.startsWith("data: ")) {
                events.add(line.substring(6));
            }
        }
        assertTrue(events.size() >= 2, "progress then result: " + stream);
        assertTrue(events.get(0).contains("\"method\":\"notifications/progress\"")
                && events.get(0).contains("\"progressToken\":\"p-5\""), events.get(0));
        String last = events.get(events.size() - 1);
        assertTrue(last.contains("\"id\":5") && last.contains("\"status\":\"succeeded\""), last);
        assertTrue(events.stream().anyMatch(e -> e.contains("\"progress\":100")), "progress reaches 100: " + events);

        post(tenant, rpc(6, "tools/call", Map.of("name", "get_balance", "arguments", Map.of())))
                .then().statusCode(200).body("result.structuredContent.balance", equalTo(50 - 1 - 12 - 1 - 2));
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Test
    void aBadKeyBadArgumentsAndUnknownMethodsAreErrors() {
        RestAssured.given().baseUri(platform.gatewayUrl()).auth().oauth2("lam_wrong").contentType(ContentType.JSON)
                .body(rpc(1, "tools/list", Map.of())).post("/mcp")
                .then().statusCode(401).body("error.code", equalTo(-32001));
        TestTenant tenant = TestTenant.create(platform, 10);
        post(tenant, rpc(2, "tools/call", Map.of("name", "get_job", "arguments", Map.of())))
                .then().statusCode(200).body("error.code", equalTo(-32602))
                .body("error.message", containsString("job_id"));
        post(tenant, rpc(3, "tools/call", Map.of("name", "run_pipeline", "arguments",
                Map.of("steps", List.of(Map.of("id", "x", "operation", "teleport", "params", Map.of()))))))
                .then().statusCode(200).body("result.isError", equalTo(true))
                .body("result.structuredContent.error.code", equalTo("unknown_operation"));
        post(tenant, rpc(4, "resources/list", Map.of())).then().statusCode(200).body("error.code", equalTo(-32601));
        // Params the operation's validator refuses: a tool error naming the path, nothing charged.
        post(tenant, rpc(5, "tools/call", Map.of("name", "sheet_generation", "arguments", Map.of("format", "pdf",
                "sheets", List.of(Map.of("columns", List.of(Map.of("name", "A")), "rows", List.of(List.of("x", "y"))))))))
                .then().statusCode(200).body("result.isError", equalTo(true))
                .body("result.structuredContent.error.code", equalTo("invalid_params"))
                .body("result.structuredContent.error.status", equalTo(422))
                .body("result.content[0].text", containsString("format"));
        post(tenant, rpc(6, "tools/call", Map.of("name", "image_transformation", "arguments", List.of("not", "an", "object"))))
                .then().statusCode(200).body("error.code", equalTo(-32602));
        post(tenant, rpc(7, "tools/call", Map.of("name", "sheet_generation", "arguments", Map.of("wait_seconds", -1))))
                .then().statusCode(200).body("error.code", equalTo(-32602))
                .body("error.message", containsString("wait_seconds"));
        post(tenant, rpc(8, "tools/call", Map.of("name", "teleport", "arguments", Map.of())))
                .then().statusCode(200).body("error.code", equalTo(-32602));
        assertEquals(10, tenant.credit("balance"), "refused calls are not charged");
        String notJson = tenant.api().contentType(ContentType.JSON).body("{nope").post("/mcp")
                .then().statusCode(200).extract().path("error.code").toString();
        assertEquals("-32700", notJson);
    }
}
