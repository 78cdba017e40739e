package io.lamina.e2e;

import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;

/** Finished jobs and files are forgotten after their time to live; the rest stays. */
class RetentionIT {

    private static Platform platform;

    @BeforeAll
    static void startPlatform() throws Exception {
        platform = Platform.get();
    }

    @Test
    void expiredJobsAndFilesAreForgottenAndRecentOnesKept() throws Exception {
        TestTenant tenant = TestTenant.create(platform, 20);
        String oldJob = tenant.api().contentType(ContentType.JSON).queryParam("wait", 60)
                .body(Map.of("steps", List.of(JobLifecycleIT.sheetStep("s")))).post("/v1/jobs")
                .then().statusCode(200).body("status", equalTo("succeeded")).extract().path("id");
        String oldFile = tenant.api().multiPart("file", "old.txt", "old".getBytes(), "text/plain")
                .post("/v1/files").then().statusCode(201).extract().path("id");
        String newJob = tenant.api().contentType(ContentType.JSON).queryParam("wait", 60)
                .body(Map.of("steps", List.of(JobLifecycleIT.sheetStep("s")))).post("/v1/jobs")
                .then().statusCode(200).extract().path("id");

        // Travel in time: the first job and the upload are 40 days old (the default TTLs are 30 days).
        try (Connection c = DriverManager.getConnection(platform.gatewayJdbcUrl(), "postgres", "")) {
            try (PreparedStatement ps = c.prepareStatement(
                    "update jobs set finished_at = now() - interval '40 days' where id = ?")) {
                ps.setObject(1, UUID.fromString(oldJob));
                ps.executeUpdate();
            }
            try (PreparedStatement ps = c.prepareStatement(
                    "update files set created_at = now() - interval '40 days' where id = ?")) {
                ps.setObject(1, UUID.fromString(oldFile));
                ps.executeUpdate();
            }
        }

        RestAssured.given().baseUri(platform.gatewayUrl()).auth().oauth2(Platform.ADMIN_KEY)
                .post("/admin/retention/run")
                .then().statusCode(200).body("jobs", greaterThanOrEqualTo(1)).body("files", greaterThanOrEqualTo(1));

        tenant.api().get("/v1/jobs/" + oldJob).then().statusCode(404);
        tenant.api().get("/v1/files/" + oldFile).then().statusCode(404);
        tenant.api().get("/v1/jobs/" + newJob).then().statusCode(200).body("status", equalTo("succeeded"));
    }
}
