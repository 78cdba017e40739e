package io.lamina.blobs;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Produces;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;

/** Builds the configured {@link BlobStore} for the Quarkus services that use this library. */
@ApplicationScoped
public class BlobStoreProducer {

    @Produces
    @ApplicationScoped
    BlobStore blobStore(BlobStoreConfig config) {
        return switch (config.backend()) {
            case "filesystem" -> {
                try {
                    yield new FileSystemBlobStore(Path.of(config.dir()));
                } catch (IOException e) {
                    throw new UncheckedIOException("cannot create blob folder " + config.dir(), e);
                }
            }
            case "s3" -> S3BlobStore.create(S3BlobStore.Settings.from(config.s3()));
            default -> throw new IllegalStateException("unknown lamina.blobs.backend '" + config.backend()
                    + "'; supported: filesystem, s3");
        };
    }

    void close(@Disposes BlobStore store) {
        if (store instanceof AutoCloseable closeable) {
            try {
                closeable.close();
            } catch (Exception e) {
                throw new IllegalStateException("cannot close the blob store", e);
            }
        }
    }
}
