package io.lamina.blobs;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** {@code lamina.blobs.*}: where blobs live. Only the filesystem backend exists so far; S3 comes with the Helm chart. */
@ConfigMapping(prefix = "lamina.blobs")
public interface BlobStoreConfig {

    /** {@code filesystem}. */
    @WithDefault("filesystem")
    String backend();

    /** Root folder of the filesystem backend; every service of one installation must see the same folder. */
    @WithDefault("data/blobs")
    String dir();
}
