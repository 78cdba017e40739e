package io.lamina.blobs;

import jakarta.enterprise.context.ApplicationScoped;
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
        if (!"filesystem".equals(config.backend())) {
            throw new IllegalStateException("unknown lamina.blobs.backend '" + config.backend()
                    + "'; supported: filesystem");
        }
        try {
            return new FileSystemBlobStore(Path.of(config.dir()));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create blob folder " + config.dir(), e);
        }
    }
}
