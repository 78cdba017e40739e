package io.lamina.e2e;

import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * billing-service and webhook-service answer only callers holding the internal token (the gateway); anyone else who
 * can reach their ports gets 401 problem+json, and they refuse to start without a token.
 */
class InternalAuthIT {

    private static Platform platform;

    @BeforeAll
    static void startPlatform() throws Exception {
        platform = Platform.get();
    }

    @Test
    void billingRefusesCallersWithoutTheTokenAndGrantsNothing() {
        String billing = platform.urlOf("billing-service");
        String tenant = "intruder-" + UUID.randomUUID();
        String grant = "/internal/accounts/" + tenant + "/grants";
        Map<String, Object> body = Map.of("grant_id", "g-" + tenant, "amount", 1_000_000);
        assertRefused(RestAssured.given().baseUri(billing).contentType(ContentType.JSON).body(body).post(grant),
                "Authorization: Bearer");
        assertRefused(RestAssured.given().baseUri(billing).auth().oauth2("lam_internal_wrong_" + UUID.randomUUID())
                .contentType(ContentType.JSON).body(body).post(grant), "is not billing-service's internal token");
        assertRefused(RestAssured.given().baseUri(billing).get("/internal/accounts/" + tenant + "/ledger"),
                "Authorization: Bearer");
        assertRefused(RestAssured.given().baseUri(billing).get("/internal/prices"), "Authorization: Bearer");
        // refused before routing: an unknown path tells an outsider nothing either
        assertRefused(RestAssured.given().baseUri(billing).get("/internal/nowhere"), "Authorization: Bearer");

        RestAssured.given().baseUri(billing).auth().oauth2(Platform.INTERNAL_TOKEN).get("/internal/accounts/" + tenant)
                .then().statusCode(200).body("balance", equalTo(0));
        RestAssured.given().baseUri(billing).auth().oauth2(Platform.INTERNAL_TOKEN).get("/internal/prices")
                .then().statusCode(200).body("sheet_generation", equalTo(2));
    }

    @Test
    void webhookRefusesCallersWithoutTheToken() {
        String webhook = platform.urlOf("webhook-service");
        String tenant = "intruder-" + UUID.randomUUID();
        assertRefused(RestAssured.given().baseUri(webhook).get("/internal/tenants/" + tenant + "/signing-secret"),
                "Authorization: Bearer");
        assertRefused(RestAssured.given().baseUri(webhook).auth().oauth2("lam_internal_wrong_" + UUID.randomUUID())
                .get("/internal/tenants/" + tenant + "/messages"), "is not webhook-service's internal token");
        assertRefused(RestAssured.given().baseUri(webhook).contentType(ContentType.JSON)
                .body(Map.of("url", "https://example.com/hook")).post("/internal/tenants/" + tenant + "/endpoints"),
                "Authorization: Bearer");

        RestAssured.given().baseUri(webhook).auth().oauth2(Platform.INTERNAL_TOKEN)
                .get("/internal/tenants/" + tenant + "/endpoints")
                .then().statusCode(200).body("endpoints.size()", equalTo(0));
    }

    @Test
    void theGatewayReachesBothWithItsToken() {
        TestTenant tenant = TestTenant.create(platform, 7);  // the grant goes through billing's internal API
        tenant.api().get("/v1/credits").then().statusCode(200).body("available", equalTo(7));
        tenant.api().get("/v1/webhooks/signing-secret").then().statusCode(200).body("secret", startsWith("whsec_"));
    }

    @Test
    void billingAndWebhookRefuseToStartWithoutAToken() throws Exception {
        for (String service : List.of("billing-service", "webhook-service")) {
            String output = startWithoutToken(service);
            assertTrue(output.contains("lamina.internal.token (env LAMINA_INTERNAL_TOKEN) is not set"),
                    () -> service + " did not explain why it stopped:\n" + output);
        }
    }

    private static void assertRefused(io.restassured.response.Response response, String detail) {
        response.then().statusCode(401).contentType("application/problem+json")
                .header("WWW-Authenticate", startsWith("Bearer"))
                .body("code", equalTo("invalid_internal_token"))
                .body("status", equalTo(401))
                .body("detail", org.hamcrest.Matchers.containsString(detail));
    }

    /**
     * Starts the packaged service with an empty token against a database of its own (so nothing it might do before
     * stopping touches the suite's data) and no reachable Kafka; returns its output once it has exited, non-zero.
     */
    private static String startWithoutToken(String service) throws Exception {
        Path root = Path.of(System.getProperty("lamina.root", "../..")).toAbsolutePath().normalize();
        int pgPort = Integer.parseInt(System.getProperty("lamina.test.pg.port", "55433"));
        String database = "e2e_no_token_" + System.nanoTime();
        try (Connection c = DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + pgPort + "/postgres",
                "postgres", ""); Statement s = c.createStatement()) {
            s.execute("create database " + database);
        }
        Path log = platform.logOf(service + "-no-token");
        ProcessBuilder pb = new ProcessBuilder("java", "-Xmx256m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1",
                "-jar", root.resolve(service).resolve("target/quarkus-app/quarkus-run.jar").toString())
                .redirectErrorStream(true).redirectOutput(log.toFile());
        Map<String, String> env = pb.environment();
        env.put("QUARKUS_HTTP_PORT", "0");
        env.put("QUARKUS_HTTP_HOST", "127.0.0.1");
        env.put("KAFKA_BOOTSTRAP_SERVERS", "127.0.0.1:1");
        env.put("LAMINA_DB_HOST", "127.0.0.1");
        env.put("LAMINA_DB_PORT", String.valueOf(pgPort));
        env.put("LAMINA_DB_NAME", database);
        env.put("LAMINA_DB_USER", "postgres");
        env.put("LAMINA_INTERNAL_TOKEN", "");
        Process p = pb.start();
        try {
            assertTrue(p.waitFor(120, TimeUnit.SECONDS), service + " started without an internal token");
            assertNotEquals(0, p.exitValue(), service + " exit status");
            return Files.readString(log);
        } finally {
            p.destroyForcibly();
        }
    }
}
