package io.lamina.e2e;

import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;

import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * billing-service on the real event log: concurrent jobs never overdraw a balance, replaying lamina.jobs.events from
 * offset 0 changes nothing, a SIGKILL mid-stream loses and doubles no charge, grants expire and are consumed
 * soonest-expiring first, per-key budgets deny with budget_exceeded, credits.low fires once per crossing.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class BillingIT {

    private static final String JOB_EVENTS = "lamina.jobs.events";
    private static final String BILLING_EVENTS = "lamina.billing.events";

    private static Platform platform;

    @BeforeAll
    static void startPlatform() throws Exception {
        platform = Platform.get();
    }

    @Test
    @Order(1)
    void twoHundredConcurrentJobsAgainstCreditsForOneHundredRunExactlyOneHundred() throws Exception {
        TestTenant tenant = TestTenant.create(platform, 200);  // a sheet job costs 2: exactly 100 fit
        AtomicBoolean running = new AtomicBoolean(true);
        AtomicLong lowestAvailable = new AtomicLong(Long.MAX_VALUE);
        AtomicLong lowestBalance = new AtomicLong(Long.MAX_VALUE);
        Thread sampler = new Thread(() -> {
            while (running.get()) {
                JsonPath credits = tenant.api().get("/v1/credits").then().extract().jsonPath();
                lowestAvailable.accumulateAndGet(credits.getLong("available"), Math::min);
                lowestBalance.accumulateAndGet(credits.getLong("balance"), Math::min);
                try {
                    Thread.sleep(50);
                } catch (InterruptedException e) {
                    return;
                }
            }
        });
        sampler.start();
        ExecutorService pool = Executors.newFixedThreadPool(16);
        try {
            List<Future<Integer>> submits = new ArrayList<>();
            for (int i = 0; i < 200; i++) {
                submits.add(pool.submit(() -> tenant.api().contentType(ContentType.JSON)
                        .body(Map.of("steps", List.of(JobLifecycleIT.sheetStep("report"))))
                        .post("/v1/jobs").then().extract().statusCode()));
            }
            for (Future<Integer> submit : submits) {
                assertEquals(202, submit.get());
            }
        } finally {
            pool.shutdown();
        }
        await().atMost(Duration.ofSeconds(300)).pollInterval(Duration.ofSeconds(1)).until(() ->
                countJobs(tenant, "succeeded") + countJobs(tenant, "failed") == 200);
        running.set(false);
        sampler.join();

        assertEquals(100, countJobs(tenant, "succeeded"), "exactly the jobs the credits cover ran");
        assertEquals(100, countJobs(tenant, "failed"));
        List<String> codes = jobs(tenant, "failed").stream().map(j -> (String) ((Map<?, ?>) j.get("error")).get("code"))
                .distinct().toList();
        assertEquals(List.of("insufficient_credits"), codes);
        await().atMost(Duration.ofSeconds(120)).until(() -> tenant.credit("reserved") == 0);
        assertEquals(0, tenant.credit("balance"));
        assertTrue(lowestAvailable.get() >= 0 && lowestBalance.get() >= 0,
                "sampled balance never negative: lowest balance " + lowestBalance + ", available " + lowestAvailable);
        Map<String, Object> r = reconciliation(tenant.id());
        System.out.println("[BillingIT] 200 concurrent jobs on 200 credits: " + r + ", lowest sampled balance "
                + lowestBalance + ", available " + lowestAvailable);
        assertEquals(true, r.get("consistent"), "cached pool = ledger sums = grants remaining: " + r);
        assertEquals(200L, num(r.get("captured")));
        assertEquals(100, ledger(tenant, "capture").size());
        assertEquals(100, ledger(tenant, "deny").size());
    }

    @Test
    @Order(2)
    void replayingTheWholeJobEventLogFromOffsetZeroChangesNoBalance() throws Exception {
        // Some history of every kind first: grants, reservations, captures, releases, a denial.
        TestTenant tenant = TestTenant.create(platform, 5);
        runSync(tenant, 200);
        runSync(tenant, 200);
        runSync(tenant, 402);
        Map<String, String> before = billingSnapshot();

        String group = "billing-replay-" + System.currentTimeMillis();
        platform.kill9("billing-service");
        platform.start("billing-service", Map.of("MP_MESSAGING_INCOMING_JOB_EVENTS_GROUP_ID", group));
        platform.awaitReady("billing-service", Duration.ofSeconds(300));
        Map<TopicPartition, Long> end = endOffsets(JOB_EVENTS);
        long total = end.values().stream().mapToLong(Long::longValue).sum();
        await().atMost(Duration.ofSeconds(300)).pollInterval(Duration.ofSeconds(1))
                .until(() -> committed(group, end.keySet()).equals(end));

        Map<String, String> after = billingSnapshot();
        System.out.println("[BillingIT] replayed " + total + " job events from offset 0 (group " + group + "): "
                + before.size() + " snapshot lines, equal=" + before.equals(after));
        assertEquals(before, after, "replaying the whole log changes no account, ledger line or grant");
        assertEquals(1L, num(reconciliation(tenant.id()).get("balance")));
    }

    @Test
    @Order(3)
    void billingKilledMidStreamChargesEveryJobExactlyOnce() throws Exception {
        TestTenant tenant = TestTenant.create(platform, 1000);
        ExecutorService pool = Executors.newFixedThreadPool(8);
        List<Future<String>> submits = new ArrayList<>();
        try {
            for (int i = 0; i < 60; i++) {
                submits.add(pool.submit(() -> tenant.api().contentType(ContentType.JSON)
                        .body(Map.of("steps", List.of(JobLifecycleIT.sheetStep("report"))))
                        .post("/v1/jobs").then().statusCode(202).extract().<String>path("id")));
            }
            await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(100))
                    .until(() -> ledger(tenant, "reserve").size() >= 10);
            int seenAtKill = ledger(tenant, "reserve").size();
            platform.kill9("billing-service");
            for (int i = 0; i < 20; i++) {  // submitted while billing is down: they wait in the log
                submits.add(pool.submit(() -> tenant.api().contentType(ContentType.JSON)
                        .body(Map.of("steps", List.of(JobLifecycleIT.sheetStep("report"))))
                        .post("/v1/jobs").then().statusCode(202).extract().<String>path("id")));
            }
            for (Future<String> f : submits) {
                f.get();
            }
            System.out.println("[BillingIT] billing-service killed with SIGKILL after " + seenAtKill
                    + " of 80 reservations");
        } finally {
            pool.shutdown();
        }
        platform.start("billing-service", Map.of());
        platform.awaitReady("billing-service", Duration.ofSeconds(300));

        await().atMost(Duration.ofSeconds(300)).pollInterval(Duration.ofSeconds(1))
                .until(() -> countJobs(tenant, "succeeded") == 80);
        // Billing catches up on the log after its restart: wait until every job's release is on the ledger.
        await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofSeconds(1))
                .until(() -> ledger(tenant, "release").size() >= 80);
        assertEquals(0, tenant.credit("reserved"));
        Map<String, Integer> perType = new TreeMap<>();
        for (String type : List.of("reserve", "capture", "release", "deny")) {
            List<Map<String, Object>> entries = ledger(tenant, type);
            perType.put(type, entries.size());
            long distinctJobs = entries.stream().map(e -> e.get("job_id")).distinct().count();
            assertEquals(entries.size(), distinctJobs, "one " + type + " per job");
        }
        Map<String, Object> r = reconciliation(tenant.id());
        System.out.println("[BillingIT] after kill -9 and restart: ledger entries " + perType + ", sums " + r);
        assertEquals(Map.of("capture", 80, "deny", 0, "release", 80, "reserve", 80), perType);
        assertEquals(160L, num(r.get("captured")), "80 jobs × 2 credits, none twice, none lost");
        assertEquals(840L, num(r.get("ledger_balance")));
        assertEquals(840, tenant.credit("balance"));
        assertEquals(true, r.get("consistent"), r.toString());
    }

    @Test
    @Order(4)
    void grantsAreConsumedSoonestExpiringFirstAndExpireOnTheLedger() {
        TestTenant tenant = TestTenant.create(platform, 0);
        String forever = grant(tenant, Map.of("amount", 10, "source", "manual"));
        String trial = grant(tenant, Map.of("amount", 4, "source", "trial",
                "expires_at", Instant.now().plus(Duration.ofDays(1)).toString()));
        String pack = grant(tenant, Map.of("amount", 5, "source", "pack",
                "expires_at", Instant.now().plus(Duration.ofDays(30)).toString()));
        runSync(tenant, 200);  // 2 credits, taken from the trial grant (expires first), though created after "forever"
        // The gateway answers when the step succeeded; billing captures from the event log right after.
        await().atMost(Duration.ofSeconds(30)).until(() -> tenant.credit("reserved") == 0);
        assertEquals(Map.of(trial, 2L, pack, 5L, forever, 10L), grantsRemaining(tenant));
        List<Object> order = tenant.api().get("/v1/credits/grants").then().statusCode(200).extract().jsonPath()
                .getList("grants.grant_id");
        assertEquals(List.of(trial, pack, forever), order, "listed in consumption order");

        String shortLived = grant(tenant, Map.of("amount", 3, "source", "pack",
                "expires_at", Instant.now().plusSeconds(4).toString()));
        await().atMost(Duration.ofSeconds(60)).until(() -> tenant.credit("balance") == 17);
        List<Map<String, Object>> expiries = ledger(tenant, "expire");
        assertEquals(1, expiries.size());
        assertEquals(shortLived, expiries.get(0).get("grant_id"));
        assertEquals(3L, num(expiries.get(0).get("amount")), "the whole unused grant expired");
        assertEquals(Map.of(trial, 2L, pack, 5L, forever, 10L, shortLived, 0L), grantsRemaining(tenant));
        runSync(tenant, 200);  // the trial's last 2 credits
        await().atMost(Duration.ofSeconds(30)).until(() -> tenant.credit("reserved") == 0);
        runSync(tenant, 200);  // then the pack's
        await().atMost(Duration.ofSeconds(30)).until(() -> tenant.credit("reserved") == 0);
        assertEquals(Map.of(trial, 0L, pack, 3L, forever, 10L, shortLived, 0L), grantsRemaining(tenant));
        assertEquals(true, reconciliation(tenant.id()).get("consistent"));
    }

    @Test
    @Order(5)
    void aKeyBeyondItsDailyBudgetIsDeniedWithBudgetExceeded() {
        TestTenant tenant = TestTenant.create(platform, 100);
        Map<String, Object> key = RestAssured.given().baseUri(platform.gatewayUrl()).auth().oauth2(Platform.ADMIN_KEY)
                .contentType(ContentType.JSON).body(Map.of("name", "budgeted"))
                .post("/admin/tenants/" + tenant.id() + "/keys").then().statusCode(201).extract().jsonPath().getMap("");
        String keyId = (String) key.get("id");
        TestTenant budgeted = new TestTenant(tenant.id(), (String) key.get("key"), tenant.gateway());
        admin().contentType(ContentType.JSON).body(Map.of("limit", 4))
                .put("/admin/tenants/" + tenant.id() + "/keys/" + keyId + "/budgets/day")
                .then().statusCode(200).body("limit", equalTo(4)).body("used", equalTo(0));

        runSync(budgeted, 200);
        runSync(budgeted, 200);
        budgeted.api().contentType(ContentType.JSON).queryParam("wait", 60)
                .body(Map.of("steps", List.of(JobLifecycleIT.sheetStep("report"))))
                .post("/v1/jobs").then().statusCode(402).contentType("application/problem+json")
                .body("code", equalTo("budget_exceeded"));
        runSync(tenant, 200);  // the tenant's other key has no budget
        admin().get("/admin/tenants/" + tenant.id() + "/budgets").then().statusCode(200)
                .body("budgets[0].api_key_id", equalTo(keyId)).body("budgets[0].used", equalTo(4))
                .body("budgets[0].remaining", equalTo(0));
        await().atMost(Duration.ofSeconds(30)).until(() -> tenant.credit("reserved") == 0);
        assertEquals(94, tenant.credit("balance"));
        List<Map<String, Object>> denials = ledger(tenant, "deny");
        assertEquals(1, denials.size());
        assertEquals("budget_exceeded", denials.get(0).get("code"));

        JsonPath usage = tenant.api().get("/v1/usage").then().statusCode(200).extract().jsonPath();
        assertEquals(3, usage.getInt("operations.find { it.operation == 'sheet_generation' }.steps"));
        assertEquals(6, usage.getInt("operations.find { it.operation == 'sheet_generation' }.credits"));
        assertEquals(6, usage.getInt("total_credits"));
    }

    @Test
    @Order(6)
    void creditsLowIsPublishedOncePerCrossing() throws Exception {
        TestTenant tenant = TestTenant.create(platform, 10);
        admin().contentType(ContentType.JSON).body(Map.of("low_balance_threshold", 5))
                .put("/admin/tenants/" + tenant.id() + "/billing-settings")
                .then().statusCode(200).body("low_balance_threshold", equalTo(5));
        for (int i = 0; i < 4; i++) {  // 10 → 8 → 6 → 4 (crosses 5) → 2 (stays below)
            runSync(tenant, 200);
        }
        await().atMost(Duration.ofSeconds(20)).until(() -> creditsLow(tenant.id()).size() == 1);
        Thread.sleep(1000);
        List<Map<String, Object>> low = creditsLow(tenant.id());
        assertEquals(1, low.size(), "one credits.low for one crossing: " + low);
        assertEquals(4L, num(low.get(0).get("balance")));
        assertEquals(5L, num(low.get(0).get("threshold")));
    }

    // --- helpers ---

    private static io.restassured.specification.RequestSpecification admin() {
        return RestAssured.given().baseUri(platform.gatewayUrl()).auth().oauth2(Platform.ADMIN_KEY);
    }

    private static void runSync(TestTenant tenant, int expectedStatus) {
        tenant.api().contentType(ContentType.JSON).queryParam("wait", 60)
                .body(Map.of("steps", List.of(JobLifecycleIT.sheetStep("report"))))
                .post("/v1/jobs").then().statusCode(expectedStatus);
    }

    private static String grant(TestTenant tenant, Map<String, Object> body) {
        return admin().contentType(ContentType.JSON).body(body).post("/admin/tenants/" + tenant.id() + "/credits")
                .then().statusCode(201).extract().path("grant_id");
    }

    private static Map<String, Long> grantsRemaining(TestTenant tenant) {
        List<Map<String, Object>> grants = tenant.api().get("/v1/credits/grants").then().statusCode(200)
                .extract().jsonPath().getList("grants");
        return grants.stream().collect(Collectors.toMap(g -> (String) g.get("grant_id"), g -> num(g.get("remaining"))));
    }

    private static List<Map<String, Object>> ledger(TestTenant tenant, String type) {
        List<Map<String, Object>> all = new ArrayList<>();
        String cursor = null;
        do {
            var request = tenant.api().queryParam("type", type).queryParam("limit", 500);
            if (cursor != null) {
                request = request.queryParam("before", cursor);
            }
            JsonPath page = request.get("/v1/credits/ledger").then().statusCode(200).extract().jsonPath();
            all.addAll(page.getList("entries"));
            cursor = page.getString("next_cursor");
        } while (cursor != null);
        return all;
    }

    private static List<Map<String, Object>> jobs(TestTenant tenant, String status) {
        List<Map<String, Object>> all = new ArrayList<>();
        String cursor = null;
        do {
            var request = tenant.api().queryParam("status", status).queryParam("limit", 100);
            if (cursor != null) {
                request = request.queryParam("cursor", cursor);
            }
            JsonPath page = request.get("/v1/jobs").then().statusCode(200).extract().jsonPath();
            all.addAll(page.getList("data"));
            cursor = page.getString("next_cursor");
        } while (cursor != null);
        return all;
    }

    private static int countJobs(TestTenant tenant, String status) {
        return jobs(tenant, status).size();
    }

    private static Map<String, Object> reconciliation(String tenantId) {
        return RestAssured.given().baseUri(platform.urlOf("billing-service")).auth().oauth2(Platform.INTERNAL_TOKEN)
                .get("/internal/accounts/" + tenantId + "/reconciliation").then().statusCode(200)
                .extract().jsonPath().getMap("");
    }

    private static long num(Object value) {
        return ((Number) value).longValue();
    }

    /** Every account, every ledger line, every grant and budget of billing's schema, as comparable text. */
    private static Map<String, String> billingSnapshot() throws Exception {
        Map<String, String> snapshot = new TreeMap<>();
        String url = platform.gatewayJdbcUrl().replace("currentSchema=gateway", "currentSchema=billing");
        try (Connection c = DriverManager.getConnection(url, "postgres", ""); Statement s = c.createStatement()) {
            snapshot.put("accounts", rows(s, "select tenant_id, balance, reserved from accounts order by tenant_id"));
            snapshot.put("ledger", rows(s, "select count(*), coalesce(max(id), 0), coalesce(sum(amount), 0) from ledger"));
            snapshot.put("grants", rows(s, "select id, remaining from grants order by id"));
            snapshot.put("reservations", rows(s, "select job_id, held, captured, status from reservations order by job_id"));
            snapshot.put("usage", rows(s, "select tenant_id, day, operation, steps, units, credits from usage_daily"
                    + " order by 1, 2, 3"));
        }
        return snapshot;
    }

    private static String rows(Statement s, String sql) throws Exception {
        StringBuilder out = new StringBuilder();
        try (ResultSet rs = s.executeQuery(sql)) {
            int columns = rs.getMetaData().getColumnCount();
            while (rs.next()) {
                for (int i = 1; i <= columns; i++) {
                    out.append(rs.getString(i)).append(i == columns ? '\n' : '|');
                }
            }
        }
        return out.toString();
    }

    private static Map<TopicPartition, Long> endOffsets(String topic) throws Exception {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, platform.kafkaBootstrap()))) {
            Map<TopicPartition, OffsetSpec> request = admin.describeTopics(List.of(topic)).allTopicNames().get()
                    .get(topic).partitions().stream()
                    .collect(Collectors.toMap(p -> new TopicPartition(topic, p.partition()), p -> OffsetSpec.latest()));
            Map<TopicPartition, Long> end = new HashMap<>();
            admin.listOffsets(request).all().get().forEach((tp, info) -> end.put(tp, info.offset()));
            return end;
        }
    }

    private static Map<TopicPartition, Long> committed(String group, java.util.Set<TopicPartition> partitions)
            throws Exception {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, platform.kafkaBootstrap()))) {
            Map<TopicPartition, OffsetAndMetadata> offsets = admin.listConsumerGroupOffsets(group)
                    .partitionsToOffsetAndMetadata().get();
            Map<TopicPartition, Long> committed = new HashMap<>();
            for (TopicPartition tp : partitions) {
                OffsetAndMetadata o = offsets.get(tp);
                committed.put(tp, o == null ? 0L : o.offset());
            }
            return committed;
        }
    }

    /** The credits.low records of a tenant on lamina.billing.events, read from the beginning. */
    private static List<Map<String, Object>> creditsLow(String tenantId) throws Exception {
        Map<TopicPartition, Long> end = endOffsets(BILLING_EVENTS);
        List<Map<String, Object>> found = new ArrayList<>();
        Map<String, Object> config = Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, platform.kafkaBootstrap(),
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName(),
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName(),
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(config)) {
            consumer.assign(end.keySet());
            consumer.seekToBeginning(end.keySet());
            long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
            while (end.entrySet().stream().anyMatch(e -> consumer.position(e.getKey()) < e.getValue())
                    && System.nanoTime() < deadline) {
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(500))) {
                    if (record.key() != null && record.key().equals(tenantId)) {
                        JsonPath json = JsonPath.from(record.value());
                        if ("credits.low".equals(json.getString("type"))) {
                            found.add(json.getMap(""));
                        }
                    }
                }
            }
        }
        return found;
    }
}
