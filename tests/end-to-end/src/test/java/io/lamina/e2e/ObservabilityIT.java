package io.lamina.e2e;

import io.restassured.RestAssured;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

/** What operators and API clients read besides jobs: health, metrics and the API document. */
class ObservabilityIT {

    private static Platform platform;

    @BeforeAll
    static void startPlatform() throws Exception {
        platform = Platform.get();
    }

    @Test
    void everyServiceReportsHealthAndPrometheusMetrics() {
        for (String service : platform.services()) {
            RestAssured.given().baseUri(platform.urlOf(service)).get("/q/health/live")
                    .then().statusCode(200).body("status", equalTo("UP"));
            RestAssured.given().baseUri(platform.urlOf(service)).get("/q/health/ready")
                    .then().statusCode(200).body("status", equalTo("UP"));
            RestAssured.given().baseUri(platform.urlOf(service)).get("/q/metrics")
                    .then().statusCode(200).body(containsString("jvm_memory_used_bytes"));
        }
    }

    @Test
    void gatewayServesItsOpenApiDocumentAndSwaggerUi() {
        RestAssured.given().baseUri(platform.gatewayUrl()).accept("application/json").get("/q/openapi")
                .then().statusCode(200)
                .body("paths", org.hamcrest.Matchers.hasKey("/v1/jobs"))
                .body("paths", org.hamcrest.Matchers.hasKey("/v1/files"));
        RestAssured.given().baseUri(platform.gatewayUrl()).get("/q/swagger-ui/")
                .then().statusCode(200).body(containsString("swagger"));
    }
}
