package io.lamina.contracts;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

/**
 * A file in the blob store, as it appears inside step params and step outputs. Messages carry these, never bytes.
 * In a step output, the gateway turns each {@code BlobRef} into a tenant file {@code {file_id, name, mime_type, size}}.
 * The {@code type} is always {@code "blob"}.
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonInclude(JsonInclude.Include.NON_NULL)
public record BlobRef(String type, String blobId, String name, String mimeType, long size) {

    public static final String TYPE = "blob";

    public static BlobRef of(String blobId, String name, String mimeType, long size) {
        return new BlobRef(TYPE, blobId, name, mimeType, size);
    }
}
