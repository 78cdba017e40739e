package io.lamina.contracts.schema;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.lamina.contracts.Topics;
import io.lamina.contracts.billing.BillingEvent;
import io.lamina.contracts.jobs.JobEvent;
import io.lamina.contracts.jobs.StepCommand;
import io.lamina.contracts.ops.CancelJob;
import io.lamina.contracts.ops.StepProgress;
import io.lamina.contracts.ops.StepResult;
import io.lamina.contracts.submissions.JobSubmission;

import java.io.IOException;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * JSON Schemas (draft 2020-12) of every Kafka record, derived from the record classes themselves so they cannot drift
 * from what is sent. {@code main} writes them to {@code contracts/schemas/}, one file per record type; a test checks the
 * committed files against the classes.
 */
public final class RecordSchemas {

    private static final String DIALECT = "https://json-schema.org/draft/2020-12/schema";
    private static final String ID_BASE = "urn:lamina:schema:";
    /** Properties every record of these topics carries when present in its class. */
    private static final Set<String> ENVELOPE = Set.of("type", "event_id", "submission_id", "version", "time",
            "tenant_id", "job_id", "step_id", "attempt", "operation", "status");
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private RecordSchemas() {
    }

    /** One record type on one topic; {@code type} is the value of its {@code type} property, or null if it has none. */
    public record Entry(String topic, String type, Class<? extends Record> recordClass) {

        public String fileName() {
            String name = type != null ? type
                    : recordClass.getSimpleName().replaceAll("([a-z])([A-Z])", "$1-$2").toLowerCase();
            return name + ".schema.json";
        }
    }

    /** Every record of every topic, in topic order. */
    public static List<Entry> catalogue() {
        List<Entry> all = new ArrayList<>();
        all.add(new Entry(Topics.JOB_SUBMISSIONS, null, JobSubmission.class));
        subtypes(Topics.JOB_EVENTS, JobEvent.class, all);
        all.add(new Entry("lamina.ops.<service>.commands", null, StepCommand.class));
        all.add(new Entry(Topics.STEP_RESULTS, null, StepResult.class));
        all.add(new Entry(Topics.STEP_PROGRESS, StepProgress.TYPE, StepProgress.class));
        all.add(new Entry(Topics.OPS_CONTROL, CancelJob.TYPE, CancelJob.class));
        subtypes(Topics.BILLING_EVENTS, BillingEvent.class, all);
        return all;
    }

    @SuppressWarnings("unchecked")
    private static void subtypes(String topic, Class<?> sealed, List<Entry> into) {
        for (JsonSubTypes.Type t : sealed.getAnnotation(JsonSubTypes.class).value()) {
            into.add(new Entry(topic, t.name(), (Class<? extends Record>) t.value()));
        }
    }

    public static ObjectNode schema(Entry entry) {
        ObjectNode schema = JSON.createObjectNode();
        schema.put("$schema", DIALECT);
        schema.put("$id", ID_BASE + entry.fileName().replace(".schema.json", ""));
        schema.put("title", entry.recordClass().getSimpleName());
        schema.put("description", "A record of " + entry.topic() + (entry.type() == null ? ""
                : " with type \"" + entry.type() + "\"") + ". Consumers must ignore properties they do not know.");
        ObjectNode object = objectSchema(entry.recordClass(), true);
        if (entry.type() != null) {
            ObjectNode properties = (ObjectNode) object.get("properties");
            ObjectNode type = JSON.createObjectNode().put("const", entry.type());
            ObjectNode ordered = JSON.createObjectNode().set("type", type);
            properties.fields().forEachRemaining(f -> {
                if (!"type".equals(f.getKey())) {
                    ordered.set(f.getKey(), f.getValue());
                }
            });
            object.set("properties", ordered);
            ArrayNode required = (ArrayNode) object.get("required");
            boolean has = false;
            for (JsonNode r : required) {
                has |= "type".equals(r.asText());
            }
            if (!has) {
                required.insert(0, "type");
            }
        }
        schema.setAll(object);
        return schema;
    }

    private static ObjectNode objectSchema(Class<?> recordClass, boolean envelope) {
        ObjectNode object = JSON.createObjectNode().put("type", "object");
        ObjectNode properties = object.putObject("properties");
        ArrayNode required = object.putArray("required");
        for (RecordComponent c : recordClass.getRecordComponents()) {
            String name = snake(c.getName());
            properties.set(name, typeSchema(c.getGenericType(), c.getType().isPrimitive()));
            if (c.getType().isPrimitive() || (envelope && ENVELOPE.contains(name))) {
                required.add(name);
            }
        }
        return object;
    }

