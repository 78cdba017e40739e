package io.lamina.contracts;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.lamina.contracts.billing.CreditsDenied;
import io.lamina.contracts.jobs.JobFailed;
import io.lamina.contracts.jobs.StepCommand;
import io.lamina.contracts.jobs.StepSummary;
import io.lamina.contracts.ops.CancelJob;
import io.lamina.contracts.ops.StepProgress;
import io.lamina.contracts.schema.RecordSchemas;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The committed JSON Schemas match the record classes, and real records satisfy them. */
class RecordSchemasTest {

    private static final ObjectMapper MAPPER = new ObjectMapper().registerModule(new JavaTimeModule());

    /** {@code mvn test -pl contracts -Dlamina.schemas.write=true} rewrites the files after a contract change. */
    @Test
    void committedSchemasMatchTheRecordClasses() throws Exception {
        Path dir = Path.of("schemas");
        if (Boolean.getBoolean("lamina.schemas.write")) {
            RecordSchemas.main(new String[]{dir.toString()});
        }
        for (RecordSchemas.Entry entry : RecordSchemas.catalogue()) {
            Path file = dir.resolve(entry.fileName());
            assertTrue(Files.exists(file), file + " is missing: run with -Dlamina.schemas.write=true");
            assertEquals(RecordSchemas.text(RecordSchemas.schema(entry)), Files.readString(file),
                    file + " is stale: run with -Dlamina.schemas.write=true");
        }
    }

    @Test
    void theAsyncApiDocumentIsCurrentAndEveryReferenceResolves() throws Exception {
        Path file = Path.of("schemas", "asyncapi.json");
        assertEquals(RecordSchemas.text(RecordSchemas.asyncApi()), Files.readString(file),
                file + " is stale: run with -Dlamina.schemas.write=true");
        JsonNode doc = MAPPER.readTree(file.toFile());
        assertEquals("3.0.0", doc.path("asyncapi").asText());
        int checked = 0;
        for (JsonNode channel : doc.path("channels")) {
            assertTrue(channel.path("address").isTextual(), "every channel has an address");
            for (JsonNode ref : channel.path("messages")) {
                String pointer = ref.path("$ref").asText().substring(1);
                JsonNode message = doc.at(pointer);
                assertTrue(!message.isMissingNode(), "resolves: " + pointer);
                String schema = message.path("payload").path("schema").path("$ref").asText();
                assertTrue(Files.exists(Path.of("schemas").resolve(schema)), "schema file " + schema);
                checked++;
            }
        }
        for (JsonNode op : doc.path("operations")) {
            assertTrue(!doc.at(op.path("channel").path("$ref").asText().substring(1)).isMissingNode());
        }
        assertEquals(RecordSchemas.catalogue().size(), checked, "every record type is a message of its channel");
    }

    @Test
    void recordsAsSentSatisfyTheirSchemas() throws Exception {
        List<Object> samples = List.of(
                StepCommand.of("t-1", "j-1", "s", "sheet_generation", 2, MAPPER.readTree("{\"format\":\"csv\"}"), null),
                JobFailed.of("t-1", "j-1", ErrorInfo.permanent("invalid_params", "no rows"),
                        List.of(new StepSummary("s", "sheet_generation", "failed", null,
                                ErrorInfo.permanent("invalid_params", "no rows"))), null),
                CreditsDenied.of("t-1", "j-1", 10, 3),
                CancelJob.of("t-1", "j-1", "cancelled"),
                StepProgress.of("t-1", "j-1", "s", 1, 3, 12, "page"));
        for (Object sample : samples) {
            RecordSchemas.Entry entry = RecordSchemas.catalogue().stream()
                    .filter(e -> e.recordClass() == sample.getClass()).findFirst().orElseThrow();
            JsonNode json = MAPPER.readTree(MAPPER.writeValueAsString(sample));
            List<String> errors = new ArrayList<>();
            check(RecordSchemas.schema(entry), json, "", errors);
            assertEquals(List.of(), errors, sample.getClass().getSimpleName());
        }
    }

    @Test
    void aRecordMissingARequiredPropertyOrOfTheWrongTypeIsCaught() throws Exception {
        RecordSchemas.Entry entry = RecordSchemas.catalogue().stream()
                .filter(e -> e.recordClass() == CreditsDenied.class).findFirst().orElseThrow();
        ObjectNode json = (ObjectNode) MAPPER.readTree(MAPPER.writeValueAsString(CreditsDenied.of("t", "j", 1, 0)));
        json.remove("job_id");
        json.put("required", "ten");
        List<String> errors = new ArrayList<>();
        check(RecordSchemas.schema(entry), json, "", errors);
        assertEquals(List.of(": job_id is required", "/required: expected integer, got STRING"), errors);
    }

    /** The subset of JSON Schema the generated schemas use: type (with null), const, required, properties, items. */
    private static void check(JsonNode schema, JsonNode value, String path, List<String> errors) {
        if (schema.has("const") && !schema.get("const").equals(value)) {
            errors.add(path + ": expected " + schema.get("const"));
        }
        JsonNode type = schema.get("type");
        if (type != null) {
            List<String> allowed = new ArrayList<>();
            if (type.isArray()) {
                type.forEach(t -> allowed.add(t.asText()));
            } else {
                allowed.add(type.asText());
            }
            String actual = switch (value.getNodeType()) {
                case STRING -> "string";
                case NUMBER -> value.isIntegralNumber() ? "integer" : "number";
                case BOOLEAN -> "boolean";
                case OBJECT -> "object";
                case ARRAY -> "array";
                case NULL -> "null";
                default -> "unknown";
            };
            if (!allowed.contains(actual) && !(actual.equals("integer") && allowed.contains("number"))) {
                errors.add(path + ": expected " + String.join("|", allowed) + ", got " + value.getNodeType());
                return;
            }
        }
        if (value.isObject() && schema.has("properties")) {
            schema.path("required").forEach(r -> {
                if (!value.has(r.asText())) {
                    errors.add(path + ": " + r.asText() + " is required");
                }
            });
            JsonNode properties = schema.path("properties");
            for (Iterator<String> names = value.fieldNames(); names.hasNext(); ) {
                String name = names.next();
                if (properties.has(name)) {
                    check(properties.get(name), value.get(name), path + "/" + name, errors);
                } else {
                    errors.add(path + "/" + name + ": not in the schema");
                }
            }
        } else if (value.isArray() && schema.has("items")) {
            for (int i = 0; i < value.size(); i++) {
                check(schema.get("items"), value.get(i), path + "/" + i, errors);
            }
        }
    }
}
