package io.lamina.e2e;

import io.restassured.http.ContentType;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** An operation service dies with SIGKILL in the middle of a step; the job still completes exactly once. */
class CrashRecoveryIT {

    private static Platform platform;

    @BeforeAll
    static void startPlatform() throws Exception {
        platform = Platform.get();
    }

    @Test
    void killedOperationServiceResumesTheStepAndTheJobCompletesExactlyOnce() throws Exception {
        TestTenant tenant = TestTenant.create(platform, 50);
        // Restart sheet-service so that each attempt holds the step for a few seconds: time to kill it mid-step.
        platform.kill9("sheet-service");
        platform.start("sheet-service", Map.of("LAMINA_WORKER_INJECTED_DELAY", "PT5S"));
        platform.awaitReady("sheet-service", Duration.ofSeconds(120));

        try (WebhookReceiver receiver = new WebhookReceiver()) {
            String jobId = tenant.api().contentType(ContentType.JSON)
                    .body(Map.of("webhook_url", receiver.url(), "steps", List.of(JobLifecycleIT.sheetStep("report"))))
                    .post("/v1/jobs").then().statusCode(202).extract().path("id");

            await().atMost(Duration.ofSeconds(60)).until(() ->
                    Files.readString(platform.logOf("sheet-service")).contains("step started: job=" + jobId));
            platform.kill9("sheet-service");
            tenant.api().get("/v1/jobs/" + jobId).then().statusCode(200).body("status", equalTo("running"));

            platform.start("sheet-service", Map.of());
            platform.awaitReady("sheet-service", Duration.ofSeconds(120));

            await().atMost(Duration.ofSeconds(90)).until(() -> "succeeded".equals(
                    tenant.api().get("/v1/jobs/" + jobId).then().extract().path("status")));
            tenant.api().get("/v1/jobs/" + jobId).then()
                    .body("steps[0].attempt", equalTo(1))
                    .body("steps[0].output.mime_type", equalTo("text/csv"));

            // Exactly once: one capture of 2 credits, one webhook message, one delivery.
            await().atMost(Duration.ofSeconds(20)).until(() -> tenant.credit("reserved") == 0);
            assertEquals(48, tenant.credit("balance"));
            List<Map<String, Object>> captures = tenant.api().get("/v1/credits/ledger?limit=100").then()
                    .statusCode(200).extract().jsonPath()
                    .getList("entries.findAll { it.type == 'capture' && it.job_id == '" + jobId + "' }");
            assertEquals(1, captures.size(), "one capture for the job: " + captures);
            receiver.next(Duration.ofSeconds(30));
            List<Object> messages = tenant.api().queryParam("job_id", jobId).get("/v1/webhooks/messages")
                    .then().statusCode(200).extract().jsonPath().getList("messages");
            assertEquals(1, messages.size(), "one webhook message for the job");
            Thread.sleep(2000);
            assertEquals(0, receiver.pending(), "no second delivery");
        }
    }
}