    private static ObjectNode typeSchema(Type type, boolean primitive) {
        ObjectNode s = JSON.createObjectNode();
        if (type instanceof ParameterizedType p && p.getRawType() == List.class) {
            s.set("type", nullable("array", primitive));
            s.set("items", typeSchema(p.getActualTypeArguments()[0], true));
            return s;
        }
        Class<?> c = (Class<?>) type;
        if (c == String.class) {
            s.set("type", nullable("string", primitive));
        } else if (c == int.class || c == long.class || c == Integer.class || c == Long.class) {
            s.set("type", nullable("integer", primitive));
        } else if (c == double.class || c == Double.class) {
            s.set("type", nullable("number", primitive));
        } else if (c == boolean.class || c == Boolean.class) {
            s.set("type", nullable("boolean", primitive));
        } else if (c == Instant.class) {
            s.set("type", nullable("string", primitive));
            s.put("format", "date-time");
        } else if (JsonNode.class.isAssignableFrom(c)) {
            s.put("description", "any JSON value");
        } else if (c.isRecord()) {
            s.setAll(objectSchema(c, false));
            if (!primitive) {
                s.set("type", nullable("object", false));
            }
        } else {
            throw new IllegalArgumentException("no JSON Schema mapping for " + c);
        }
        return s;
    }

    private static JsonNode nullable(String type, boolean required) {
        return required ? JSON.getNodeFactory().textNode(type)
                : JSON.createArrayNode().add(type).add("null");
    }

    private static String snake(String camel) {
        return new PropertyNamingStrategies.SnakeCaseStrategy().translate(camel);
    }

    public static String text(JsonNode schema) {
        try {
            return JSON.writeValueAsString(schema) + "\n";
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * An AsyncAPI 3.0 document of every topic: a channel per topic, its messages with payloads referring to the schema
     * files, and the operations (who sends, who receives).
     */
    public static ObjectNode asyncApi() {
        ObjectNode doc = JSON.createObjectNode();
        doc.put("asyncapi", "3.0.0");
        ObjectNode info = doc.putObject("info");
        info.put("title", "Lamina Kafka topics");
        info.put("version", "1");
        info.put("description", "Records are UTF-8 JSON, keyed by job id (grants: tenant id); consumers ignore unknown"
                + " properties. Payload schemas are the JSON Schema files beside this document.");
        doc.put("defaultContentType", "application/json");
        ObjectNode servers = doc.putObject("servers");
        servers.putObject("local").put("host", "127.0.0.1:39092").put("protocol", "kafka")
                .put("description", "the broker of ./lamina up");
        ObjectNode channels = doc.putObject("channels");
        ObjectNode operations = doc.putObject("operations");
        ObjectNode messages = doc.putObject("components").putObject("messages");
        Map<String, List<Entry>> byTopic = new LinkedHashMap<>();
        for (Entry e : catalogue()) {
            byTopic.computeIfAbsent(e.topic(), t -> new ArrayList<>()).add(e);
        }
        byTopic.forEach((topic, entries) -> {
            String channelId = topic.replaceAll("[^A-Za-z0-9]+", "_");
            ObjectNode channel = channels.putObject(channelId);
            channel.put("address", topic);
            ObjectNode channelMessages = channel.putObject("messages");
            for (Entry e : entries) {
                String messageId = e.fileName().replace(".schema.json", "").replaceAll("[^A-Za-z0-9]+", "_");
                ObjectNode message = messages.putObject(messageId);
                message.put("name", e.type() != null ? e.type() : e.recordClass().getSimpleName());
                message.put("contentType", "application/json");
                message.putObject("payload").put("schemaFormat", "application/schema+json;version=draft-2020-12")
                        .putObject("schema").put("$ref", "./" + e.fileName());
                channelMessages.putObject(messageId).put("$ref", "#/components/messages/" + messageId);
            }
            ObjectNode op = operations.putObject("receive_" + channelId);
            op.put("action", "receive");
            op.putObject("channel").put("$ref", "#/channels/" + channelId);
            op.put("summary", "Consume " + topic);
        });
        return doc;
    }

    /** Writes every schema, plus an index by topic, to {@code args[0]} (default {@code contracts/schemas}). */
    public static void main(String[] args) throws IOException {
        Path dir = Path.of(args.length > 0 ? args[0] : "contracts/schemas");
        Files.createDirectories(dir);
        Map<String, List<String>> byTopic = new LinkedHashMap<>();
        for (Entry e : catalogue()) {
            Files.writeString(dir.resolve(e.fileName()), text(schema(e)));
            byTopic.computeIfAbsent(e.topic(), t -> new ArrayList<>()).add(e.fileName());
        }
        Files.writeString(dir.resolve("index.json"), text(JSON.valueToTree(byTopic)));
        Files.writeString(dir.resolve("asyncapi.json"), text(asyncApi()));
    }
}
