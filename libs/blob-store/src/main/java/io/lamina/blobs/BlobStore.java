package io.lamina.blobs;

import java.io.IOException;
import java.io.InputStream;
import java.util.Optional;

/**
 * Content-addressed bytes shared by the gateway and the operation services. A blob's id is the lowercase hex SHA-256
 * of its content, so storing the same bytes twice yields one blob. Kafka messages carry these ids, never bytes.
 * Access control is not here: the gateway's file records decide which tenant may read which blob.
 */
public interface BlobStore {

    /**
     * Stores everything {@code in} yields, up to {@code maxBytes}.
     *
     * @throws BlobTooLargeException when the stream is longer than {@code maxBytes}; nothing is stored then
     */
    StoredBlob put(InputStream in, long maxBytes) throws IOException;

    /** Opens a blob for reading, or empty when no blob has this id. */
    Optional<InputStream> open(String blobId) throws IOException;

    /** The blob's size in bytes, or empty when no blob has this id. */
    Optional<Long> size(String blobId) throws IOException;

    default StoredBlob put(byte[] bytes) throws IOException {
        return put(new java.io.ByteArrayInputStream(bytes), bytes.length);
    }

    /** What {@link #put} stored. */
    record StoredBlob(String id, long size) {
    }
}
