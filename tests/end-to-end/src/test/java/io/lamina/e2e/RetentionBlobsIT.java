package io.lamina.e2e;

import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Retention deletes the bytes too: after a job and files expire, the blobs only they referenced (an upload, a base64
 * input, params stored as a blob, a step's output file) are gone from the blob store, while blobs a live file or job
 * still references stay, and so do unreferenced blobs written within the grace period.
 */
class RetentionBlobsIT {

    private static Platform platform;
    private static Path blobs;

    @BeforeAll
    static void startPlatform() throws Exception {
        platform = Platform.get();
        // The folder Platform hands every service as LAMINA_BLOBS_DIR.
        blobs = Path.of(System.getProperty("lamina.root", "../..")).toAbsolutePath().normalize()
                .resolve("tests/end-to-end/target/e2e/blobs");
    }

    @Test
    void expiredJobsAndFilesTakeTheirUnsharedBytesWithThem() throws Exception {
        TestTenant tenant = TestTenant.create(platform, 50);
        String run = UUID.randomUUID().toString();
        byte[] shared = ("bytes of an expired and of a live upload " + run).getBytes(StandardCharsets.UTF_8);
        byte[] onlyExpired = ("bytes of an expired upload only " + run).getBytes(StandardCharsets.UTF_8);
        byte[] justWritten = ("bytes of an expired upload written just now " + run).getBytes(StandardCharsets.UTF_8);

        String expiredSharedFile = upload(tenant, "shared.txt", shared);
        String liveSharedFile = upload(tenant, "shared-too.txt", shared);
        String expiredFile = upload(tenant, "old.txt", onlyExpired);
        String justWrittenFile = upload(tenant, "young.txt", justWritten);

        Job expired = runJob(tenant, "expired " + run);
        Job live = runJob(tenant, "live " + run);

        try (Connection c = DriverManager.getConnection(platform.gatewayJdbcUrl(), "postgres", "")) {
            // Travel in time: the expired job and uploads (and the expired job's output files) are 40 days old.
            update(c, "update jobs set finished_at = now() - interval '40 days' where id = ?", expired.id);
            for (String file : List.of(expiredSharedFile, expiredFile, justWrittenFile)) {
                update(c, "update files set created_at = now() - interval '40 days' where id = ?", file);
            }
            update(c, "update files set created_at = now() - interval '40 days' where job_id = ?", expired.id);
        }
        // Every blob of the test except one was written three days ago: references, not age, must keep them.
        List<String> aged = new ArrayList<>(List.of(sha256(shared), sha256(onlyExpired)));
        aged.addAll(expired.blobs());
        aged.addAll(live.blobs());
        for (String id : aged) {
            assertTrue(Files.exists(blob(id)), "blob " + id + " is stored");
            Files.setLastModifiedTime(blob(id), FileTime.from(Instant.now().minus(Duration.ofDays(3))));
        }
        assertTrue(Files.exists(blob(sha256(justWritten))));

        RestAssured.given().baseUri(platform.gatewayUrl()).auth().oauth2(Platform.ADMIN_KEY)
                .post("/admin/retention/run")
                .then().statusCode(200).body("jobs", greaterThanOrEqualTo(1)).body("files", greaterThanOrEqualTo(4))
                .body("blobs", greaterThanOrEqualTo(4)).body("blob_bytes", greaterThanOrEqualTo(300_000));

        // gone: what only expired rows referenced
        assertFalse(Files.exists(blob(sha256(onlyExpired))), "bytes of the expired upload");
        assertFalse(Files.exists(blob(expired.inputBlob)), "base64 input of the expired job");
        assertFalse(Files.exists(blob(expired.paramsBlob)), "params blob of the expired job");
        assertFalse(Files.exists(blob(expired.outputBlob)), "output file of the expired job");
        tenant.api().get("/v1/jobs/" + expired.id).then().statusCode(404);
        tenant.api().get("/v1/files/" + expiredFile).then().statusCode(404);

        // kept: shared with a live upload, referenced by the live job, or written within the grace period
        assertTrue(Files.exists(blob(sha256(shared))), "bytes a live upload shares");
        assertTrue(Files.exists(blob(live.inputBlob)), "base64 input of the live job");
        assertTrue(Files.exists(blob(live.paramsBlob)), "params blob of the live job");
        assertTrue(Files.exists(blob(live.outputBlob)), "output file of the live job");
        assertTrue(Files.exists(blob(sha256(justWritten))), "an unreferenced blob younger than the grace period");
        assertArrayEquals(shared, tenant.api().get("/v1/files/" + liveSharedFile).then().statusCode(200)
                .extract().asByteArray());
        tenant.api().get("/v1/jobs/" + live.id).then().statusCode(200).body("status", equalTo("succeeded"));
        byte[] output = tenant.api().get("/v1/files/" + live.outputFile).then().statusCode(200)
                .extract().asByteArray();
        assertEquals(live.outputBlob, sha256(output));
    }

    /** A job's ids and the blobs only it references. */
    private record Job(String id, String inputBlob, String paramsBlob, String outputFile, String outputBlob) {
        List<String> blobs() {
            return List.of(inputBlob, paramsBlob, outputBlob);
        }
    }

    /**
     * A job whose first step reads a base64 file (stored as a blob that only the step's params reference) and whose
     * second step's params are larger than the gateway's inline limit (256 KiB), so they are kept as a blob too; its
     * CSV output is a file of the job.
     */
    private static Job runJob(TestTenant tenant, String tag) throws Exception {
        byte[] input = ("Item,Amount\n" + tag + ",1\n").getBytes(StandardCharsets.UTF_8);
        List<List<Object>> rows = new ArrayList<>();
        String filler = "x".repeat(150);
        for (int i = 0; i < 2000; i++) {
            rows.add(List.of(tag + " " + i, filler, i));
        }
        Map<String, Object> markdown = Map.of("id", "read", "operation", "document_to_markdown", "params",
                Map.of("file", Map.of("type", "base64", "name", "input.csv",
                        "base64", Base64.getEncoder().encodeToString(input))));
        Map<String, Object> sheet = Map.of("id", "sheet", "operation", "sheet_generation", "params", Map.of(
                "format", "csv",
                "sheets", List.of(Map.of("name", "Rows",
                        "columns", List.of(Map.of("name", "Tag"), Map.of("name", "Filler"), Map.of("name", "N")),
                        "rows", rows))));
        String id = tenant.api().contentType(ContentType.JSON).queryParam("wait", 120)
                .body(Map.of("steps", List.of(markdown, sheet))).post("/v1/jobs")
                .then().statusCode(200).body("status", equalTo("succeeded")).extract().path("id");
        try (Connection c = DriverManager.getConnection(platform.gatewayJdbcUrl(), "postgres", "")) {
            String paramsBlob = single(c, "select params_blob_id from steps where job_id = ? and step_id = 'sheet'", id);
            String outputFile = single(c, "select id::text from files where job_id = ?", id);
            String outputBlob = single(c, "select blob_id from files where job_id = ?", id);
            assertNotNull(paramsBlob, "the sheet step's params are stored as a blob");
            return new Job(id, sha256(input), paramsBlob, outputFile, outputBlob);
        }
    }

    private static String upload(TestTenant tenant, String name, byte[] bytes) {
        return tenant.api().multiPart("file", name, bytes, "text/plain").post("/v1/files")
                .then().statusCode(201).extract().path("id");
    }

    private static void update(Connection c, String sql, String id) throws Exception {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setObject(1, UUID.fromString(id));
            assertTrue(ps.executeUpdate() >= 1, sql);
        }
    }

    /** The one value the query yields (null when it is SQL null); fails on no row or several. */
    private static String single(Connection c, String sql, String id) throws Exception {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setObject(1, UUID.fromString(id));
            try (ResultSet rs = ps.executeQuery()) {
                assertTrue(rs.next(), "a row for " + sql);
                String value = rs.getString(1);
                assertFalse(rs.next(), "one row for " + sql);
                return value;
            }
        }
    }

    private static Path blob(String id) {
        return blobs.resolve(id.substring(0, 2)).resolve(id.substring(2, 4)).resolve(id);
    }

    private static String sha256(byte[] bytes) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    }
}
