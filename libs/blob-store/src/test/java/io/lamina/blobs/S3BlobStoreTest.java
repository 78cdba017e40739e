package io.lamina.blobs;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Request;
import software.amazon.awssdk.services.s3.model.S3Object;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The S3 backend against S3Proxy (a real S3 server: AWS signature v4 checked, jclouds filesystem storage), started by
 * this test as its own JVM on a free loopback port, with a fresh data folder.
 */
class S3BlobStoreTest {

    private static final String IDENTITY = "lamina-test";
    private static final String CREDENTIAL = "lamina-test-secret";

    @TempDir
    static Path work;

    static Process s3proxy;
    static URI endpoint;
    static S3Client admin;

    @BeforeAll
    static void startS3Proxy() throws Exception {
        Path jar = Path.of(System.getProperty("lamina.s3proxy.jar", "target/s3proxy/s3proxy.jar"));
        assertTrue(Files.isRegularFile(jar), "S3Proxy jar missing at " + jar + " (maven-dependency-plugin copies it)");
        int port;
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            port = socket.getLocalPort();
        }
        endpoint = URI.create("http://127.0.0.1:" + port);
        Path data = Files.createDirectories(work.resolve("data"));
        Path props = work.resolve("s3proxy.conf");
        Files.writeString(props, String.join("\n",
                "s3proxy.endpoint=" + endpoint,
                "s3proxy.authorization=aws-v2-or-v4",
                "s3proxy.identity=" + IDENTITY,
                "s3proxy.credential=" + CREDENTIAL,
                "jclouds.provider=filesystem",
                "jclouds.filesystem.basedir=" + data,
                ""));
        Path log = work.resolve("s3proxy.log");
        ProcessBuilder command = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx128m", "-XX:TieredStopAtLevel=1", "-jar", jar.toString(), "--properties", props.toString())
                .redirectErrorStream(true).redirectOutput(log.toFile());
        command.environment().put("LOG_LEVEL", "warn");
        s3proxy = command.start();
        // S3Proxy starts in 3–12 s here depending on load.
        long deadline = System.nanoTime() + 120_000_000_000L;
        while (!accepts(port)) {
            if (!s3proxy.isAlive() || System.nanoTime() > deadline) {
                throw new IllegalStateException("S3Proxy did not start: " + Files.readString(log));
            }
            Thread.sleep(100);
        }
        admin = S3Client.builder().endpointOverride(endpoint).region(Region.US_EAST_1).forcePathStyle(true)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(IDENTITY, CREDENTIAL)))
                // S3Proxy rejects the SDK's default CRC32 trailers (as S3BlobStore.create notes)
                .requestChecksumCalculation(software.amazon.awssdk.core.checksums.RequestChecksumCalculation.WHEN_REQUIRED)
                .httpClientBuilder(UrlConnectionHttpClient.builder()).build();
        admin.createBucket(b -> b.bucket("blobs"));
    }

    @AfterAll
    static void stopS3Proxy() throws InterruptedException {
        if (admin != null) {
            admin.close();
        }
        if (s3proxy != null) {
            s3proxy.destroy();
            s3proxy.waitFor();
        }
    }

    private static S3BlobStore store(String prefix) {
        return S3BlobStore.create(new S3BlobStore.Settings("blobs", Optional.of(endpoint), "us-east-1", true, prefix,
                Optional.of(IDENTITY), Optional.of(CREDENTIAL)));
    }

    private static List<String> keys(String prefix) {
        return admin.listObjectsV2Paginator(ListObjectsV2Request.builder().bucket("blobs").prefix(prefix).build())
                .contents().stream().map(S3Object::key).toList();
    }

    @Test
    void storesBytesUnderTheirSha256AndReadsThemBack() throws Exception {
        try (S3BlobStore store = store("read-back/")) {
            byte[] bytes = "hello".getBytes(StandardCharsets.UTF_8);

            BlobStore.StoredBlob blob = store.put(bytes);

            assertEquals("2cf24dba5fb0a30e26e83b2ac5b9e29e1b161e5c1fa7425e73043362938b9824", blob.id());
            assertEquals(5, blob.size());
            try (InputStream in = store.open(blob.id()).orElseThrow()) {
                assertArrayEquals(bytes, in.readAllBytes());
            }
            assertEquals(5L, store.size(blob.id()).orElseThrow());
            assertEquals(List.of("read-back/" + blob.id()), keys("read-back/"));
        }
    }

    @Test
    void roundTripsALargeBinaryBlobByteForByte() throws Exception {
        byte[] bytes = new byte[3 * 1024 * 1024 + 17];
        new Random(42).nextBytes(bytes);
        try (S3BlobStore store = store("large/")) {
            BlobStore.StoredBlob blob = store.put(new ByteArrayInputStream(bytes), bytes.length);

            assertEquals(HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes)), blob.id());
            try (InputStream in = store.open(blob.id()).orElseThrow()) {
                assertArrayEquals(bytes, in.readAllBytes());
            }
        }
    }

    @Test
    void storingTheSameContentTwiceKeepsOneObjectEvenConcurrently() throws Exception {
        try (S3BlobStore store = store("dedup/")) {
            ExecutorService pool = Executors.newFixedThreadPool(4);
            try {
                List<Callable<String>> puts = new ArrayList<>();
                for (int i = 0; i < 8; i++) {
                    puts.add(() -> store.put("same".getBytes(StandardCharsets.UTF_8)).id());
                }
                List<String> ids = new ArrayList<>();
                for (Future<String> f : pool.invokeAll(puts)) {
                    ids.add(f.get());
                }
                assertEquals(1, ids.stream().distinct().count());
                assertEquals(List.of("dedup/" + ids.get(0)), keys("dedup/"));
            } finally {
                pool.shutdownNow();
            }
        }
    }

    @Test
    void rejectsContentOverTheLimitAndStoresNothing() throws Exception {
        try (S3BlobStore store = store("limit/")) {
            assertThrows(BlobTooLargeException.class,
                    () -> store.put(new ByteArrayInputStream(new byte[1001]), 1000));
            assertEquals(List.of(), keys("limit/"));
            assertEquals(1000, store.put(new ByteArrayInputStream(new byte[1000]), 1000).size());
        }
    }

    @Test
    void unknownAndMalformedIdsAreAbsent() throws Exception {
        try (S3BlobStore store = store("absent/")) {
            String unknown = "0".repeat(64);
            assertTrue(store.open(unknown).isEmpty());
            assertTrue(store.size(unknown).isEmpty());
            assertTrue(store.open("../etc/passwd").isEmpty());
            assertTrue(store.size(null).isEmpty());
        }
    }

    @Test
    void prefixesKeepInstallationsApart() throws Exception {
        try (S3BlobStore a = store("tenant-a/"); S3BlobStore b = store("tenant-b/")) {
            String id = a.put("only in a".getBytes(StandardCharsets.UTF_8)).id();

            assertTrue(a.size(id).isPresent());
            assertTrue(b.size(id).isEmpty());
        }
    }

    @Test
    void listsBlobsUnderItsPrefixInIdOrderPageByPageSkippingForeignKeys() throws Exception {
        try (S3BlobStore store = store("list/"); S3BlobStore other = store("list-other/")) {
            List<String> stored = new ArrayList<>();
            for (int i = 0; i < 12; i++) {
                stored.add(store.put(("listed " + i).getBytes(StandardCharsets.UTF_8)).id());
            }
            other.put("another installation".getBytes(StandardCharsets.UTF_8));
            admin.putObject(b -> b.bucket("blobs").key("list/README.txt"),
                    software.amazon.awssdk.core.sync.RequestBody.fromString("not a blob"));
            admin.putObject(b -> b.bucket("blobs").key("list/" + "a".repeat(64) + ".tmp"),
                    software.amazon.awssdk.core.sync.RequestBody.fromString("not a blob either"));

            List<String> listed = new ArrayList<>();
            String after = null;
            int pages = 0;
            while (true) {
                List<BlobStore.Listed> page = store.list(after, 5);
                if (page.isEmpty()) {
                    break;
                }
                pages++;
                assertTrue(page.size() <= 5);
                for (BlobStore.Listed blob : page) {
                    listed.add(blob.id());
                    assertEquals(store.size(blob.id()).orElseThrow(), blob.size());
                    assertTrue(Duration.between(blob.lastModified(), Instant.now()).abs().toMinutes() < 5);
                }
                after = page.get(page.size() - 1).id();
            }
            assertEquals(stored.stream().sorted().toList(), listed);
            assertEquals(3, pages);
        }
    }

    @Test
    void deletesOnlyBlobsNotWrittenSinceTheCutoffAndStoringAgainRenewsABlob() throws Exception {
        try (S3BlobStore store = store("gc/")) {
            String id = store.put("collect me".getBytes(StandardCharsets.UTF_8)).id();
            Instant first = store.list(null, 10).get(0).lastModified();

            // S3 keeps Last-Modified in whole seconds
            Thread.sleep(1_100);
            assertEquals(id, store.put("collect me".getBytes(StandardCharsets.UTF_8)).id());
            Instant renewed = store.list(null, 10).get(0).lastModified();
            assertTrue(renewed.isAfter(first), first + " then " + renewed);
            assertFalse(store.deleteIfUnmodifiedSince(id, renewed), "written at the cutoff: kept");
            try (InputStream in = store.open(id).orElseThrow()) {
                assertArrayEquals("collect me".getBytes(StandardCharsets.UTF_8), in.readAllBytes());
            }

            assertTrue(store.deleteIfUnmodifiedSince(id, Instant.now().plusSeconds(60)));
            assertTrue(store.open(id).isEmpty());
            assertEquals(List.of(), keys("gc/"));
            assertFalse(store.deleteIfUnmodifiedSince(id, Instant.now().plusSeconds(60)), "already gone");
            assertFalse(store.deleteIfUnmodifiedSince("../x", Instant.now().plusSeconds(60)));

            // after the collector deleted it, the same content is stored in full again
            store.put("collect me".getBytes(StandardCharsets.UTF_8));
            try (InputStream in = store.open(id).orElseThrow()) {
                assertArrayEquals("collect me".getBytes(StandardCharsets.UTF_8), in.readAllBytes());
            }
        }
    }

    @Test
    void wrongCredentialsFailWithAnIoErrorNamingTheBucket() {
        try (S3BlobStore store = S3BlobStore.create(new S3BlobStore.Settings("blobs", Optional.of(endpoint),
                "us-east-1", true, "", Optional.of(IDENTITY), Optional.of("not-the-secret")))) {
            IOException e = assertThrows(IOException.class, () -> store.size("1".repeat(64)));
            assertTrue(e.getMessage().contains("s3://blobs"), e.getMessage());
        }
    }

    @Test
    void settingsRequireABucketAndBothKeysOrNone() {
        assertThrows(IllegalArgumentException.class, () -> new S3BlobStore.Settings(" ", Optional.empty(),
                "us-east-1", false, "", Optional.empty(), Optional.empty()));
        assertThrows(IllegalArgumentException.class, () -> new S3BlobStore.Settings("b", Optional.empty(),
                "us-east-1", false, "", Optional.of("id"), Optional.empty()));
    }

    private static boolean accepts(int port) {
        try (Socket s = new Socket("127.0.0.1", port)) {
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
