package io.lamina.e2e;

import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A record no consumer can parse lands on the dead-letter topic; operators list it and replay it. */
class DeadLettersIT {

    private static Platform platform;

    @BeforeAll
    static void startPlatform() throws Exception {
        platform = Platform.get();
    }

    private static List<Map<String, Object>> deadLettersWithKey(String key) {
        return RestAssured.given().baseUri(platform.gatewayUrl()).auth().oauth2(Platform.ADMIN_KEY)
                .queryParam("topic", "lamina.ops.results.dlq").get("/admin/dead-letters")
                .then().statusCode(200).extract().jsonPath().getList("data.findAll { it.key == '" + key + "' }");
    }

    @Test
    void unparseableResultIsDeadLetteredListedAndReplayed() throws Exception {
        String key = "dlq-" + UUID.randomUUID();
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, platform.kafkaBootstrap(),
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class,
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class))) {
            producer.send(new ProducerRecord<>("lamina.ops.results", key, "this is not a step result")).get();
        }

        await().atMost(Duration.ofSeconds(30)).until(() -> deadLettersWithKey(key).size() == 1);
        Map<String, Object> letter = deadLettersWithKey(key).get(0);
        assertEquals("this is not a step result", letter.get("value"));
        @SuppressWarnings("unchecked")
        Map<String, String> headers = (Map<String, String>) letter.get("headers");
        assertEquals("lamina.ops.results", headers.get("dead-letter-topic"));
        assertTrue(headers.containsKey("dead-letter-reason"), "the reason travels with it: " + headers);

        RestAssured.given().baseUri(platform.gatewayUrl()).auth().oauth2(Platform.ADMIN_KEY)
                .contentType(ContentType.JSON)
                .body(Map.of("topic", letter.get("topic"), "partition", letter.get("partition"),
                        "offset", letter.get("offset")))
                .post("/admin/dead-letters/replay")
                .then().statusCode(202).body("replayed_to", equalTo("lamina.ops.results"));
        // Still unparseable, so the consumer dead-letters the replayed copy again: it did go round once more.
        await().atMost(Duration.ofSeconds(30)).until(() -> deadLettersWithKey(key).size() == 2);

        RestAssured.given().baseUri(platform.gatewayUrl()).auth().oauth2("not-the-admin-key")
                .get("/admin/dead-letters").then().statusCode(401);
    }
}
