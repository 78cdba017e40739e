package io.lamina.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;

import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** Internal integrators submit jobs on lamina.jobs.submissions and follow them on lamina.jobs.events. */
class KafkaSubmissionsIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static Platform platform;

    @BeforeAll
    static void startPlatform() throws Exception {
        platform = Platform.get();
    }

    private static void publish(String key, Object submission) throws Exception {
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, platform.kafkaBootstrap(),
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class,
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class))) {
            producer.send(new ProducerRecord<>("lamina.jobs.submissions", key,
                    submission instanceof String s ? s : JSON.writeValueAsString(submission))).get();
        }
    }

    /** Job events matching {@code filter}, read from the start of the topic until {@code count} are seen. */
    private static List<JsonNode> events(Predicate<JsonNode> filter, int count) {
        List<JsonNode> found = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, platform.kafkaBootstrap(),
                ConsumerConfig.GROUP_ID_CONFIG, "e2e-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class,
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class))) {
            consumer.subscribe(List.of("lamina.jobs.events"));
            long deadline = System.currentTimeMillis() + 30_000;
            while (found.size() < count && System.currentTimeMillis() < deadline) {
                for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofMillis(500))) {
                    try {
                        JsonNode event = JSON.readTree(r.value());
                        if (filter.test(event)) {
                            found.add(event);
                        }
                    } catch (Exception notJson) {
                        // other producers' records are not this test's business
                    }
                }
            }
        }
        return found;
    }

    private static Map<String, Object> submission(String id, String tenantId, Map<String, Object> job) {
        return Map.of("submission_id", id, "version", 1, "time", "2026-11-24T08:00:00Z", "tenant_id", tenantId,
                "job", job);
    }

    @Test
    void aSubmissionRunsLikeARestJobAndARepeatMakesNoSecondJob() throws Exception {
        TestTenant tenant = TestTenant.create(platform, 20);
        String id = "sub-" + UUID.randomUUID();
        Map<String, Object> record = submission(id, tenant.id(),
                Map.of("steps", List.of(JobLifecycleIT.sheetStep("report"))));
        publish(id, record);
        publish(id, record);

        List<JsonNode> submitted = events(e -> id.equals(e.path("submission_id").asText())
                && "job.submitted".equals(e.path("type").asText()), 1);
        assertEquals(1, submitted.size(), "the submission is announced with its id");
        String jobId = submitted.get(0).path("job_id").asText();
        await().atMost(Duration.ofSeconds(30)).until(() -> "succeeded".equals(
                tenant.api().get("/v1/jobs/" + jobId).then().statusCode(200).extract().path("status")));
        await().atMost(Duration.ofSeconds(20)).until(() -> tenant.credit("reserved") == 0);
        assertEquals(18, tenant.credit("balance"), "one job ran");
        tenant.api().get("/v1/jobs").then().body("data.size()", equalTo(1));
    }

    @Test
    void refusedSubmissionsArePublishedAsRejectionsWithTheRestCode() throws Exception {
        TestTenant tenant = TestTenant.create(platform, 20);
        String badOperation = "sub-" + UUID.randomUUID();
        publish(badOperation, submission(badOperation, tenant.id(), Map.of("steps", List.of(
                Map.of("id", "a", "operation", "make_coffee", "params", Map.of())))));
        String unknownTenant = "sub-" + UUID.randomUUID();
        publish(unknownTenant, submission(unknownTenant, UUID.randomUUID().toString(),
                Map.of("steps", List.of(JobLifecycleIT.sheetStep("report")))));

        List<JsonNode> rejected = events(e -> "job.rejected".equals(e.path("type").asText())
                && List.of(badOperation, unknownTenant).contains(e.path("submission_id").asText()), 2);
        assertEquals(2, rejected.size(), "both refusals are published: " + rejected);
        for (JsonNode r : rejected) {
            String expected = r.path("submission_id").asText().equals(badOperation)
                    ? "unknown_operation" : "unknown_tenant";
            assertEquals(expected, r.path("error").path("code").asText());
        }
        tenant.api().get("/v1/jobs").then().body("data.size()", equalTo(0));
    }
}
