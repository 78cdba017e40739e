package io.lamina.gateway.compat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import io.lamina.contracts.Operation;
import io.lamina.gateway.service.OperationParams;
import io.lamina.problem.ApiException;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * The operation schemas (MCP input schemas, OpenAPI request bodies) agree with the operations' own validators: every
 * documented example passes both, and taking away a required property or putting a value outside an enum fails both.
 */
class OperationSchemasTest {

    private static final JsonSchemaFactory FACTORY = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012);
    private final OperationParams validators = new OperationParams();

    private static Set<ValidationMessage> schemaProblems(Operation op, JsonNode params) {
        ObjectNode schema = OperationSchemas.of(op);
        schema.remove("examples");
        JsonSchema compiled = FACTORY.getSchema(schema);
        return compiled.validate(params);
    }

    private String validatorProblems(Operation op, JsonNode params) {
        try {
            validators.check(op, params, "params");
            return null;
        } catch (ApiException e) {
            assertEquals("invalid_params", e.code());
            return e.getMessage();
        }
    }

    @Test
    void everyOperationHasASpecificSchemaWithExamples() {
        for (Operation op : Operation.values()) {
            ObjectNode schema = OperationSchemas.of(op);
            assertEquals("object", schema.path("type").asText(), op.id());
            assertTrue(schema.path("properties").size() >= 2, op.id() + " names its properties");
            assertTrue(schema.path("required").size() > 0 || schema.path("oneOf").isArray(),
                    op.id() + " says what is required");
            assertFalse(schema.path("properties").has("webhook_url"), op.id() + ": params exclude webhook_url");
            assertTrue(schema.path("examples").size() >= 2, op.id() + " has examples");
        }
    }

    @Test
    void documentedExamplesPassTheSchemaAndTheOperationsValidator() {
        List<String> failures = new ArrayList<>();
        for (Operation op : Operation.values()) {
            int i = 0;
            for (JsonNode example : OperationSchemas.of(op).get("examples")) {
                Set<ValidationMessage> schema = schemaProblems(op, example);
                if (!schema.isEmpty()) {
                    failures.add(op.id() + " example " + i + " vs schema: " + schema);
                }
                String validator = validatorProblems(op, example);
                if (validator != null) {
                    failures.add(op.id() + " example " + i + " vs validator: " + validator);
                }
                i++;
            }
        }
        assertEquals(List.of(), failures);
    }

    @Test
    void withoutARequiredPropertyBothTheSchemaAndTheValidatorRefuse() {
        int checked = 0;
        for (Operation op : Operation.values()) {
            ObjectNode schema = OperationSchemas.of(op);
            List<String> required = new ArrayList<>();
            schema.path("required").forEach(r -> required.add(r.asText()));
            schema.path("oneOf").forEach(alt -> alt.path("required").forEach(r -> required.add(r.asText())));
            for (String property : required) {
                ObjectNode example = (ObjectNode) schema.get("examples").get(0).deepCopy();
                example.remove(property);
                if (schema.path("oneOf").isArray() && !schema.path("required").toString().contains(property)) {
                    // one of alternatives: remove every alternative so that none is given
                    schema.path("oneOf").forEach(alt -> alt.path("required").forEach(r -> example.remove(r.asText())));
                }
                assertFalse(schemaProblems(op, example).isEmpty(), op.id() + " schema accepts no " + property);
                if (validatorProblems(op, example) == null) {
                    fail(op.id() + " validator accepts no " + property);
                }
                checked++;
            }
        }
        assertTrue(checked >= 10, "checked " + checked);
    }

    @Test
    void aValueOutsideAnEnumIsRefusedByBoth() {
        int checked = 0;
        for (Operation op : Operation.values()) {
            ObjectNode schema = OperationSchemas.of(op);
            for (var it = schema.get("properties").fields(); it.hasNext(); ) {
                var property = it.next();
                ObjectNode example = (ObjectNode) schema.get("examples").get(0).deepCopy();
                if (!property.getValue().has("enum") || !example.has(property.getKey())) {
                    continue;
                }
                example.put(property.getKey(), "no-such-value");
                assertFalse(schemaProblems(op, example).isEmpty(), op.id() + "." + property.getKey());
                if (validatorProblems(op, example) == null) {
                    fail(op.id() + " validator accepts " + property.getKey() + " = no-such-value");
                }
                checked++;
            }
        }
        assertTrue(checked >= 3, "checked " + checked);
    }
}
