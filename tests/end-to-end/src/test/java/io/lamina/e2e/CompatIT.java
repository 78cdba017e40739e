package io.lamina.e2e;

import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Iteration Layer's endpoints, driven the way its SDK calls them (JSON body, Bearer key, {@code {success, data}}
 * envelope, binary results as base64), in sync and webhook modes.
 */
class CompatIT {

    private static Platform platform;

    @BeforeAll
    static void startPlatform() throws Exception {
        platform = Platform.get();
    }

    private static Map<String, Object> sheetRequest() {
        return Map.of("format", "csv", "sheets", List.of(Map.of("name", "Invoices",
                "columns", List.of(Map.of("name", "Invoice"), Map.of("name", "Total")),
                "rows", List.of(List.of("INV-1", 120.5), List.of("INV-2", 99)))));
    }

    @Test
    void sheetGenerationAnswersTheBinaryResultInline() {
        TestTenant tenant = TestTenant.create(platform, 20);
        String buffer = tenant.api().contentType(ContentType.JSON).header("X-IterationLayer-Integration", "sdk-node")
                .body(sheetRequest()).post("/sheet-generation/v1/generate")
                .then().statusCode(200).body("success", equalTo(true))
                .body("data.mime_type", equalTo("text/csv"))
                .extract().path("data.buffer");
        assertEquals("Invoice,Total\r\nINV-1,120.5\r\nINV-2,99\r\n",
                new String(Base64.getDecoder().decode(buffer), StandardCharsets.UTF_8));
        assertEquals(18, tenant.credit("balance"), "one sheet_generation charged");
    }

    @Test
    void documentToMarkdownTakesABase64FileAndAnswersTheConvertResult() {
        TestTenant tenant = TestTenant.create(platform, 20);
        String csv = Base64.getEncoder().encodeToString("Item,Amount\nPaper,12.50\n".getBytes(StandardCharsets.UTF_8));
        tenant.api().contentType(ContentType.JSON)
                .body(Map.of("file", Map.of("type", "base64", "name", "totals.csv", "base64", csv)))
                .post("/document-to-markdown/v1/convert")
                .then().statusCode(200).body("success", equalTo(true))
                .body("data.name", equalTo("totals.csv"))
                .body("data.markdown", containsString("| Paper | 12.50 |"));
    }

    @Test
    void aWebhookUrlMakesTheCallAsynchronous() throws Exception {
        TestTenant tenant = TestTenant.create(platform, 20);
        try (WebhookReceiver receiver = new WebhookReceiver()) {
            Map<String, Object> body = new java.util.HashMap<>(sheetRequest());
            body.put("webhook_url", receiver.url());
            String jobId = tenant.api().contentType(ContentType.JSON).body(body).post("/sheet-generation/v1/generate")
                    .then().statusCode(201).body("success", equalTo(true)).body("async", equalTo(true))
                    .body("message", notNullValue()).extract().path("job_id");
            WebhookReceiver.Delivery delivery = receiver.next(Duration.ofSeconds(60));
            assertNotNull(delivery, "the webhook arrives");
            assertTrue(delivery.body().contains(jobId) && delivery.body().contains("job.completed"), delivery.body());
        }
    }

    @Test
    void errorsUseTheEnvelopeAndIterationLayersStatusCodes() {
        RestAssured.given().baseUri(platform.gatewayUrl()).auth().oauth2("lam_not_a_key").contentType(ContentType.JSON)
                .body(sheetRequest()).post("/sheet-generation/v1/generate")
                .then().statusCode(401).body("success", equalTo(false)).body("error", notNullValue());
        TestTenant tenant = TestTenant.create(platform, 20);
        tenant.api().contentType(ContentType.JSON).body("{not json").post("/sheet-generation/v1/generate")
                .then().statusCode(400).body("success", equalTo(false));
        TestTenant poor = TestTenant.create(platform, 1);
        poor.api().contentType(ContentType.JSON).body(sheetRequest()).post("/sheet-generation/v1/generate")
                .then().statusCode(402).body("success", equalTo(false))
                .body("error", containsString("insufficient_credits"));
    }
}
