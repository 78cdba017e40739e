package io.lamina.e2e;

import io.restassured.http.ContentType;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

/** Steps that read earlier steps' outputs: {"$step": id, "path": JSON Pointer}, checked as a DAG at submit time. */
class PipelineIT {

    private static Platform platform;

    @BeforeAll
    static void startPlatform() throws Exception {
        platform = Platform.get();
    }

    private static Map<String, Object> ref(String step, String path) {
        return path == null ? Map.of("$step", step) : Map.of("$step", step, "path", path);
    }

    @Test
    void threeStepChainPassesValuesAndFilesFromStepToStep() {
        TestTenant tenant = TestTenant.create(platform, 50);
        String fileId = tenant.api().multiPart("file", "totals.csv",
                        "Item,Amount\nPaper,12.50\nInk,30\n".getBytes(StandardCharsets.UTF_8), "text/csv")
                .post("/v1/files").then().statusCode(201).extract().path("id");

        // Listed last-first on purpose: the order comes from the references.
        List<Map<String, Object>> steps = List.of(
                Map.of("id", "again", "operation", "document_to_markdown",
                        "params", Map.of("file", ref("sheet", null))),
                Map.of("id", "sheet", "operation", "sheet_generation", "params", Map.of("format", "csv",
                        "sheets", List.of(Map.of("columns", List.of(Map.of("name", "Key"), Map.of("name", "Value")),
                                "rows", List.of(List.of("Source", ref("md", "/name")),
                                        List.of("Type", ref("md", "/mime_type"))))))),
                Map.of("id", "md", "operation", "document_to_markdown",
                        "params", Map.of("file", Map.of("type", "file", "file_id", fileId))));

        tenant.api().contentType(ContentType.JSON).queryParam("wait", 60).body(Map.of("steps", steps))
                .post("/v1/jobs")
                .then().statusCode(200).body("status", equalTo("succeeded"))
                .body("steps.find { it.id == 'md' }.output.markdown", containsString("| Paper | 12.50 |"))
                .body("steps.find { it.id == 'sheet' }.output.mime_type", equalTo("text/csv"))
                .body("steps.find { it.id == 'again' }.output.markdown", containsString("| Source | totals.csv |"))
                .body("steps.find { it.id == 'again' }.output.markdown", containsString("| Type | text/csv |"));
    }

    @Test
    void aFailedStepCancelsTheStepsThatDependOnIt() {
        TestTenant tenant = TestTenant.create(platform, 50);
        List<Map<String, Object>> steps = List.of(
                Map.of("id", "banner", "operation", "image_transformation", "params", Map.of("file", Map.of("type",
                        "base64", "name", "a.txt", "base64", "bm90IGFuIGltYWdl"), "operations", List.of(Map.of("type", "flip")))),
                Map.of("id", "md", "operation", "document_to_markdown",
                        "params", Map.of("file", ref("banner", null))));
        tenant.api().contentType(ContentType.JSON).queryParam("wait", 60).body(Map.of("steps", steps))
                .post("/v1/jobs")
                .then().statusCode(200).body("status", equalTo("failed"))
                .body("steps[0].error.code", equalTo("unsupported_format"))
                .body("steps[1].status", equalTo("cancelled"))
                .body("steps[1].attempt", equalTo(0));
    }

    @Test
    void aReferenceToAPathTheOutputLacksFailsTheStep() {
        TestTenant tenant = TestTenant.create(platform, 50);
        List<Map<String, Object>> steps = List.of(
                JobLifecycleIT.sheetStep("first"),
                Map.of("id", "second", "operation", "document_to_markdown",
                        "params", Map.of("file", ref("first", "/no/such/field"))));
        tenant.api().contentType(ContentType.JSON).queryParam("wait", 60).body(Map.of("steps", steps))
                .post("/v1/jobs")
                .then().statusCode(200).body("status", equalTo("failed"))
                .body("steps[1].error.code", equalTo("invalid_reference"));
    }

    @Test
    void unknownReferencesCyclesAndBadPointersAreRefusedBeforeAnythingRuns() {
        TestTenant tenant = TestTenant.create(platform, 50);
        Map<String, Object> toB = Map.of("id", "a", "operation", "document_to_markdown",
                "params", Map.of("file", ref("b", null)));
        Map<String, Object> toA = Map.of("id", "b", "operation", "document_to_markdown",
                "params", Map.of("file", ref("a", null)));
        tenant.api().contentType(ContentType.JSON).body(Map.of("steps", List.of(toB, toA))).post("/v1/jobs")
                .then().statusCode(422).body("code", equalTo("cyclic_dependencies"));
        tenant.api().contentType(ContentType.JSON).body(Map.of("steps", List.of(toB))).post("/v1/jobs")
                .then().statusCode(422).body("code", equalTo("invalid_reference"))
                .body("detail", containsString("steps[0].params.file"));
        tenant.api().contentType(ContentType.JSON).body(Map.of("steps", List.of(JobLifecycleIT.sheetStep("b"),
                        Map.of("id", "a", "operation", "document_to_markdown",
                                "params", Map.of("file", ref("b", "no-leading-slash"))))))
                .post("/v1/jobs")
                .then().statusCode(422).body("code", equalTo("invalid_reference"));
        tenant.api().get("/v1/jobs").then().statusCode(200).body("data.size()", equalTo(0));
    }
}
