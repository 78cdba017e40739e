package io.lamina.blobs;

import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3ClientBuilder;
import software.amazon.awssdk.services.s3.model.CopyObjectRequest;
import software.amazon.awssdk.services.s3.model.DeleteObjectRequest;
import software.amazon.awssdk.services.s3.model.GetObjectRequest;
import software.amazon.awssdk.services.s3.model.HeadObjectRequest;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Request;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Response;
import software.amazon.awssdk.services.s3.model.MetadataDirective;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.PutObjectRequest;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.model.S3Object;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Blobs as objects {@code <prefix><sha-256>} in one S3-compatible bucket. {@link #put} streams the content to a
 * temporary file while hashing it (the key is the hash, so it is known only at the end), then uploads it unless an
 * object with that key exists: the same bytes are stored once, and two services writing the same content race
 * harmlessly (both write identical bytes). When the object exists, {@link #put} copies it onto itself instead, which
 * renews its {@code Last-Modified} without moving bytes: the garbage collector spares recently written blobs, and a
 * writer that stores known content again must count as recent. S3 errors surface as {@link IOException}s, like the
 * filesystem's.
 */
public final class S3BlobStore implements BlobStore, AutoCloseable {

    private static final Pattern ID = Pattern.compile("[0-9a-f]{64}");

    /** Settings of one store; {@link #from} maps {@code lamina.blobs.s3.*}. */
    public record Settings(String bucket, Optional<URI> endpoint, String region, boolean pathStyle, String prefix,
                           Optional<String> accessKeyId, Optional<String> secretAccessKey) {

        public Settings {
            if (bucket == null || bucket.isBlank()) {
                throw new IllegalArgumentException("lamina.blobs.s3.bucket is required for the s3 blob backend");
            }
            if (accessKeyId.isPresent() != secretAccessKey.isPresent()) {
                throw new IllegalArgumentException(
                        "set both lamina.blobs.s3.access-key-id and lamina.blobs.s3.secret-access-key, or neither");
            }
            prefix = prefix == null ? "" : prefix;
        }

        public static Settings from(BlobStoreConfig.S3 s3) {
            return new Settings(s3.bucket().orElse(null), s3.endpoint(), s3.region(), s3.pathStyle(),
                    s3.prefix().orElse(""), s3.accessKeyId(), s3.secretAccessKey());
        }
    }

    private final S3Client s3;
    private final String bucket;
    private final String prefix;

    public S3BlobStore(S3Client s3, String bucket, String prefix) {
        this.s3 = s3;
        this.bucket = bucket;
        this.prefix = prefix;
    }

    /** A store with its own client (closed by {@link #close()}). */
    public static S3BlobStore create(Settings settings) {
        AwsCredentialsProvider credentials = settings.accessKeyId().isPresent()
                ? StaticCredentialsProvider.create(AwsBasicCredentials.create(settings.accessKeyId().get(),
                        settings.secretAccessKey().orElseThrow()))
                : DefaultCredentialsProvider.builder().build();
        S3ClientBuilder builder = S3Client.builder()
                .region(Region.of(settings.region()))
                .credentialsProvider(credentials)
                .forcePathStyle(settings.pathStyle())
                // Only what S3 requires: several S3-compatible stores reject the SDK's default CRC32 trailers.
                .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
                .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED)
                .httpClientBuilder(UrlConnectionHttpClient.builder()
                        .connectionTimeout(Duration.ofSeconds(10))
                        .socketTimeout(Duration.ofSeconds(60)));
        settings.endpoint().ifPresent(builder::endpointOverride);
        return new S3BlobStore(builder.build(), settings.bucket(), settings.prefix());
    }

    @Override
    public StoredBlob put(InputStream in, long maxBytes) throws IOException {
        Path tmp = Files.createTempFile("lamina-blob", ".part");
        try {
            MessageDigest sha256 = sha256();
            long size = 0;
            try (OutputStream out = new DigestOutputStream(Files.newOutputStream(tmp), sha256)) {
                byte[] buf = new byte[64 * 1024];
                int n;
                while ((n = in.read(buf)) != -1) {
                    size += n;
                    if (size > maxBytes) {
                        throw new BlobTooLargeException(maxBytes);
                    }
                    out.write(buf, 0, n);
                }
            }
            String id = HexFormat.of().formatHex(sha256.digest());
            if (size(id).isEmpty() || !touch(id)) {
                try {
                    s3.putObject(PutObjectRequest.builder().bucket(bucket).key(key(id)).contentLength(size)
                            .contentType("application/octet-stream").build(), RequestBody.fromFile(tmp));
                } catch (S3Exception e) {
                    throw new IOException("cannot store blob " + id + " in s3://" + bucket + "/" + key(id) + ": "
                            + e.getMessage(), e);
                }
            }
            return new StoredBlob(id, size);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    @Override
    public Optional<InputStream> open(String blobId) throws IOException {
        if (!isId(blobId)) {
            return Optional.empty();
        }
        try {
            return Optional.of(s3.getObject(GetObjectRequest.builder().bucket(bucket).key(key(blobId)).build()));
        } catch (NoSuchKeyException e) {
            return Optional.empty();
        } catch (S3Exception e) {
            if (e.statusCode() == 404) {
                return Optional.empty();
            }
            throw new IOException("cannot read blob " + blobId + " from s3://" + bucket + ": " + e.getMessage(), e);
        }
    }

    @Override
    public Optional<Long> size(String blobId) throws IOException {
        if (!isId(blobId)) {
            return Optional.empty();
        }
        try {
            return Optional.of(s3.headObject(HeadObjectRequest.builder().bucket(bucket).key(key(blobId)).build())
                    .contentLength());
        } catch (NoSuchKeyException e) {
            return Optional.empty();
        } catch (S3Exception e) {
            if (e.statusCode() == 404) {
                return Optional.empty();
            }
            throw new IOException("cannot look up blob " + blobId + " in s3://" + bucket + ": " + e.getMessage(), e);
        }
    }

    /**
     * Renews an existing object's {@code Last-Modified} by copying it onto itself (S3 requires a change for that:
     * the metadata is replaced). False when that did not work, e.g. the collector deleted the object meanwhile: the
     * caller uploads the content then.
     */
    private boolean touch(String id) {
        try {
            s3.copyObject(CopyObjectRequest.builder().sourceBucket(bucket).sourceKey(key(id))
                    .destinationBucket(bucket).destinationKey(key(id))
                    .metadataDirective(MetadataDirective.REPLACE).contentType("application/octet-stream")
                    .metadata(Map.of("lamina-written", Instant.now().toString())).build());
            return true;
        } catch (S3Exception e) {
            // Gone meanwhile (404), or a store that cannot copy this object onto itself (S3 copies at most 5 GB in
            // one request): uploading the content again renews it too, and reports any real error.
            return false;
        }
    }

    /**
     * One {@code ListObjectsV2} call per 1,000 keys, starting after {@code <prefix><after>}; keys under the prefix that
     * are not blob ids (other tools' objects, another installation's deeper prefix) are skipped.
     */
    @Override
    public List<Listed> list(String after, int limit) throws IOException {
        if (limit < 1) {
            throw new IllegalArgumentException("limit must be positive");
        }
        List<Listed> page = new ArrayList<>();
        String startAfter = after == null ? null : key(after);
        try {
            while (true) {
                ListObjectsV2Response response = s3.listObjectsV2(ListObjectsV2Request.builder().bucket(bucket)
                        .prefix(prefix.isEmpty() ? null : prefix).startAfter(startAfter)
                        .maxKeys(Math.min(1000, limit - page.size())).build());
                for (S3Object object : response.contents()) {
                    String id = object.key().substring(prefix.length());
                    if (isId(id)) {
                        page.add(new Listed(id, object.size(), object.lastModified()));
                    }
                    startAfter = object.key();
                }
                if (page.size() >= limit || !Boolean.TRUE.equals(response.isTruncated())
                        || response.contents().isEmpty()) {
                    return page;
                }
            }
        } catch (S3Exception e) {
            throw new IOException("cannot list blobs in s3://" + bucket + "/" + prefix + ": " + e.getMessage(), e);
        }
    }

    /**
     * {@code HEAD}, then {@code DELETE} when the object's {@code Last-Modified} is before the cutoff. S3 has no
     * portable conditional delete, so a {@link #put} of the same content that renews the object between the two
     * requests (one round trip) would lose it; the collector only gets here for blobs nothing referenced a moment
     * earlier and that nobody wrote for the whole grace period.
     */
    @Override
    public boolean deleteIfUnmodifiedSince(String blobId, Instant cutoff) throws IOException {
        if (!isId(blobId)) {
            return false;
        }
        try {
            HeadObjectResponse head = s3.headObject(HeadObjectRequest.builder().bucket(bucket).key(key(blobId)).build());
            if (!head.lastModified().isBefore(cutoff)) {
                return false;
            }
            s3.deleteObject(DeleteObjectRequest.builder().bucket(bucket).key(key(blobId)).build());
            return true;
        } catch (NoSuchKeyException e) {
            return false;
        } catch (S3Exception e) {
            if (e.statusCode() == 404) {
                return false;
            }
            throw new IOException("cannot delete blob " + blobId + " from s3://" + bucket + ": " + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        s3.close();
    }

    private String key(String id) {
        return prefix + id;
    }

    private static boolean isId(String id) {
        return id != null && ID.matcher(id).matches();
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JRE", e);
        }
    }
}
