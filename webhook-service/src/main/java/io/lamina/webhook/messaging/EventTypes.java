package io.lamina.webhook.messaging;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;

import java.io.IOException;

/**
 * Reads the {@code type} of an event record without building it: a streaming pass over the record that keeps only the
 * value of the top-level {@code type} field and skips everything else.
 *
 * <p>It answers what {@code mapper.readTree(json).path("type")} would, for any input: the whole root value is read, so
 * a record that is not JSON fails here exactly as the tree parse would (content after the root value is ignored, as
 * the tree parse ignores it); an empty record, a root that is not an object and an object without {@code type} have
 * no type; when {@code type} occurs more than once the last one counts (the tree keeps the last); a {@code type} that
 * is not a string (number, object, null, …) counts as no type, since no such value names an event type. Field order
 * and whitespace do not matter, and escaped field names ({@code "t\u0079pe"}) are decoded by the parser.
 */
final class EventTypes {

    private EventTypes() {
    }

    /**
     * The record's top-level {@code type} string, or null when it has none (or a non-string one).
     *
     * @throws IOException (a {@link com.fasterxml.jackson.core.JsonProcessingException}) when the record is not JSON
     */
    static String typeOf(JsonFactory factory, String json) throws IOException {
        try (JsonParser p = factory.createParser(json)) {
            JsonToken root = p.nextToken();
            if (root == null) {
                return null;
            }
            if (root != JsonToken.START_OBJECT) {
                p.skipChildren();
                return null;
            }
            String type = null;
            for (JsonToken t = p.nextToken(); t != JsonToken.END_OBJECT; t = p.nextToken()) {
                if (t != JsonToken.FIELD_NAME) {
                    // The parser reports truncated or malformed input itself; this only guards the loop.
                    throw new JsonParseException(p, "unexpected " + t + " in the record's object");
                }
                boolean isType = "type".equals(p.currentName());
                JsonToken value = p.nextToken();
                if (isType && value == JsonToken.VALUE_STRING) {
                    type = p.getText();
                } else {
                    if (isType) {
                        type = null;
                    }
                    p.skipChildren();
                }
            }
            return type;
        }
    }
}
