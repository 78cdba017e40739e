package io.lamina.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.atomic.AtomicInteger;

import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Tenant webhook endpoints through the gateway: signed deliveries verified with the secret shown once, secret
 * rotation with two signatures, 410 Gone disabling the endpoint, retries with one webhook-id across a SIGKILL of
 * webhook-service, Retry-After, and replays of failed messages.
 */
class WebhooksIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static Platform platform;

    @BeforeAll
    static void startPlatform() throws Exception {
        platform = Platform.get();
    }

    @Test
    void endpointGetsSignedDeliveriesAndRotationSendsBothSignatures() throws Exception {
        TestTenant tenant = TestTenant.create(platform, 20);
        try (WebhookReceiver receiver = new WebhookReceiver()) {
            JsonNode created = JSON.readTree(tenant.api().contentType(ContentType.JSON)
                    .body(Map.of("url", receiver.url(), "event_types", List.of("job.completed"),
                            "description", "invoices"))
                    .post("/v1/webhooks/endpoints").then().statusCode(201).extract().asString());
            String endpointId = created.path("id").asText();
            String secret = created.path("secret").asText();
            assertTrue(secret.startsWith("whsec_"), created.toString());
            // Shown once: neither the endpoint nor the list carries the secret again.
            tenant.api().get("/v1/webhooks/endpoints/" + endpointId).then().statusCode(200)
                    .body("secret", nullValue()).body("enabled", equalTo(true))
                    .body("event_types", equalTo(List.of("job.completed")));
            tenant.api().get("/v1/webhooks/endpoints").then().statusCode(200)
                    .body("endpoints.id", hasItem(endpointId)).body("endpoints[0].secret", nullValue());
            // Unknown event types and unsafe URLs are refused.
            tenant.api().contentType(ContentType.JSON).body(Map.of("url", receiver.url(), "event_types", List.of("job.exploded")))
                    .post("/v1/webhooks/endpoints").then().statusCode(422).body("code", equalTo("invalid_endpoint"));
            tenant.api().contentType(ContentType.JSON).body(Map.of("url", "http://169.254.169.254/latest/meta-data"))
                    .post("/v1/webhooks/endpoints").then().statusCode(422).body("code", equalTo("unsafe_url"));

            String jobId = runJob(tenant);
            WebhookReceiver.Delivery d = receiver.next(Duration.ofSeconds(30));
            assertTrue(StandardWebhooks.verify(secret, d.headers().get("webhook-id"), d.headers().get("webhook-timestamp"),
                    d.body(), d.headers().get("webhook-signature")), "signature must verify: " + d.headers());
            assertEquals(1, d.headers().get("webhook-signature").split(" ").length, d.headers().toString());
            JsonNode payload = JSON.readTree(d.body());
            assertEquals("job.completed", payload.path("type").asText());
            assertEquals(jobId, payload.path("data").path("job_id").asText());
            String messageId = d.headers().get("webhook-id");

            // The delivery log: the message, its endpoint delivery, and the attempt with status and latency.
            await().atMost(Duration.ofSeconds(10)).until(() -> "delivered".equals(tenant.api()
                    .get("/v1/webhooks/messages/" + messageId).then().statusCode(200).extract()
                    .path("deliveries[0].status")));
            tenant.api().get("/v1/webhooks/messages/" + messageId).then()
                    .body("event_type", equalTo("job.completed"))
                    .body("payload.data.job_id", equalTo(jobId))
                    .body("deliveries[0].endpoint_id", equalTo(endpointId))
                    .body("deliveries[0].attempt_log[0].response_status", equalTo(204))
                    .body("deliveries[0].attempt_log[0].latency_ms", not(nullValue()));
            // The routes of the account resource next to these still answer.
            tenant.api().queryParam("job_id", jobId).get("/v1/webhooks/messages").then().statusCode(200)
                    .body("messages[0].id", equalTo(messageId));
            tenant.api().get("/v1/webhooks/signing-secret").then().statusCode(200)
                    .body("secret", startsWith("whsec_"));

            // Rotation: the new secret is shown once; during the overlap every delivery carries both signatures.
            String rotated = tenant.api().contentType(ContentType.JSON).body(Map.of())
                    .post("/v1/webhooks/endpoints/" + endpointId + "/rotate-secret")
                    .then().statusCode(200).body("previous_secret_expires_at", not(nullValue()))
                    .extract().path("secret");
            assertFalse(rotated.equals(secret));
            runJob(tenant);
            WebhookReceiver.Delivery after = receiver.next(Duration.ofSeconds(30));
            String header = after.headers().get("webhook-signature");
            assertEquals(2, header.split(" ").length, header);
            String id = after.headers().get("webhook-id");
            String ts = after.headers().get("webhook-timestamp");
            assertTrue(StandardWebhooks.verify(rotated, id, ts, after.body(), header.split(" ")[0]), "new secret first");
            assertTrue(StandardWebhooks.verify(secret, id, ts, after.body(), header.split(" ")[1]), "old secret second");

            // A rotation without overlap drops the old secret at once: one signature again.
            String third = tenant.api().contentType(ContentType.JSON).body(Map.of("overlap_seconds", 0))
                    .post("/v1/webhooks/endpoints/" + endpointId + "/rotate-secret").then().statusCode(200)
                    .extract().path("secret");
            runJob(tenant);
            WebhookReceiver.Delivery last = receiver.next(Duration.ofSeconds(30));
            assertEquals(1, last.headers().get("webhook-signature").split(" ").length);
            assertTrue(StandardWebhooks.verify(third, last.headers().get("webhook-id"),
                    last.headers().get("webhook-timestamp"), last.body(), last.headers().get("webhook-signature")));
            assertFalse(StandardWebhooks.verify(rotated, last.headers().get("webhook-id"),
                    last.headers().get("webhook-timestamp"), last.body(), last.headers().get("webhook-signature")));

            tenant.api().delete("/v1/webhooks/endpoints/" + endpointId).then().statusCode(204);
            tenant.api().get("/v1/webhooks/endpoints/" + endpointId).then().statusCode(404)
                    .body("code", equalTo("not_found"));
        }
    }

    @Test
    void goneDisablesTheEndpointAndAnnouncesIt() throws Exception {
        TestTenant tenant = TestTenant.create(platform, 20);
        try (ScriptedReceiver gone = new ScriptedReceiver(410)) {
            String endpointId = createEndpoint(tenant, gone.url(), List.of("job.completed"));
            runJob(tenant);
            await().atMost(Duration.ofSeconds(30)).until(() -> gone.requests() == 1);
            await().atMost(Duration.ofSeconds(10)).until(() -> Boolean.FALSE.equals(tenant.api()
                    .get("/v1/webhooks/endpoints/" + endpointId).then().statusCode(200).extract().path("enabled")));
            tenant.api().get("/v1/webhooks/endpoints/" + endpointId).then()
                    .body("disabled_reason", equalTo("the endpoint answered 410 Gone"));
            // The operational event is listed with the tenant's messages.
            List<String> types = tenant.api().get("/v1/webhooks/messages").then().statusCode(200).extract()
                    .jsonPath().getList("messages.event_type");
            assertTrue(types.contains("endpoint.disabled"), types.toString());

            runJob(tenant);
            Thread.sleep(1500);
            assertEquals(1, gone.requests(), "a disabled endpoint gets nothing more");
        }
    }

    @Test
    void retriesKeepTheWebhookIdAcrossAKillAndReplaysDeliverFailedMessages() throws Exception {
        TestTenant tenant = TestTenant.create(platform, 30);
        try (ScriptedReceiver flaky = new ScriptedReceiver(204, 500, 500, 500);
             ScriptedReceiver down = new ScriptedReceiver(500);
             ScriptedReceiver busy = new ScriptedReceiver(204, 503)) {
            busy.retryAfterSeconds = 3;
            String flakyEndpoint = createEndpoint(tenant, flaky.url(), List.of("job.completed"));

            // Attempt 1 fails; webhook-service dies with the delivery pending and comes back with a short schedule.
            runJob(tenant);
            await().atMost(Duration.ofSeconds(30)).until(() -> flaky.requests() == 1);
            String flakyMessage = flaky.ids().get(0);
            await().atMost(Duration.ofSeconds(10)).until(() -> Integer.valueOf(1).equals(
                    delivery(tenant, flakyMessage, flakyEndpoint).get("attempts")));
            platform.kill9("webhook-service");
            platform.start("webhook-service", Map.of("LAMINA_WEBHOOKS_RETRY_SCHEDULE", "1s,1s,1s,4s"));
            platform.awaitReady("webhook-service", Duration.ofSeconds(120));
            await().atMost(Duration.ofSeconds(60)).until(() -> flaky.requests() == 4);
            Thread.sleep(1500);
            assertEquals(4, flaky.requests(), "3 failures then a success: 4 attempts, no more");
            assertEquals(1, flaky.ids().stream().distinct().count(), "one webhook-id: " + flaky.ids());

            // 503 with Retry-After: 3 puts the next attempt at least 3 s later although the schedule says 1 s (a
            // Retry-After is capped at the longest scheduled delay, 4 s here).
            createEndpoint(tenant, busy.url(), List.of("job.completed"));
            runJob(tenant);
            await().atMost(Duration.ofSeconds(40)).until(() -> busy.requests() == 2);
            List<Long> at = busy.arrivals();
            assertTrue(at.get(1) - at.get(0) >= 2900, "Retry-After honoured: " + (at.get(1) - at.get(0)) + " ms");

            // A receiver that keeps failing: 5 attempts (about 7 s), the delivery fails; it recovers, and a replay delivers the
            // same message again with the same webhook-id.
            String downEndpoint = createEndpoint(tenant, down.url(), List.of("job.completed"));
            runJob(tenant);
            await().atMost(Duration.ofSeconds(40)).until(() -> down.requests() == 5);
            String messageId = down.ids().get(0);
            await().atMost(Duration.ofSeconds(10)).until(() -> "failed".equals(deliveryStatus(tenant, messageId,
                    downEndpoint)));
            down.defaultStatus = 204;
            tenant.api().post("/v1/webhooks/messages/" + messageId + "/replay?endpoint_id=" + downEndpoint)
                    .then().statusCode(200).body("replayed", equalTo(1));
            await().atMost(Duration.ofSeconds(20)).until(() -> down.requests() == 6);
            assertEquals(messageId, down.ids().get(5));
            await().atMost(Duration.ofSeconds(10)).until(() -> "delivered".equals(deliveryStatus(tenant, messageId,
                    downEndpoint)));
            Map<String, Object> log = delivery(tenant, messageId, downEndpoint);
            assertEquals(6, log.get("attempts"));
            List<?> attempts = (List<?>) log.get("attempt_log");
            assertEquals(6, attempts.size());
            assertEquals(500, ((Map<?, ?>) attempts.get(0)).get("response_status"));
            assertEquals("status 500", ((Map<?, ?>) attempts.get(0)).get("response_body"));
            assertEquals(204, ((Map<?, ?>) attempts.get(5)).get("response_status"));

            // Every failed delivery since a time: the receiver breaks again, a job's message fails, then recovers.
            down.defaultStatus = 500;
            Instant since = Instant.now();
            runJob(tenant);
            await().atMost(Duration.ofSeconds(40)).until(() -> down.requests() == 11);
            String second = down.ids().get(10);
            await().atMost(Duration.ofSeconds(10)).until(() -> "failed".equals(deliveryStatus(tenant, second,
                    downEndpoint)));
            down.defaultStatus = 204;
            tenant.api().contentType(ContentType.JSON).body(Map.of("since", since.toString()))
                    .post("/v1/webhooks/replay-failed").then().statusCode(200).body("replayed", equalTo(1));
            await().atMost(Duration.ofSeconds(20)).until(() -> down.requests() == 12);
            assertEquals(second, down.ids().get(11));
            tenant.api().post("/v1/webhooks/messages/msg_unknown/replay").then().statusCode(404);
        }
    }

    private static String deliveryStatus(TestTenant tenant, String messageId, String endpointId) {
        return (String) delivery(tenant, messageId, endpointId).get("status");
    }

    /** The delivery of a message to one endpoint, with its attempt log. */
    private static Map<String, Object> delivery(TestTenant tenant, String messageId, String endpointId) {
        List<Map<String, Object>> found = tenant.api().get("/v1/webhooks/messages/" + messageId).then()
                .statusCode(200).extract().jsonPath()
                .getList("deliveries.findAll { it.endpoint_id == '" + endpointId + "' }");
        return found.isEmpty() ? Map.of() : found.get(0);
    }

    private static String createEndpoint(TestTenant tenant, String url, List<String> types) {
        return tenant.api().contentType(ContentType.JSON).body(Map.of("url", url, "event_types", types))
                .post("/v1/webhooks/endpoints").then().statusCode(201).extract().path("id");
    }

    private static String runJob(TestTenant tenant) {
        return tenant.api().contentType(ContentType.JSON).queryParam("wait", 60)
                .body(Map.of("steps", List.of(JobLifecycleIT.sheetStep("report"))))
                .post("/v1/jobs").then().statusCode(200).body("status", equalTo("succeeded")).extract().path("id");
    }

    /**
     * A loopback receiver answering a script: the given statuses for the first requests (in order), then
     * {@code defaultStatus}; records each request's webhook-id and arrival time.
     */
    static final class ScriptedReceiver implements AutoCloseable {

        private final HttpServer server;
        private final ConcurrentLinkedDeque<Integer> script = new ConcurrentLinkedDeque<>();
        private final List<String> ids = Collections.synchronizedList(new ArrayList<>());
        private final List<Long> arrivals = Collections.synchronizedList(new ArrayList<>());
        private final AtomicInteger count = new AtomicInteger();
        volatile int defaultStatus;
        volatile int retryAfterSeconds = -1;

        /** @param defaultStatus the answer once the script is used up; {@code first} the answers before that */
        ScriptedReceiver(int defaultStatus, int... first) throws IOException {
            this.defaultStatus = defaultStatus;
            for (int s : first) {
                script.add(s);
            }
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            server.createContext("/hook", exchange -> {
                exchange.getRequestBody().readAllBytes();
                Map<String, String> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
                exchange.getRequestHeaders().forEach((k, v) -> headers.put(k, String.join(",", v)));
                Integer scripted = script.poll();
                int status = scripted == null ? this.defaultStatus : scripted;
                if (status == 503 && retryAfterSeconds >= 0) {
                    exchange.getResponseHeaders().add("Retry-After", Integer.toString(retryAfterSeconds));
                }
                ids.add(headers.get("webhook-id"));
                arrivals.add(System.currentTimeMillis());
                count.incrementAndGet();
                byte[] body = ("status " + status).getBytes(StandardCharsets.UTF_8);
                exchange.sendResponseHeaders(status, body.length);
                exchange.getResponseBody().write(body);
                exchange.close();
            });
            server.start();
        }

        String url() {
            return "http://127.0.0.1:" + server.getAddress().getPort() + "/hook";
        }

        int requests() {
            return count.get();
        }

        List<String> ids() {
            return List.copyOf(ids);
        }

        List<Long> arrivals() {
            return List.copyOf(arrivals);
        }

        @Override
        public void close() {
            server.stop(0);
        }
    }
}
