package io.lamina.gateway.compat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.lamina.contracts.Operation;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.EnumMap;
import java.util.Map;

/**
 * The JSON Schema (draft 2020-12) of each operation's params, i.e. Iteration Layer's request body without
 * {@code webhook_url}, with documented examples: {@code operation-schemas/<operation>.json} on the class path. They
 * are the MCP tools' input schemas and the compatible endpoints' request bodies in the OpenAPI document;
 * {@code OperationSchemasTest} keeps them honest against the operations' own validators.
 */
public final class OperationSchemas {

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final Map<Operation, ObjectNode> SCHEMAS = new EnumMap<>(Operation.class);

    static {
        for (Operation op : Operation.values()) {
            String resource = "/operation-schemas/" + op.id() + ".json";
            try (InputStream in = OperationSchemas.class.getResourceAsStream(resource)) {
                if (in == null) {
                    throw new IllegalStateException("missing " + resource);
                }
                SCHEMAS.put(op, (ObjectNode) MAPPER.readTree(in));
            } catch (IOException e) {
                throw new UncheckedIOException(resource, e);
            }
        }
    }

    private OperationSchemas() {
    }

    /** A copy of the operation's params schema. */
    public static ObjectNode of(Operation operation) {
        return SCHEMAS.get(operation).deepCopy();
    }
}
