package io.lamina.e2e;

import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** Who may see what, and how bad input is refused before it reaches Kafka. */
class AccessAndValidationIT {

    private static Platform platform;

    @BeforeAll
    static void startPlatform() throws Exception {
        platform = Platform.get();
    }

    @Test
    void requestsWithoutAValidKeyAre401ProblemJson() {
        RestAssured.given().baseUri(platform.gatewayUrl()).get("/v1/jobs/00000000-0000-0000-0000-000000000000")
                .then().statusCode(401).contentType("application/problem+json").body("code", equalTo("unauthorized"));
        RestAssured.given().baseUri(platform.gatewayUrl()).auth().oauth2("lam_not-a-key")
                .contentType(ContentType.JSON).body("{}").post("/v1/jobs")
                .then().statusCode(401).body("code", equalTo("unauthorized"));
        RestAssured.given().baseUri(platform.gatewayUrl()).auth().oauth2("wrong-admin-key")
                .contentType(ContentType.JSON).body(Map.of("name", "x")).post("/admin/tenants")
                .then().statusCode(401).body("code", equalTo("unauthorized"));
    }

    @Test
    void anotherTenantsJobAndFileDoNotExist() {
        TestTenant owner = TestTenant.create(platform, 10);
        TestTenant other = TestTenant.create(platform, 10);
        String fileId = owner.api().multiPart("file", "a.txt", "secret".getBytes(), "text/plain")
                .post("/v1/files").then().statusCode(201).extract().path("id");
        String jobId = owner.api().contentType(ContentType.JSON)
                .body(Map.of("steps", List.of(JobLifecycleIT.sheetStep("s"))))
                .post("/v1/jobs").then().statusCode(202).extract().path("id");

        other.api().get("/v1/jobs/" + jobId).then().statusCode(404).body("code", equalTo("not_found"));
        other.api().get("/v1/files/" + fileId).then().statusCode(404).body("code", equalTo("not_found"));
        other.api().contentType(ContentType.JSON).body(Map.of("steps", List.of(Map.of("id", "md",
                        "operation", "document_to_markdown",
                        "params", Map.of("file", Map.of("type", "file", "file_id", fileId))))))
                .post("/v1/jobs").then().statusCode(422).body("code", equalTo("file_not_found"));
        owner.api().get("/v1/jobs/" + jobId).then().statusCode(200);
        owner.api().get("/v1/files/" + fileId).then().statusCode(200).body(equalTo("secret"));
    }

    @Test
    void badInputIsRefusedWithStableCodesAndNothingIsPublished() throws Exception {
        TestTenant tenant = TestTenant.create(platform, 10);
        Map<String, Long> before = quietOffsets();

        tenant.api().contentType(ContentType.JSON).body("{\"steps\": [").post("/v1/jobs")
                .then().statusCode(400).contentType("application/problem+json")
                .body("code", equalTo("malformed_json")).body("type", startsWith("urn:lamina:problem:"))
                .body("status", equalTo(400));
        tenant.api().contentType(ContentType.JSON)
                .body(Map.of("steps", List.of(Map.of("id", "a", "operation", "make_coffee", "params", Map.of()))))
                .post("/v1/jobs")
                .then().statusCode(422).contentType("application/problem+json").body("code", equalTo("unknown_operation"));
        tenant.api().contentType(ContentType.JSON)
                .body(Map.of("steps", List.of(Map.of("id", "a", "operation", "document_to_markdown", "params",
                        Map.of("file", Map.of("type", "file", "file_id", "3f0c7f39-2c1e-4f7e-9d59-4b0c6f1e2a11"))))))
                .post("/v1/jobs")
                .then().statusCode(422).contentType("application/problem+json").body("code", equalTo("file_not_found"));
        tenant.api().contentType(ContentType.JSON).body(Map.of("steps", List.of()))
                .post("/v1/jobs").then().statusCode(422).body("code", equalTo("invalid_request"));
        tenant.api().contentType(ContentType.JSON)
                .body(Map.of("steps", List.of(JobLifecycleIT.sheetStep("a"), JobLifecycleIT.sheetStep("a"))))
                .post("/v1/jobs").then().statusCode(422).body("code", equalTo("invalid_request"));
        tenant.api().contentType(ContentType.JSON)
                .body(Map.of("webhook_url", "ftp://example.com/x", "steps", List.of(JobLifecycleIT.sheetStep("a"))))
                .post("/v1/jobs").then().statusCode(422).body("code", equalTo("invalid_webhook_url"));
        tenant.api().contentType(ContentType.JSON)
                .body(Map.of("steps", List.of(Map.of("id", "a", "operation", "document_to_markdown", "params",
                        Map.of("file", Map.of("type", "blob", "blob_id", "0".repeat(64)))))))
                .post("/v1/jobs").then().statusCode(422).body("code", equalTo("invalid_file_input"));
        tenant.api().contentType("multipart/form-data").multiPart("other", "x").post("/v1/files")
                .then().statusCode(400).contentType("application/problem+json").body("code", equalTo("missing_file"));
        byte[] oversize = new byte[1024 * 1024 + 1];
        tenant.api().multiPart("file", "big.bin", oversize, "application/octet-stream").post("/v1/files")
                .then().statusCode(413).contentType("application/problem+json").body("code", equalTo("file_too_large"));

        assertEquals(before, KafkaTopics.endOffsets(platform.kafkaBootstrap()),
                "refused requests must not publish anything");
    }

    /** Waits until no Lamina topic grows for a second, so earlier tests' trailing events do not count. */
    private static Map<String, Long> quietOffsets() {
        Map<String, Long>[] last = new Map[]{Map.of()};
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofSeconds(1)).until(() -> {
            Map<String, Long> now = KafkaTopics.endOffsets(platform.kafkaBootstrap());
            boolean stable = now.equals(last[0]);
            last[0] = now;
            return stable;
        });
        return last[0];
    }
}
