package io.lamina.blobs;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.net.URI;
import java.util.Optional;

/** {@code lamina.blobs.*}: where blobs live (env: {@code LAMINA_BLOBS_BACKEND}, {@code LAMINA_BLOBS_S3_BUCKET}, …). */
@ConfigMapping(prefix = "lamina.blobs")
public interface BlobStoreConfig {

    /** {@code filesystem} (one folder every service sees) or {@code s3} (an S3-compatible bucket). */
    @WithDefault("filesystem")
    String backend();

    /** Root folder of the filesystem backend; every service of one installation must see the same folder. */
    @WithDefault("data/blobs")
    String dir();

    /** The S3 backend's settings; read only when {@link #backend()} is {@code s3}. */
    S3 s3();

    interface S3 {

        /** The bucket; it must exist. Required for the s3 backend. */
        Optional<String> bucket();

        /** Endpoint of an S3-compatible store (MinIO, Ceph, S3Proxy, R2, …); empty means AWS S3 of the region. */
        Optional<URI> endpoint();

        /** Region the requests are signed for. */
        @WithDefault("us-east-1")
        String region();

        /** Path-style URLs ({@code endpoint/bucket/key}) instead of virtual-hosted ones; most self-hosted stores need it. */
        @WithDefault("false")
        boolean pathStyle();

        /** Key prefix inside the bucket (e.g. {@code lamina/}); empty means the bucket root. */
        Optional<String> prefix();

        /** Static access key id; with the secret below. Empty: the AWS default chain (env, profile, web identity). */
        Optional<String> accessKeyId();

        /** Static secret access key. */
        Optional<String> secretAccessKey();
    }
}
