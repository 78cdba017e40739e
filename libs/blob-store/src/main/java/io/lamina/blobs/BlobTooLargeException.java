package io.lamina.blobs;

import java.io.IOException;

/** The bytes offered to {@link BlobStore#put} exceeded the caller's limit. */
public class BlobTooLargeException extends IOException {

    private final long limit;

    public BlobTooLargeException(long limit) {
        super("content exceeds the limit of " + limit + " bytes");
        this.limit = limit;
    }

    public long limit() {
        return limit;
    }
}
