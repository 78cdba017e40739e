package io.lamina.blobs;

import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import java.util.List;
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

    /**
     * One page of the stored blobs for garbage collection, in ascending id order: at most {@code limit} blobs whose
     * ids come after {@code after} ({@code null}: from the first). An empty page means there are no more. Pass the
     * last id of a page as {@code after} to get the next one; memory stays bounded by {@code limit} however many
     * blobs the store holds. Blobs written while a listing runs may or may not appear in it.
     *
     * <p>A blob's {@link Listed#lastModified()} is when its bytes were last written: {@link #put} of content that is
     * already stored refreshes it, so a collector that spares blobs modified after a cutoff never deletes bytes that a
     * writer has just stored (again) for a reference it is about to record.
     */
    List<Listed> list(String after, int limit) throws IOException;

    /**
     * Deletes a blob unless it was (re)written at or after {@code cutoff}, so that a {@link #put} racing with the
     * collector keeps its bytes. Returns whether this call deleted it; a missing blob or a malformed id is
     * {@code false}.
     */
    boolean deleteIfUnmodifiedSince(String blobId, Instant cutoff) throws IOException;

    default StoredBlob put(byte[] bytes) throws IOException {
        return put(new java.io.ByteArrayInputStream(bytes), bytes.length);
    }

    /** A blob as {@link #list} sees it. */
    record Listed(String id, long size, Instant lastModified) {
    }

    /** What {@link #put} stored. */
    record StoredBlob(String id, long size) {
    }
}
