package io.lamina.e2e;

import io.restassured.http.ContentType;
import io.restassured.response.Response;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Fan-out ({@code for_each}) and gather; per-tenant fairness and the bounded tenant queue (429). */
class FanOutAndFairnessIT {

    private static Platform platform;

    @BeforeAll
    static void startPlatform() throws Exception {
        platform = Platform.get();
    }

    private static Map<String, Object> ref(String step, String path) {
        return path == null ? Map.of("$step", step) : Map.of("$step", step, "path", path);
    }

    private static Map<String, Object> item(String pointer) {
        return Map.of("$item", pointer);
    }

    @Test
    void aPipelineFansOutOverAWrittenArrayThenOverAGatheredOutput() {
        TestTenant tenant = TestTenant.create(platform, 100);
        String fileId = tenant.api().multiPart("file", "notes.md",
                        "# Notes\n\n- first\n- second\n".getBytes(StandardCharsets.UTF_8), "text/markdown")
                .post("/v1/files").then().statusCode(201).extract().path("id");

        List<Map<String, Object>> steps = List.of(
                JobLifecycleIT.sheetStep("base"),
                // One Markdown conversion per element: a file from "base" and an upload.
                Map.of("id", "per", "operation", "document_to_markdown",
                        "for_each", List.of(ref("base", null), Map.of("type", "file", "file_id", fileId)),
                        "params", Map.of("file", item(""))),
                // One sheet per gathered conversion, each naming its item.
                Map.of("id", "again", "operation", "sheet_generation",
                        "for_each", ref("per", null),
                        "params", Map.of("format", "csv", "sheets", List.of(Map.of(
                                "columns", List.of(Map.of("name", "Source"), Map.of("name", "Type")),
                                "rows", List.of(List.of(item("/name"), item("/mime_type"))))))));

        Response done = tenant.api().contentType(ContentType.JSON).queryParam("wait", 90)
                .body(Map.of("steps", steps)).post("/v1/jobs");
        done.then().statusCode(200).body("status", equalTo("succeeded"))
                .body("progress_percent", equalTo(100))
                .body("steps.find { it.id == 'per' }.output", hasSize(2))
                .body("steps.find { it.id == 'per' }.output[0].markdown", containsString("INV-1"))
                .body("steps.find { it.id == 'per' }.output[1].markdown", containsString("# Notes"))
                .body("steps.find { it.id == 'per[1]' }.parent", equalTo("per"))
                .body("steps.find { it.id == 'per[1]' }.item", equalTo(1))
                .body("steps.find { it.id == 'again' }.output", hasSize(2));

        List<String> outputs = done.path("steps.find { it.id == 'again' }.output.file_id");
        String first = tenant.api().get("/v1/files/" + outputs.get(0)).then().statusCode(200).extract().asString();
        String second = tenant.api().get("/v1/files/" + outputs.get(1)).then().statusCode(200).extract().asString();
        String baseName = done.path("steps.find { it.id == 'base' }.output.name");
        assertTrue(first.startsWith("Source,Type\r\n" + baseName + ","), "item 0 of the gathered output: " + first);
        assertTrue(second.startsWith("Source,Type\r\nnotes.md,"), "item 1 of the gathered output: " + second);
    }

    @Test
    void aForEachThatIsNotAnArrayFailsTheStepAndItemReferencesNeedAForEach() {
        TestTenant tenant = TestTenant.create(platform, 50);
        List<Map<String, Object>> steps = List.of(JobLifecycleIT.sheetStep("base"),
                Map.of("id", "per", "operation", "document_to_markdown", "for_each", ref("base", null),
                        "params", Map.of("file", item(""))));
        tenant.api().contentType(ContentType.JSON).queryParam("wait", 60).body(Map.of("steps", steps))
                .post("/v1/jobs")
                .then().statusCode(200).body("status", equalTo("failed"))
                .body("steps[1].error.code", equalTo("invalid_reference"))
                .body("steps[1].error.message", containsString("not an array"));

        tenant.api().contentType(ContentType.JSON).body(Map.of("steps", List.of(Map.of("id", "x",
                        "operation", "document_to_markdown", "params", Map.of("file", item(""))))))
                .post("/v1/jobs")
                .then().statusCode(422).body("code", equalTo("invalid_reference"))
                .body("detail", containsString("steps[0].params.file"));
    }

    /**
     * Tenant A floods the queue until the gateway answers 429; tenant B's single step still runs while A's steps wait,
     * because each tenant runs at most {@link Platform#MAX_IN_FLIGHT} steps of an operation at a time.
     */
    @Test
    void aFloodingTenantIsBoundedAndDoesNotDelayAnotherTenant() {
        TestTenant flooder = TestTenant.create(platform, 10_000);
        TestTenant other = TestTenant.create(platform, 10);
        List<Map<String, Object>> fifty = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            fifty.add(JobLifecycleIT.sheetStep("s" + i));
        }
        List<String> flooderJobs = new ArrayList<>();
        Response refused = null;
        for (int i = 0; i < 40 && refused == null; i++) {
            Response r = flooder.api().contentType(ContentType.JSON).body(Map.of("steps", fifty)).post("/v1/jobs");
            if (r.statusCode() == 429) {
                refused = r;
            } else {
                r.then().statusCode(202);
                flooderJobs.add(r.path("id"));
            }
        }
        assertNotNull(refused, "a tenant with " + Platform.MAX_QUEUED_STEPS + " unfinished steps is refused");
        refused.then().body("code", equalTo("tenant_queue_full"));
        assertNotNull(refused.header("Retry-After"), "429 says when to come back");
        System.out.printf("fairness: tenant A queued %d steps before 429%n", flooderJobs.size() * 50);

        long started = System.nanoTime();
        other.api().contentType(ContentType.JSON).queryParam("wait", 60)
                .body(Map.of("steps", List.of(JobLifecycleIT.sheetStep("mine")))).post("/v1/jobs")
                .then().statusCode(200).body("status", equalTo("succeeded"));
        long millis = (System.nanoTime() - started) / 1_000_000;
        int flooderUnfinished = 0;
        for (String job : flooderJobs) {
            List<String> statuses = flooder.api().get("/v1/jobs/" + job).then().statusCode(200)
                    .extract().path("steps.status");
            flooderUnfinished += (int) statuses.stream().filter(s -> s.equals("queued") || s.equals("running")).count();
        }
        System.out.printf("fairness: tenant B's single step finished in %d ms while tenant A still had %d"
                + " unfinished steps%n", millis, flooderUnfinished);
        assertTrue(flooderUnfinished > 0, "B's step overtook A's queue: A still had work when B finished");
        assertTrue(millis < 30_000, "B's step finished within 30 s, took " + millis + " ms");

        // Cancelling the flood: waiting steps are dropped, nothing more of them runs.
        for (String job : flooderJobs) {
            flooder.api().post("/v1/jobs/" + job + "/cancel");
        }
        for (String job : flooderJobs) {
            String status = flooder.api().get("/v1/jobs/" + job).then().statusCode(200).extract().path("status");
            assertTrue(List.of("cancelled", "succeeded").contains(status), "job " + job + " ended, is " + status);
        }
    }
}
