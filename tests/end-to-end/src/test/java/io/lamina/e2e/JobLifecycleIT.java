package io.lamina.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** One job's whole journey: gateway → Kafka → operation services → results → billing → signed webhook. */
class JobLifecycleIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static Platform platform;

    @BeforeAll
    static void startPlatform() throws Exception {
        platform = Platform.get();
    }

    static Map<String, Object> sheetStep(String id) {
        return Map.of("id", id, "operation", "sheet_generation", "params", Map.of(
                "format", "csv",
                "sheets", List.of(Map.of(
                        "name", "Invoices",
                        "columns", List.of(Map.of("name", "Invoice"), Map.of("name", "Customer"), Map.of("name", "Total")),
                        "rows", List.of(
                                List.of("INV-1", "Acme, Inc.", 120.5),
                                List.of("INV-2", "Quote \"Q\" Ltd", 99))))));
    }

    @Test
    void uploadedFileAndSheetRunToSuccessChargeCreditsAndDeliverASignedWebhook() throws Exception {
        TestTenant tenant = TestTenant.create(platform, 100);
        String fileId = tenant.api().multiPart("file", "totals.csv", "Item,Amount\nPaper,12.50\nInk,30\n"
                        .getBytes(StandardCharsets.UTF_8), "text/csv")
                .post("/v1/files").then().statusCode(201).body("size", equalTo(31)).extract().path("id");

        try (WebhookReceiver receiver = new WebhookReceiver()) {
            Response response = tenant.api().contentType(ContentType.JSON).queryParam("wait", 60)
                    .body(Map.of("webhook_url", receiver.url(), "steps", List.of(
                            Map.of("id", "table", "operation", "document_to_markdown",
                                    "params", Map.of("file", Map.of("type", "file", "file_id", fileId))),
                            sheetStep("report"))))
                    .post("/v1/jobs");
            response.then().statusCode(200).body("status", equalTo("succeeded"))
                    .body("steps[0].status", equalTo("succeeded"))
                    .body("steps[0].output.markdown", containsString("| Paper | 12.50 |"))
                    .body("steps[1].output.mime_type", equalTo("text/csv"));
            String jobId = response.path("id");

            String csvFileId = response.path("steps[1].output.file_id");
            String csv = tenant.api().get("/v1/files/" + csvFileId).then().statusCode(200).extract().asString();
            assertEquals("Invoice,Customer,Total\r\nINV-1,\"Acme, Inc.\",120.5\r\nINV-2,\"Quote \"\"Q\"\" Ltd\",99\r\n", csv);

            // 1 page of document_to_markdown at 1 credit + 1 sheet_generation at 2 credits; nothing left on hold.
            await().atMost(Duration.ofSeconds(20)).until(() -> tenant.credit("reserved") == 0);
            assertEquals(97, tenant.credit("balance"));

            String secret = tenant.api().get("/v1/webhooks/signing-secret").then().statusCode(200)
                    .extract().path("secret");
            WebhookReceiver.Delivery delivery = receiver.next(Duration.ofSeconds(30));
            assertTrue(StandardWebhooks.verify(secret, delivery.headers().get("webhook-id"),
                    delivery.headers().get("webhook-timestamp"), delivery.body(),
                    delivery.headers().get("webhook-signature")), "signature must verify: " + delivery.headers());
            assertTrue(!StandardWebhooks.verify(secret, delivery.headers().get("webhook-id"),
                    delivery.headers().get("webhook-timestamp"), delivery.body() + " ",
                    delivery.headers().get("webhook-signature")), "a changed body must not verify");
            JsonNode payload = JSON.readTree(delivery.body());
            assertEquals("job.completed", payload.path("type").asText());
            assertEquals(jobId, payload.path("data").path("job_id").asText());
            assertEquals("succeeded", payload.path("data").path("status").asText());

            assertOneTraceAcrossServices(jobId);
        }
    }

    @Test
    void aStepFailingForGoodFailsTheJobHonestlyAndCostsNothing() {
        TestTenant tenant = TestTenant.create(platform, 10);
        String notAnImage = java.util.Base64.getEncoder().encodeToString(
                "this is text, not pixels".getBytes(java.nio.charset.StandardCharsets.UTF_8));
        tenant.api().contentType(ContentType.JSON).queryParam("wait", 60)
                .body(Map.of("steps", List.of(Map.of("id", "thumb", "operation", "image_transformation",
                        "params", Map.of("file", Map.of("type", "base64", "name", "photo.png", "base64", notAnImage),
                                "operations", List.of(Map.of("type", "resize", "width_in_px", 10, "height_in_px", 10,
                                        "fit", "cover")))))))
                .post("/v1/jobs")
                .then().statusCode(200)
                .body("status", equalTo("failed"))
                .body("steps[0].status", equalTo("failed"))
                .body("steps[0].attempt", equalTo(1))
                .body("steps[0].error.retryable", equalTo(false))
                .body("steps[0].output", nullValue());
        await().atMost(Duration.ofSeconds(20)).until(() -> tenant.credit("reserved") == 0);
        assertEquals(10, tenant.credit("balance"));
    }

    @Test
    void jobBeyondTheBalanceIsDeniedWith402() {
        TestTenant tenant = TestTenant.create(platform, 1);
        tenant.api().contentType(ContentType.JSON).queryParam("wait", 60)
                .body(Map.of("steps", List.of(sheetStep("report"))))
                .post("/v1/jobs")
                .then().statusCode(402).contentType("application/problem+json")
                .body("code", equalTo("insufficient_credits"));
        assertEquals(1, tenant.credit("balance"));
        assertEquals(0, tenant.credit("reserved"));
    }

    @Test
    void asynchronousSubmitAnswers202AndTheJobCanBeFollowed() {
        TestTenant tenant = TestTenant.create(platform, 10);
        String jobId = tenant.api().contentType(ContentType.JSON)
                .body(Map.of("steps", List.of(sheetStep("report"))))
                .post("/v1/jobs")
                .then().statusCode(202).header("Location", containsString("/v1/jobs/"))
                .body("status", equalTo("queued")).extract().path("id");
        await().atMost(Duration.ofSeconds(30)).until(() -> "succeeded".equals(
                tenant.api().get("/v1/jobs/" + jobId).then().statusCode(200).extract().path("status")));
    }

    @Test
    void jobsAreListedNewestFirstWithCursorPaginationAndAStatusFilter() {
        TestTenant tenant = TestTenant.create(platform, 50);
        List<String> submitted = new java.util.ArrayList<>();
        for (int i = 0; i < 5; i++) {
            submitted.add(0, tenant.api().contentType(ContentType.JSON).queryParam("wait", 60)
                    .body(Map.of("steps", List.of(sheetStep("s" + i)))).post("/v1/jobs")
                    .then().statusCode(200).extract().path("id"));
        }
        List<String> listed = new java.util.ArrayList<>();
        String cursor = null;
        int pages = 0;
        do {
            var request = tenant.api().queryParam("limit", 2);
            if (cursor != null) {
                request = request.queryParam("cursor", cursor);
            }
            Response page = request.get("/v1/jobs");
            page.then().statusCode(200);
            listed.addAll(page.jsonPath().getList("data.id"));
            cursor = page.jsonPath().getString("next_cursor");
            pages++;
        } while (cursor != null && pages < 10);
        assertEquals(submitted, listed, "all jobs once, newest first");
        assertEquals(3, pages);
        tenant.api().queryParam("status", "succeeded").get("/v1/jobs")
                .then().statusCode(200).body("data.size()", equalTo(5));
        tenant.api().queryParam("status", "running").get("/v1/jobs")
                .then().statusCode(200).body("data.size()", equalTo(0));
        tenant.api().queryParam("status", "nonsense").get("/v1/jobs")
                .then().statusCode(400).body("code", equalTo("invalid_status"));
        TestTenant.create(platform, 0).api().get("/v1/jobs").then().statusCode(200).body("data.size()", equalTo(0));
    }

    @Test
    void paramsLargerThanTheInlineLimitTravelThroughTheBlobStore() {
        TestTenant tenant = TestTenant.create(platform, 10);
        List<List<Object>> rows = new java.util.ArrayList<>();
        for (int i = 0; i < 10_000; i++) {
            rows.add(List.of("INV-" + i, "Customer number " + i + " of a long list", i * 1.5));
        }
        Map<String, Object> step = Map.of("id", "big", "operation", "sheet_generation", "params", Map.of(
                "format", "csv", "sheets", List.of(Map.of("columns",
                        List.of(Map.of("name", "Invoice"), Map.of("name", "Customer"), Map.of("name", "Total")),
                        "rows", rows))));
        String fileId = tenant.api().contentType(ContentType.JSON).queryParam("wait", 60)
                .body(Map.of("steps", List.of(step)))
                .post("/v1/jobs")
                .then().statusCode(200).body("status", equalTo("succeeded"))
                .extract().path("steps[0].output.file_id");
        String csv = tenant.api().get("/v1/files/" + fileId).then().statusCode(200).extract().asString();
        String[] lines = csv.split("\r\n");
        assertEquals(10_001, lines.length);
        assertEquals("INV-9999,Customer number 9999 of a long list,14998.5", lines[10_000]);
    }

    /** Every service logs the job's trace id: the trace crossed gateway → billing → gateway → sheet-service. */
    private static void assertOneTraceAcrossServices(String jobId) throws Exception {
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            Optional<String> gatewayTrace = traceOf(platform.logOf("gateway-service"), jobId);
            Optional<String> sheetTrace = traceOf(platform.logOf("sheet-service"), jobId);
            assertTrue(gatewayTrace.isPresent() && sheetTrace.isPresent(), "both services log the job with a trace");
            assertEquals(gatewayTrace.get(), sheetTrace.get(), "one trace per job");
        });
    }

    private static Optional<String> traceOf(Path log, String jobId) throws Exception {
        for (String line : Files.readAllLines(log)) {
            if (line.startsWith("{") && line.contains(jobId)) {
                JsonNode mdc = JSON.readTree(line).path("mdc");
                if (jobId.equals(mdc.path("jobId").asText()) && mdc.hasNonNull("traceId")) {
                    return Optional.of(mdc.get("traceId").asText());
                }
            }
        }
        return Optional.empty();
    }
}
