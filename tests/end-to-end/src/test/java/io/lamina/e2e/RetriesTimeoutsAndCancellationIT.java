package io.lamina.e2e;

import io.restassured.http.ContentType;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * How the gateway absorbs failing and silent attempts, and stops a job on request. sheet-service is restarted with
 * fault injection (lamina.worker.injected-*) for these tests and restored afterwards.
 */
class RetriesTimeoutsAndCancellationIT {

    private static Platform platform;

    @BeforeAll
    static void startPlatform() throws Exception {
        platform = Platform.get();
    }

    @AfterAll
    static void restoreSheetService() throws Exception {
        restartSheetService(Map.of());
    }

    private static void restartSheetService(Map<String, String> env) throws Exception {
        platform.kill9("sheet-service");
        platform.start("sheet-service", env);
        platform.awaitReady("sheet-service", Duration.ofSeconds(120));
    }

    private static Map<String, Object> step(String id, Map<String, Object> extra) {
        Map<String, Object> step = new HashMap<>(JobLifecycleIT.sheetStep(id));
        step.putAll(extra);
        return step;
    }

    @Test
    void transientFailuresAreRetriedAndAPermanentOneEndsTheJobAtOnce() throws Exception {
        restartSheetService(Map.of("LAMINA_WORKER_INJECTED_FAILURES", "2"));
        TestTenant tenant = TestTenant.create(platform, 20);

        tenant.api().contentType(ContentType.JSON).queryParam("wait", 60)
                .body(Map.of("steps", List.of(step("report", Map.of("retry", Map.of("max_attempts", 3))))))
                .post("/v1/jobs")
                .then().statusCode(200).body("status", equalTo("succeeded"))
                .body("steps[0].attempt", equalTo(3))
                .body("steps[0].output.mime_type", equalTo("text/csv"));

        // A formula that refers to itself passes the gateway's validation and fails only when it is evaluated.
        Map<String, Object> badSheet = Map.of("id", "bad", "operation", "sheet_generation", "params", Map.of(
                "format", "csv", "sheets", List.of(Map.of("columns", List.of(Map.of("name", "only")),
                        "rows", List.of(List.of("=SUM(A2)"))))));
        tenant.api().contentType(ContentType.JSON).queryParam("wait", 60)
                .body(Map.of("steps", List.of(badSheet)))
                .post("/v1/jobs")
                .then().statusCode(200).body("status", equalTo("failed"))
                // attempts 1 and 2 are the injected transient faults; the real, permanent error ends it at attempt 3
                .body("steps[0].attempt", equalTo(3))
                .body("steps[0].error.code", equalTo("invalid_params"))
                .body("steps[0].error.retryable", equalTo(false));

        await().atMost(Duration.ofSeconds(20)).until(() -> tenant.credit("reserved") == 0);
        assertEquals(18, tenant.credit("balance"), "only the succeeded step is charged");
    }

    @Test
    void silentAttemptsTimeOutAndTheirLateResultsAreIgnored() throws Exception {
        restartSheetService(Map.of("LAMINA_WORKER_INJECTED_DELAY", "PT3S"));
        TestTenant tenant = TestTenant.create(platform, 20);

        String jobId = tenant.api().contentType(ContentType.JSON).queryParam("wait", 60)
                .body(Map.of("steps", List.of(step("slow", Map.of("timeout_seconds", 1,
                        "retry", Map.of("max_attempts", 2))))))
                .post("/v1/jobs")
                .then().statusCode(200).body("status", equalTo("failed"))
                .body("steps[0].attempt", equalTo(2))
                .body("steps[0].error.code", equalTo("attempt_timeout"))
                .extract().path("id");

        // Both attempts finish in sheet-service after their deadlines; the gateway ignores those results.
        await().atMost(Duration.ofSeconds(30)).until(() -> Files.readString(platform.logOf("gateway-service"))
                .split("late or superseded result ignored: job=" + jobId, -1).length - 1 == 2);
        tenant.api().get("/v1/jobs/" + jobId).then().body("status", equalTo("failed"))
                .body("steps[0].status", equalTo("failed"));
        await().atMost(Duration.ofSeconds(20)).until(() -> tenant.credit("reserved") == 0);
        assertEquals(20, tenant.credit("balance"), "a timed-out step costs nothing");
    }

