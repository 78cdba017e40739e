package io.lamina.gateway.service;

import io.lamina.problem.ApiException;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Records that Lamina's consumers could not take ({@code <topic>.dlq}, written by SmallRye with its
 * {@code dead-letter-*} headers): listed for operators, and replayed to the topic they came from once the cause is
 * mended. Reads with a short-lived consumer that joins no group, so nothing here moves any service's offsets.
 */
@ApplicationScoped
public class DeadLetters {

    private static final String SUFFIX = ".dlq";
    private static final int MAX_VALUE_CHARS = 4096;

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrap;

    public record DeadLetter(String topic, int partition, long offset, long timestamp, String key, String value,
                             Map<String, String> headers) {
    }

    /** The newest records of every dead-letter topic (or of {@code topic}), at most {@code limit} per partition. */
    public List<DeadLetter> list(String topic, int limit) {
        try (KafkaConsumer<String, String> consumer = consumer()) {
            List<TopicPartition> partitions = partitions(consumer, topic);
            consumer.assign(partitions);
            Map<TopicPartition, Long> ends = consumer.endOffsets(partitions);
            for (TopicPartition tp : partitions) {
                consumer.seek(tp, Math.max(0, ends.get(tp) - limit));
            }
            List<DeadLetter> found = new ArrayList<>();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
            while (!caughtUp(consumer, ends) && System.nanoTime() < deadline) {
                for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofMillis(200))) {
                    found.add(view(r));
                }
            }
            return found;
        }
    }

    /** Publishes one dead letter again to the topic it was dead-lettered from; returns that topic. */
    public String replay(String topic, int partition, long offset) {
        if (topic == null || !topic.endsWith(SUFFIX)) {
            throw ApiException.unprocessable("invalid_request", "topic: a dead-letter topic (…" + SUFFIX + ")");
        }
        try (KafkaConsumer<String, String> consumer = consumer()) {
            TopicPartition tp = new TopicPartition(topic, partition);
            consumer.assign(List.of(tp));
            consumer.seek(tp, offset);
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
            while (System.nanoTime() < deadline) {
                for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofMillis(200))) {
                    if (r.offset() == offset) {
                        String origin = header(r, "dead-letter-topic");
                        String target = origin != null ? origin : topic.substring(0, topic.length() - SUFFIX.length());
                        try (KafkaProducer<String, String> producer = producer()) {
                            producer.send(new ProducerRecord<>(target, r.key(), r.value())).get(10, TimeUnit.SECONDS);
                        } catch (Exception e) {
                            throw new IllegalStateException("replay to " + target + " failed", e);
                        }
                        return target;
                    }
                }
            }
        }
        throw ApiException.notFound("dead letter " + topic + "/" + partition + "@" + offset);
    }

    private List<TopicPartition> partitions(KafkaConsumer<String, String> consumer, String topic) {
        List<TopicPartition> partitions = new ArrayList<>();
        consumer.listTopics(Duration.ofSeconds(5)).forEach((name, infos) -> {
            if (name.startsWith("lamina.") && name.endsWith(SUFFIX) && (topic == null || topic.equals(name))) {
                infos.forEach(i -> partitions.add(new TopicPartition(name, i.partition())));
            }
        });
        return partitions;
    }

    private static boolean caughtUp(KafkaConsumer<String, String> consumer, Map<TopicPartition, Long> ends) {
        return ends.entrySet().stream().allMatch(e -> consumer.position(e.getKey()) >= e.getValue());
    }

    private static DeadLetter view(ConsumerRecord<String, String> r) {
        Map<String, String> headers = new LinkedHashMap<>();
        for (Header h : r.headers()) {
            if (h.key().startsWith("dead-letter-") && h.value() != null) {
                headers.put(h.key(), new String(h.value(), StandardCharsets.UTF_8));
            }
        }
        String value = r.value() == null || r.value().length() <= MAX_VALUE_CHARS
                ? r.value() : r.value().substring(0, MAX_VALUE_CHARS) + "…";
        return new DeadLetter(r.topic(), r.partition(), r.offset(), r.timestamp(), r.key(), value, headers);
    }

    private static String header(ConsumerRecord<String, String> r, String key) {
        Header h = r.headers().lastHeader(key);
        return h == null || h.value() == null ? null : new String(h.value(), StandardCharsets.UTF_8);
    }

    private KafkaConsumer<String, String> consumer() {
        return new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class,
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class));
    }

    private KafkaProducer<String, String> producer() {
        return new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class,
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class));
    }
}
