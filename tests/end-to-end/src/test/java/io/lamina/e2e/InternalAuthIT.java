package io.lamina.e2e;

import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * billing-service and webhook-service answer only callers holding the internal token (the gateway); anyone else who
 * can reach their ports gets 401 problem+json, and neither they nor the gateway start without a token.
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
    void gatewayBillingAndWebhookRefuseToStartWithoutAToken() throws Exception {
        Map<String, Process> started = new LinkedHashMap<>();
        try {
            for (String service : List.of("billing-service", "webhook-service", "gateway-service")) {
                started.put(service, spawn(service, Map.of("QUARKUS_HTTP_PORT", "0", "LAMINA_INTERNAL_TOKEN", "",
                        "LAMINA_BLOBS_DIR", Files.createTempDirectory("lamina-spare-blobs").toString())));
            }
            for (var e : started.entrySet()) {
                String service = e.getKey();
                assertTrue(e.getValue().waitFor(120, TimeUnit.SECONDS), service + " started without an internal token");
                assertNotEquals(0, e.getValue().exitValue(), service + " exit status");
                String output = Files.readString(spareLog(service));
                assertTrue(output.contains("lamina.internal.token (env LAMINA_INTERNAL_TOKEN) is not set"),
                        () -> service + " did not explain why it stopped:\n" + output);
            }
        } finally {
            started.values().forEach(Process::destroyForcibly);
        }
    }

    /**
     * A gateway whose token differs from billing's and webhook's (a misconfigured deployment) answers its tenants 503
     * dependency_unavailable, not a 401 that would blame their API key.
     */
    @Test
    void aGatewayWithAnotherTokenReportsItsDependenciesUnavailable() throws Exception {
        int port;
        try (ServerSocket free = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = free.getLocalPort();
        }
        String admin = "lam_admin_spare_" + UUID.randomUUID();
        Process gateway = spawn("gateway-service", Map.of("QUARKUS_HTTP_PORT", String.valueOf(port),
                "LAMINA_INTERNAL_TOKEN", "lam_internal_other_" + UUID.randomUUID(), "LAMINA_ADMIN_KEY", admin,
                "LAMINA_BLOBS_DIR", Files.createTempDirectory("lamina-spare-blobs").toString(),
                "LAMINA_BILLING_URL", platform.urlOf("billing-service"),
                "LAMINA_WEBHOOK_URL", platform.urlOf("webhook-service")));
        try {
            String url = "http://127.0.0.1:" + port;
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
            while (true) {  // live, not ready: this gateway has no Kafka
                assertTrue(gateway.isAlive(), () -> "the spare gateway exited; see " + spareLog("gateway-service"));
                try {
                    if (RestAssured.given().baseUri(url).get("/q/health/live").statusCode() == 200) {
                        break;
                    }
                } catch (Exception notYet) {
                    // not listening yet
                }
                assertTrue(System.nanoTime() < deadline, "the spare gateway did not come up");
                Thread.sleep(250);
            }
            String tenant = RestAssured.given().baseUri(url).auth().oauth2(admin).contentType(ContentType.JSON)
                    .body(Map.of("name", "spare")).post("/admin/tenants").then().statusCode(201).extract().path("id");
            String key = RestAssured.given().baseUri(url).auth().oauth2(admin).contentType(ContentType.JSON)
                    .body(Map.of("name", "spare")).post("/admin/tenants/" + tenant + "/keys")
                    .then().statusCode(201).extract().path("key");
            for (String path : List.of("/v1/credits", "/v1/webhooks/signing-secret")) {
                RestAssured.given().baseUri(url).auth().oauth2(key).get(path).then().statusCode(503)
                        .contentType("application/problem+json").body("code", equalTo("dependency_unavailable"));
            }
            assertTrue(Files.readString(spareLog("gateway-service")).contains("refused the gateway's internal token"));
        } finally {
            gateway.destroyForcibly();
            gateway.waitFor();
        }
    }

    private static void assertRefused(io.restassured.response.Response response, String detail) {
        response.then().statusCode(401).contentType("application/problem+json")
                .header("WWW-Authenticate", startsWith("Bearer"))
                .body("code", equalTo("invalid_internal_token"))
                .body("status", equalTo(401))
                .body("detail", containsString(detail));
    }

    /** Starts a packaged service against a fresh database of its own and no reachable Kafka. */
    private static Process spawn(String service, Map<String, String> extraEnv) throws Exception {
        Path root = Path.of(System.getProperty("lamina.root", "../..")).toAbsolutePath().normalize();
        int pgPort = Integer.parseInt(System.getProperty("lamina.test.pg.port", "55433"));
        String database = "e2e_" + service.replace("-", "_") + "_" + System.nanoTime();
        try (Connection c = DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + pgPort + "/postgres",
                "postgres", ""); Statement s = c.createStatement()) {
            s.execute("create database " + database);
        }
        ProcessBuilder pb = new ProcessBuilder("java", "-Xmx256m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1",
                "-jar", root.resolve(service).resolve("target/quarkus-app/quarkus-run.jar").toString())
                .redirectErrorStream(true).redirectOutput(spareLog(service).toFile());
        Map<String, String> env = pb.environment();
        env.put("QUARKUS_HTTP_HOST", "127.0.0.1");
        env.put("KAFKA_BOOTSTRAP_SERVERS", "127.0.0.1:1");
        env.put("LAMINA_DB_HOST", "127.0.0.1");
        env.put("LAMINA_DB_PORT", String.valueOf(pgPort));
        env.put("LAMINA_DB_NAME", database);
        env.put("LAMINA_DB_USER", "postgres");
        env.putAll(extraEnv);
        return pb.start();
    }

    private static Path spareLog(String service) {
        return platform.logOf(service + "-spare");
    }
}