    @Test
    void jobPastItsScheduleToCloseDeadlineFailsWithJobTimeout() throws Exception {
        restartSheetService(Map.of("LAMINA_WORKER_INJECTED_DELAY", "PT3S"));
        TestTenant tenant = TestTenant.create(platform, 20);

        tenant.api().contentType(ContentType.JSON).queryParam("wait", 60)
                .body(Map.of("timeout_seconds", 1, "steps", List.of(step("slow", Map.of()))))
                .post("/v1/jobs")
                .then().statusCode(200).body("status", equalTo("failed"))
                .body("error.code", equalTo("job_timeout"))
                .body("steps[0].status", equalTo("cancelled"));
        await().atMost(Duration.ofSeconds(20)).until(() -> tenant.credit("reserved") == 0);
        assertEquals(20, tenant.credit("balance"), "a timed-out job costs nothing");
    }

    @Test
    void jobEventsStreamEachChangeAndEndWithTheFinishedJob() throws Exception {
        restartSheetService(Map.of("LAMINA_WORKER_INJECTED_DELAY", "PT3S"));
        TestTenant tenant = TestTenant.create(platform, 20);
        String jobId = tenant.api().contentType(ContentType.JSON)
                .body(Map.of("steps", List.of(step("slow", Map.of()))))
                .post("/v1/jobs").then().statusCode(202).extract().path("id");

        // The request returns when the server ends the stream, after the event of the finished job.
        String stream = tenant.api().accept("text/event-stream").get("/v1/jobs/" + jobId + "/events")
                .then().statusCode(200).contentType(containsString("text/event-stream")).extract().asString();
        List<String> statuses = new java.util.ArrayList<>();
        for (String line : stream.split("\n")) {
            if (line.startsWith("data:")) {
                statuses.add(new com.fasterxml.jackson.databind.ObjectMapper().readTree(line.substring(5))
                        .path("status").asText());
            }
        }
        assertTrue(statuses.contains("running"), "the running job was streamed: " + statuses);
        assertEquals("succeeded", statuses.get(statuses.size() - 1), "the stream ends with the finished job");
        tenant.api().get("/v1/jobs/" + UUID.randomUUID() + "/events").then().statusCode(404);
    }

    @Test
    void cancellingMidStepStopsTheJobAndChargesNothing() throws Exception {
        restartSheetService(Map.of("LAMINA_WORKER_INJECTED_DELAY", "PT3S"));
        TestTenant tenant = TestTenant.create(platform, 20);

        String jobId = tenant.api().contentType(ContentType.JSON)
                .body(Map.of("steps", List.of(step("a", Map.of()), step("b", Map.of()))))
                .post("/v1/jobs").then().statusCode(202).extract().path("id");
        await().atMost(Duration.ofSeconds(30)).until(() -> Files.readString(platform.logOf("sheet-service"))
                .contains("step started: job=" + jobId));

        tenant.api().post("/v1/jobs/" + jobId + "/cancel").then().statusCode(200)
                .body("status", equalTo("cancelled"))
                .body("steps[0].status", equalTo("cancelled"))
                .body("steps[1].status", equalTo("cancelled"));
        tenant.api().post("/v1/jobs/" + jobId + "/cancel").then().statusCode(409)
                .contentType("application/problem+json").body("code", equalTo("job_finished"));

        // The attempts already in sheet-service finish after the cancel; their results change nothing.
        await().atMost(Duration.ofSeconds(30)).until(() -> Files.readString(platform.logOf("gateway-service"))
                .contains("late or superseded result ignored: job=" + jobId));
        tenant.api().get("/v1/jobs/" + jobId).then().body("status", equalTo("cancelled"));
        await().atMost(Duration.ofSeconds(20)).until(() -> tenant.credit("reserved") == 0);
        assertEquals(20, tenant.credit("balance"), "nothing is charged for a cancelled job");
        List<Map<String, Object>> captures = tenant.api().get("/v1/credits/ledger").then().extract().jsonPath()
                .getList("entries.findAll { it.type == 'capture' }");
        assertTrue(captures.isEmpty(), "no capture: " + captures);
    }
}
