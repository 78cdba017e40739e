package io.lamina.gateway.service;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.lamina.blobs.BlobStore;
import io.lamina.contracts.BlobRef;
import io.lamina.gateway.StoredFile;
import io.lamina.problem.ApiException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.io.ByteArrayInputStream;
import java.util.Base64;
import java.util.Iterator;
import java.util.Map;
import java.util.UUID;

/**
 * Rewrites the file inputs found anywhere in a step's params into blob references, so commands carry ids and never
 * bytes. Recognised inputs: Iteration Layer's {@code {"type":"base64","name","base64"}} (decoded and stored) and
 * Lamina's {@code {"type":"file","file_id"}} (an upload of the same tenant). {@code {"type":"url"}} inputs stay as
 * they are: the operation service fetches them behind its SSRF guard. Clients may not send blob references.
 */
@ApplicationScoped
public class FileInputs {

    @Inject
    FileService files;

    @Inject
    ObjectMapper mapper;

    /** Mutates {@code params} in place; {@code path} names the params in error messages. */
    public int normalize(UUID tenantId, JsonNode params, String path) {
        int count = 0;
        if (params instanceof ObjectNode object) {
            Iterator<Map.Entry<String, JsonNode>> fields = object.fields();
            while (fields.hasNext()) {
                Map.Entry<String, JsonNode> field = fields.next();
                String childPath = path + "." + field.getKey();
                JsonNode child = field.getValue();
                if (isFileInput(child)) {
                    field.setValue(toBlobRef(tenantId, (ObjectNode) child, childPath));
                    count++;
                } else {
                    count += normalize(tenantId, child, childPath);
                }
            }
        } else if (params instanceof ArrayNode array) {
            for (int i = 0; i < array.size(); i++) {
                JsonNode child = array.get(i);
                String childPath = path + "[" + i + "]";
                if (isFileInput(child)) {
                    array.set(i, toBlobRef(tenantId, (ObjectNode) child, childPath));
                    count++;
                } else {
                    count += normalize(tenantId, child, childPath);
                }
            }
        }
        return count;
    }

    private static boolean isFileInput(JsonNode node) {
        if (!node.isObject() || !node.path("type").isTextual()) {
            return false;
        }
        String type = node.get("type").asText();
        return ("base64".equals(type) && node.has("base64")) || ("file".equals(type) && node.has("file_id"))
                || (BlobRef.TYPE.equals(type) && node.has("blob_id"));
    }

    private JsonNode toBlobRef(UUID tenantId, ObjectNode input, String path) {
        String type = input.get("type").asText();
        if (BlobRef.TYPE.equals(type)) {
            throw ApiException.unprocessable("invalid_file_input",
                    path + ": blob references are internal; send {\"type\":\"file\",\"file_id\":…} or base64");
        }
        if ("file".equals(type)) {
            UUID fileId = parseUuid(input.path("file_id").asText(), path);
            StoredFile f = files.find(tenantId, fileId).orElseThrow(() -> ApiException.unprocessable("file_not_found",
                    path + ": file " + fileId + " does not exist"));
            String name = input.path("name").isTextual() ? input.get("name").asText() : f.name;
            return mapper.valueToTree(BlobRef.of(f.blobId, name, f.mimeType, f.size));
        }
        if (!input.path("base64").isTextual()) {
            throw ApiException.unprocessable("invalid_file_input", path + ".base64: must be a string");
        }
        byte[] bytes;
        try {
            bytes = Base64.getMimeDecoder().decode(input.get("base64").asText());
        } catch (IllegalArgumentException e) {
            throw ApiException.unprocessable("invalid_file_input", path + ".base64: not valid base64");
        }
        BlobStore.StoredBlob blob = files.storeBlob(new ByteArrayInputStream(bytes));
        String name = FileService.safeName(input.path("name").asText(null));
        return mapper.valueToTree(BlobRef.of(blob.id(), name, "application/octet-stream", blob.size()));
    }

    private static UUID parseUuid(String value, String path) {
        try {
            return UUID.fromString(value);
        } catch (IllegalArgumentException e) {
            throw ApiException.unprocessable("file_not_found", path + ".file_id: '" + value + "' is not a file id");
        }
    }
}
