package io.lamina.docgen.render;

import com.fasterxml.jackson.databind.JsonNode;
import io.lamina.blobs.BlobStore;
import io.lamina.contracts.ErrorInfo;
import io.lamina.ops.runtime.OperationException;

import java.io.IOException;
import java.io.InputStream;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;

/**
 * The bytes of the files one document uses (images, fonts, PDFs to merge), read from the blob store or decoded from
 * base64, each read once, all of them together within a byte budget.
 */
public final class Assets {

    private final BlobStore blobs;
    private final long budget;
    private final Map<String, byte[]> cache = new HashMap<>();
    private long used;

    public Assets(BlobStore blobs, long budget) {
        this.blobs = blobs;
        this.budget = budget;
    }

    /** The bytes of a file input ({@code blob} ref or {@code base64}); {@code path} names it in errors. */
    public byte[] read(JsonNode input, String path) {
        String type = input.path("type").asText();
        String key = type + ":" + input.path("blob_id").asText(input.path("base64").asText(""));
        byte[] cached = cache.get(key);
        if (cached != null) {
            return cached;
        }
        byte[] bytes = switch (type) {
            case "blob" -> blob(input.path("blob_id").asText(), path);
            case "base64" -> base64(input.path("base64").asText(), path);
            case "url" -> throw new OperationException(ErrorInfo.permanent("unsupported_input", path
                    + ": URL inputs are not fetched by document_generation yet; upload the file and pass its "
                    + "file_id"));
            default -> throw OperationException.invalid(path + ": not a file input");
        };
        cache.put(key, bytes);
        return bytes;
    }

    /** Decodes an image block's {@code buffer} (Iteration Layer's base64 image bytes). */
    public byte[] base64(String text, String path) {
        byte[] bytes;
        try {
            bytes = Base64.getMimeDecoder().decode(text);
        } catch (IllegalArgumentException e) {
            throw OperationException.invalid(path + ": not valid base64");
        }
        charge(bytes.length, path);
        return bytes;
    }

    private byte[] blob(String id, String path) {
        try {
            long size = blobs.size(id).orElseThrow(() -> missing(path));
            charge(size, path);
            try (InputStream in = blobs.open(id).orElseThrow(() -> missing(path))) {
                return in.readAllBytes();
            }
        } catch (IOException e) {
            throw new OperationException(ErrorInfo.temporary("blob_store_unavailable", path
                    + ": the file could not be read: " + e.getMessage()));
        }
    }

    private void charge(long bytes, String path) {
        used += bytes;
        if (used > budget) {
            throw new OperationException(ErrorInfo.permanent("limit_exceeded", path + ": the document's files "
                    + "together are over " + budget + " bytes (lamina.docgen.max-input-bytes)"));
        }
    }

    private static OperationException missing(String path) {
        return new OperationException(ErrorInfo.permanent("file_not_found", path
                + ": the file is no longer in the blob store"));
    }
}
