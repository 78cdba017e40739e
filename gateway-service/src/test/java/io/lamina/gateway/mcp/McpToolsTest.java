package io.lamina.gateway.mcp;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.lamina.contracts.Operation;
import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** tools/list: every operation tool has its operation's specific input schema, an output schema and annotations. */
class McpToolsTest {

    @Test
    void operationToolsCarryTheirOperationsSchemasOutputSchemasAndAnnotations() {
        McpTools tools = new McpTools();
        tools.mapper = new ObjectMapper();
        Map<String, JsonNode> byName = new HashMap<>();
        tools.list().forEach(t -> byName.put(t.get("name").asText(), t));
        for (Operation op : Operation.values()) {
            JsonNode tool = byName.get(op.id());
            JsonNode input = tool.get("inputSchema");
            assertEquals("object", input.path("type").asText());
            assertTrue(input.path("properties").has("wait_seconds"), op.id());
            assertTrue(input.path("required").size() > 0 || input.path("oneOf").isArray(), op.id());
            assertFalse(input.has("$schema"), "MCP clients get the schema object itself");
            assertTrue(tool.at("/outputSchema/properties/status/enum").isArray(), op.id());
            assertFalse(tool.at("/annotations/readOnlyHint").asBoolean(), op.id() + " does work and charges");
            assertEquals(op == Operation.WEBSITE_EXTRACTION || op == Operation.DOCUMENT_EXTRACTION,
                    tool.at("/annotations/openWorldHint").asBoolean(), op.id());
        }
        assertEquals("[\"files\",\"schema\"]", byName.get("document_extraction").at("/inputSchema/required").toString());
        assertEquals("[\"format\",\"sheets\"]", byName.get("sheet_generation").at("/inputSchema/required").toString());
        assertEquals("[\"id\",\"operation\",\"params\"]",
                byName.get("run_pipeline").at("/inputSchema/properties/steps/items/required").toString());
        assertTrue(byName.get("cancel_job").at("/annotations/destructiveHint").asBoolean());
        assertTrue(byName.get("get_balance").at("/annotations/readOnlyHint").asBoolean());
    }
}
