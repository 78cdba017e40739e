import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringSerializer;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/**
 * CPU of a running webhook-service process per job event (not a test; see job-events-cpu.sh).
 *
 * <p>Publishes {@code jobs} jobs' worth of records to {@code lamina.jobs.events}, five per job as the gateway does
 * (job.submitted, three step.succeeded, job.completed) for tenants without endpoints and without {@code webhook_url}
 * (the jobs benchmark's case), plus billing's four records per such job on {@code lamina.billing.events} (reservation,
 * three captures), at {@code rate} jobs per second (0: all at once). It reads the service's CPU time
 * (utime + stime of every thread, /proc/&lt;pid&gt;/stat) before the first record and once the service's consumer group
 * has committed the end offsets of both topics, and prints CPU per job and per record, raw and with the idle rate (measured first,
 * over {@code idleSeconds}) taken out.
 *
 * <p>usage: java -cp 'webhook-service/target/quarkus-app/lib/main/*' JobEventsCpu.java bootstrap pid jobs rate idleSeconds
 */
public class JobEventsCpu {

    static final String TOPIC = "lamina.jobs.events";
    static final String BILLING_TOPIC = "lamina.billing.events";
    static final String GROUP = "webhook-service";

    public static void main(String[] args) throws Exception {
        String bootstrap = args[0];
        if (args[2].equals("dlq")) {
            deadLetterCheck(bootstrap);
            return;
        }
        long pid = Long.parseLong(args[1]);
        int jobs = Integer.parseInt(args[2]);
        double rate = Double.parseDouble(args[3]);
        int idleSeconds = Integer.parseInt(args[4]);
        long tck = 100; // USER_HZ on Linux
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap));
             KafkaProducer<String, String> producer = new KafkaProducer<>(Map.of(
                     ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                     ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class,
                     ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class,
                     ProducerConfig.LINGER_MS_CONFIG, 0))) {
            awaitCaughtUp(admin, 120);
            long idle0 = cpuTicks(pid);
            long t0 = System.nanoTime();
            TimeUnit.SECONDS.sleep(idleSeconds);
            double idleMsPerSecond = (cpuTicks(pid) - idle0) * 1000.0 / tck / ((System.nanoTime() - t0) / 1e9);

            long cpu0 = cpuTicks(pid);
            long start = System.nanoTime();
            for (int j = 0; j < jobs; j++) {
                if (rate > 0) {
                    long due = start + (long) (j / rate * 1e9);
                    long wait = due - System.nanoTime();
                    if (wait > 0) {
                        TimeUnit.NANOSECONDS.sleep(wait);
                    }
                }
                String tenant = "t_bench_" + (j % 4 + 1);
                String job = "job_" + UUID.randomUUID();
                for (String record : jobRecords(tenant, job)) {
                    producer.send(new ProducerRecord<>(TOPIC, job, record));
                }
                for (String record : billingRecords(tenant, job)) {
                    producer.send(new ProducerRecord<>(BILLING_TOPIC, job, record));
                }
            }
            producer.flush();
            double produced = (System.nanoTime() - start) / 1e9;
            awaitCaughtUp(admin, 600);
            double seconds = (System.nanoTime() - start) / 1e9;
            long cpu = cpuTicks(pid) - cpu0;
            int events = jobs * 5;
            double cpuMs = cpu * 1000.0 / tck;
            System.out.printf("idle: %.1f ms CPU per second (over %d s)%n", idleMsPerSecond, idleSeconds);
            System.out.printf("%d jobs = %d job events + %d billing events published in %.1f s (rate %s), all committed"
                    + " after %.1f s%n", jobs, events, jobs * 4, produced, rate > 0 ? rate + " jobs/s" : "unpaced", seconds);
            System.out.printf("CPU %.0f ms: %.2f ms per job raw (%.3f ms per record); %.2f ms per job without the idle "
                            + "rate (%.3f ms per record)%n", cpuMs, cpuMs / jobs, cpuMs / (jobs * 9),
                    (cpuMs - idleMsPerSecond * seconds) / jobs, (cpuMs - idleMsPerSecond * seconds) / (jobs * 9));
        }
    }

    /** What the gateway publishes for one job of three sheet steps that all succeed. */
    static List<String> jobRecords(String tenant, String job) {
        Instant now = Instant.now();
        String env = "\"version\":1,\"time\":\"" + now + "\",\"tenant_id\":\"" + tenant + "\",\"job_id\":\"" + job + "\"";
        StringBuilder steps = new StringBuilder();
        StringBuilder estimates = new StringBuilder();
        String[] ids = {"a", "b", "c"};
        List<String> out = new java.util.ArrayList<>();
        out.add(null);
        for (String s : ids) {
            estimates.append(estimates.isEmpty() ? "" : ",")
                    .append("{\"step_id\":\"").append(s).append("\",\"operation\":\"sheet_generation\",\"units\":2}");
            String output = "{\"type\":\"blob\",\"blob_id\":\"blob_" + UUID.randomUUID() + "\",\"name\":\"report.csv\","
                    + "\"mime_type\":\"text/csv\",\"size\":52}";
            out.add("{\"type\":\"step.succeeded\",\"event_id\":\"" + UUID.randomUUID() + "\"," + env
                    + ",\"step_id\":\"" + s + "\",\"operation\":\"sheet_generation\",\"attempt\":1,"
                    + "\"usage\":{\"unit\":\"calls\",\"quantity\":1},\"output\":" + output + "}");
            steps.append(steps.isEmpty() ? "" : ",").append("{\"step_id\":\"").append(s)
                    .append("\",\"operation\":\"sheet_generation\",\"status\":\"succeeded\",\"output\":").append(output)
                    .append("}");
        }
        out.set(0, "{\"type\":\"job.submitted\",\"event_id\":\"" + UUID.randomUUID() + "\"," + env + ",\"steps\":["
                + estimates + "],\"api_key_id\":\"key_1\"}");
        out.add("{\"type\":\"job.completed\",\"event_id\":\"" + UUID.randomUUID() + "\"," + env + ",\"steps\":["
                + steps + "]}");
        return out;
    }

    /**
     * Publishes three records that cannot be handled (on the job events: not JSON, a job.completed without event_id;
     * on the billing events: not JSON) and prints what arrives on the dead-letter topics for them within 30 s, with
     * the headers.
     */
    static void deadLetterCheck(String bootstrap) throws Exception {
        String key = "dlq-check-" + UUID.randomUUID();
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class,
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class))) {
            producer.send(new ProducerRecord<>(TOPIC, key, "this is not a job event")).get();
            producer.send(new ProducerRecord<>(TOPIC, key, "{\"type\":\"job.completed\",\"time\":\""
                    + Instant.now() + "\",\"tenant_id\":\"t\",\"job_id\":\"j\",\"steps\":[]}")).get();
            producer.send(new ProducerRecord<>(BILLING_TOPIC, key, "this is not a billing event")).get();
        }
        try (var consumer = new org.apache.kafka.clients.consumer.KafkaConsumer<String, String>(Map.of(
                "bootstrap.servers", bootstrap, "group.id", "dlq-check-" + UUID.randomUUID(),
                "auto.offset.reset", "earliest",
                "key.deserializer", org.apache.kafka.common.serialization.StringDeserializer.class,
                "value.deserializer", org.apache.kafka.common.serialization.StringDeserializer.class))) {
            consumer.subscribe(List.of(TOPIC + ".dlq", BILLING_TOPIC + ".dlq"));
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            int found = 0;
            while (found < 3 && System.nanoTime() < deadline) {
                for (var r : consumer.poll(java.time.Duration.ofMillis(500))) {
                    if (!key.equals(r.key())) {
                        continue;
                    }
                    found++;
                    StringBuilder h = new StringBuilder();
                    r.headers().forEach(x -> h.append(h.isEmpty() ? "" : ", ").append(x.key()).append('=')
                            .append(new String(x.value(), java.nio.charset.StandardCharsets.UTF_8)));
                    System.out.printf("   dead letter on %s: %s%n     headers: %s%n", r.topic(), r.value(), h);
                }
            }
            System.out.printf("   %d of 3 dead letters arrived%n", found);
        }
    }

    /** What billing publishes for such a job: the reservation and one capture per step. */
    static List<String> billingRecords(String tenant, String job) {
        String env = "\"version\":1,\"time\":\"" + Instant.now() + "\",\"tenant_id\":\"" + tenant
                + "\",\"job_id\":\"" + job + "\"";
        List<String> out = new java.util.ArrayList<>();
        out.add("{\"type\":\"credits.reserved\",\"event_id\":\"" + UUID.randomUUID() + "\"," + env
                + ",\"amount\":6,\"available\":100000}");
        for (String s : new String[] {"a", "b", "c"}) {
            out.add("{\"type\":\"credits.captured\",\"event_id\":\"" + UUID.randomUUID() + "\"," + env
                    + ",\"step_id\":\"" + s + "\",\"amount\":2,\"balance\":99990}");
        }
        return out;
    }

    static long cpuTicks(long pid) throws Exception {
        String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
        String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        return Long.parseLong(f[11]) + Long.parseLong(f[12]); // utime, stime (fields 14 and 15)
    }

    /** Waits until the group's committed offsets reach the topic's end offsets. */
    static void awaitCaughtUp(Admin admin, int timeoutSeconds) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(timeoutSeconds);
        while (true) {
            Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(GROUP)
                    .partitionsToOffsetAndMetadata().get();
            Map<TopicPartition, OffsetSpec> specs = new HashMap<>();
            java.util.Set<String> existing = admin.listTopics().names().get();
            List<String> topics = java.util.stream.Stream.of(TOPIC, BILLING_TOPIC).filter(existing::contains).toList();
            for (var topic : admin.describeTopics(topics).allTopicNames().get().values()) {
                topic.partitions().forEach(p -> specs.put(new TopicPartition(topic.name(), p.partition()),
                        OffsetSpec.latest()));
            }
            var ends = admin.listOffsets(specs).all().get();
            boolean done = true;
            for (var e : ends.entrySet()) {
                OffsetAndMetadata c = committed.get(e.getKey());
                long end = e.getValue().offset();
                if (end > 0 && (c == null || c.offset() < end)) {
                    done = false;
                }
            }
            if (done) {
                return;
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("consumer group " + GROUP + " did not catch up: " + committed + " vs " + ends);
            }
            TimeUnit.MILLISECONDS.sleep(200);
        }
    }
}
