package io.lamina.webhook.messaging;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * {@link EventTypes#typeOf} must decide like the tree parse it replaces ({@code readTree(json).path("type")}): the same
 * records fail, and the same records name a delivered type.
 */
class EventTypesTest {

    private final ObjectMapper mapper = new ObjectMapper();

    /** What the consumer did before: the tree's type text, or an exception. */
    private String treeType(String json) throws IOException {
        JsonNode tree = mapper.readTree(json);
        return tree.path("type").asText();
    }

    private void assertSameDecision(String json) {
        String tree;
        try {
            tree = treeType(json);
        } catch (IOException e) {
            assertThrows(IOException.class, () -> EventTypes.typeOf(mapper.getFactory(), json),
                    "the tree parse refuses this record, so must the scan: " + json);
            return;
        }
        String scanned;
        try {
            scanned = EventTypes.typeOf(mapper.getFactory(), json);
        } catch (IOException e) {
            fail("the tree parse accepts this record, the scan refused it (" + e.getMessage() + "): " + json);
            return;
        }
        for (String delivered : JobEventsConsumer.DELIVERED_TYPES) {
            assertEquals(delivered.equals(tree), delivered.equals(scanned), json);
        }
        if (scanned != null) {
            assertEquals(tree, scanned, json);
        }
    }

    @Test
    void readsTheTopLevelTypeWhereverItIs() throws IOException {
        assertEquals("job.completed", EventTypes.typeOf(mapper.getFactory(), "{\"type\":\"job.completed\",\"a\":1}"));
        assertEquals("job.completed", EventTypes.typeOf(mapper.getFactory(),
                "{\"a\":{\"type\":\"step.succeeded\",\"b\":[{\"type\":\"x\"}]},\"steps\":[1,{\"c\":null}],"
                        + "\n \"type\" : \"job.completed\" }"));
        assertEquals("job.failed", EventTypes.typeOf(mapper.getFactory(), "{\"t\\u0079pe\":\"job.failed\"}"));
        assertEquals("job.failed", EventTypes.typeOf(mapper.getFactory(),
                "{\"type\":\"step.succeeded\",\"type\":\"job.failed\"}"), "the last one counts, as in the tree");
    }

    @Test
    void recordsWithoutAStringTypeHaveNone() throws IOException {
        for (String json : List.of("", "   ", "null", "42", "\"job.completed\"", "[\"job.completed\"]", "{}",
                "{\"kind\":\"job.completed\"}", "{\"type\":null}", "{\"type\":5}", "{\"type\":[\"job.completed\"]}",
                "{\"type\":{\"type\":\"job.completed\"}}", "{\"type\":\"job.completed\",\"type\":true}",
                "{\"data\":{\"type\":\"job.completed\"}}")) {
            assertNull(EventTypes.typeOf(mapper.getFactory(), json), json);
            assertSameDecision(json);
        }
    }

    @Test
    void recordsThatAreNotJsonFailAsTheTreeParseDoes() {
        for (String json : List.of("not json", "{", "{\"type\":\"job.completed\"", "{\"type\":\"job.completed\",}",
                "{\"type\":job.completed}", "{\"a\":\"\\x\",\"type\":\"job.completed\"}",
                "{\"a\":\"tab\there\",\"type\":\"job.completed\"}", "{\"type\":\"step.succeeded\",\"output\":[1,2}",
                "{\"type\":\"step.succeeded\",\"n\":01}", "{'type':'job.completed'}", "}")) {
            assertThrows(IOException.class, () -> EventTypes.typeOf(mapper.getFactory(), json), json);
            assertSameDecision(json);
        }
    }

    @Test
    void contentAfterTheRootValueIsIgnoredAsByTheTreeParse() {
        assertSameDecision("{\"type\":\"job.completed\"} trailing words");
        assertSameDecision("{\"type\":\"step.succeeded\"}{\"type\":\"job.completed\"}");
    }

    /** Random event-like records and random damage to them: the scan and the tree parse always agree. */
    @Test
    void agreesWithTheTreeParseOnRandomRecordsAndTheirDamagedCopies() {
        Random random = new Random(20261124);
        String[] types = {"job.completed", "job.failed", "job.cancelled", "step.failed", "step.succeeded",
                "job.submitted", "job.rejected", "credits.low", "job.completed.v2", ""};
        for (int i = 0; i < 3000; i++) {
            String json = randomRecord(random, types);
            assertSameDecision(json);
            // Damage: cut it short, drop or swap a character, insert junk.
            int at = random.nextInt(json.length());
            assertSameDecision(json.substring(0, at));
            assertSameDecision(json.substring(0, at) + json.substring(at + 1));
            assertSameDecision(json.substring(0, at) + "\"{[:,]}\\ ".charAt(random.nextInt(9)) + json.substring(at));
        }
    }

    private static String randomRecord(Random random, String[] types) {
        List<String> fields = new ArrayList<>();
        fields.add("\"event_id\":\"" + random.nextInt() + "\"");
        fields.add("\"time\":\"2026-11-24T20:00:00Z\"");
        fields.add("\"steps\":" + randomValue(random, 3, types));
        fields.add("\"output\":" + randomValue(random, 3, types));
        int typeCount = random.nextInt(10) == 0 ? 2 : random.nextInt(12) == 0 ? 0 : 1;
        for (int t = 0; t < typeCount; t++) {
            String value = random.nextInt(8) == 0 ? randomValue(random, 1, types)
                    : "\"" + types[random.nextInt(types.length)] + "\"";
            fields.add(random.nextInt(fields.size() + 1), "\"type\":" + value);
        }
        return "{" + String.join(random.nextBoolean() ? "," : " ,\n ", fields) + "}";
    }

    private static String randomValue(Random random, int depth, String[] types) {
        int kind = random.nextInt(depth > 0 ? 8 : 5);
        return switch (kind) {
            case 0 -> "null";
            case 1 -> Integer.toString(random.nextInt(1000) - 500);
            case 2 -> "\"" + types[random.nextInt(types.length)] + "\"";
            case 3 -> "\"esc \\\" \\\\ \\u00e9 " + random.nextInt(9) + "\"";
            case 4 -> random.nextBoolean() ? "true" : "1.5e3";
            case 5, 6 -> {
                List<String> members = new ArrayList<>();
                for (int i = random.nextInt(4); i > 0; i--) {
                    String name = random.nextInt(3) == 0 ? "type" : "k" + i;
                    members.add("\"" + name + "\":" + randomValue(random, depth - 1, types));
                }
                yield "{" + String.join(",", members) + "}";
            }
            default -> {
                List<String> items = new ArrayList<>();
                for (int i = random.nextInt(4); i > 0; i--) {
                    items.add(randomValue(random, depth - 1, types));
                }
                yield "[" + String.join(",", items) + "]";
            }
        };
    }
}
