package io.lamina.e2e;

import io.restassured.http.ContentType;
import io.restassured.response.Response;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** Idempotency-Key on POST /v1/jobs, with Stripe's semantics. */
class IdempotencyIT {

    private static Platform platform;

    @BeforeAll
    static void startPlatform() throws Exception {
        platform = Platform.get();
    }

    @Test
    void concurrentSubmitsWithOneKeyMakeOneJobAndIdenticalAnswers() throws Exception {
        TestTenant tenant = TestTenant.create(platform, 100);
        String key = "order-" + UUID.randomUUID();
        Map<String, Object> job = Map.of("steps", List.of(JobLifecycleIT.sheetStep("report")));
        int clients = 50;
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        List<Future<Response>> answers = new ArrayList<>();
        try {
            for (int i = 0; i < clients; i++) {
                Callable<Response> submit = () -> {
                    start.await();
                    return tenant.api().contentType(ContentType.JSON).header("Idempotency-Key", key).body(job)
                            .post("/v1/jobs");
                };
                answers.add(pool.submit(submit));
            }
            start.countDown();
            Set<String> bodies = new HashSet<>();
            int replayed = 0;
            for (Future<Response> f : answers) {
                Response r = f.get();
                assertEquals(202, r.statusCode(), r.asString());
                bodies.add(r.asString());
                if ("true".equals(r.header("Idempotent-Replayed"))) {
                    replayed++;
                }
            }
            assertEquals(1, bodies.size(), "every client gets the same answer");
            assertEquals(clients - 1, replayed, "all but the first answer are replays");
        } finally {
            pool.shutdownNow();
        }

        // One job ran and was charged once.
        await().atMost(Duration.ofSeconds(30)).until(() -> tenant.credit("reserved") == 0
                && tenant.credit("balance") == 98);
        Thread.sleep(1000);
        assertEquals(98, tenant.credit("balance"));

        tenant.api().contentType(ContentType.JSON).header("Idempotency-Key", key)
                .body(Map.of("steps", List.of(JobLifecycleIT.sheetStep("other"))))
                .post("/v1/jobs")
                .then().statusCode(422).contentType("application/problem+json")
                .body("code", equalTo("idempotency_key_reused"));
    }

    @Test
    void aRetriedSynchronousSubmitAnswersWithTheSameFinishedJob() {
        TestTenant tenant = TestTenant.create(platform, 100);
        String key = "sync-" + UUID.randomUUID();
        Map<String, Object> job = Map.of("steps", List.of(JobLifecycleIT.sheetStep("report")));
        String first = tenant.api().contentType(ContentType.JSON).header("Idempotency-Key", key)
                .queryParam("wait", 60).body(job).post("/v1/jobs")
                .then().statusCode(200).body("status", equalTo("succeeded")).extract().path("id");
        tenant.api().contentType(ContentType.JSON).header("Idempotency-Key", key)
                .queryParam("wait", 60).body(job).post("/v1/jobs")
                .then().statusCode(200).body("id", equalTo(first)).body("status", equalTo("succeeded"));
        tenant.api().contentType(ContentType.JSON).header("Idempotency-Key", "has space")
                .body(job).post("/v1/jobs")
                .then().statusCode(400).body("code", equalTo("invalid_idempotency_key"));
    }
}
