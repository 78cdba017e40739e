import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * The parts of billing-service/bench/run.sh that talk to Kafka and PostgreSQL:
 *   produce <bootstrap> <topic> <jobs> <tenants>     job.submitted + step.succeeded + job.completed per job
 *   kafka   <bootstrap> <topic> <records>           raw consume rate of the topic (no parsing, no database)
 *   billing <jdbc url> <events>                     waits until billing has applied every event; events/s
 *   jdbc    <jdbc url> <jobs> <tenants>             baseline: the same rows, plain JDBC, one transaction per event
 */
public class BillingBench {

    public static void main(String[] args) throws Exception {
        switch (args[0]) {
            case "produce" -> produce(args[1], args[2], Integer.parseInt(args[3]), Integer.parseInt(args[4]));
            case "kafka" -> kafka(args[1], args[2], Long.parseLong(args[3]));
            case "billing" -> billing(args[1], Long.parseLong(args[2]));
            case "jdbc" -> jdbc(args[1], Integer.parseInt(args[2]), Integer.parseInt(args[3]));
            default -> throw new IllegalArgumentException(args[0]);
        }
    }

    static String tenant(int i) {
        return "bench-tenant-" + i;
    }

    static void produce(String bootstrap, String topic, int jobs, int tenants) {
        Map<String, Object> config = Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName(),
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName(),
                ProducerConfig.LINGER_MS_CONFIG, 5, ProducerConfig.ACKS_CONFIG, "all");
        String now = Instant.now().toString();
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(config)) {
            for (int j = 0; j < jobs; j++) {
                String job = UUID.randomUUID().toString();
                String tenant = tenant(j % tenants);
                String envelope = "\"version\":1,\"time\":\"" + now + "\",\"tenant_id\":\"" + tenant
                        + "\",\"job_id\":\"" + job + "\"";
                producer.send(new ProducerRecord<>(topic, job, "{\"type\":\"job.submitted\",\"event_id\":\""
                        + UUID.randomUUID() + "\"," + envelope + ",\"steps\":[{\"step_id\":\"s\","
                        + "\"operation\":\"sheet_generation\",\"estimated_units\":1}]}"));
                producer.send(new ProducerRecord<>(topic, job, "{\"type\":\"step.succeeded\",\"event_id\":\""
                        + UUID.randomUUID() + "\"," + envelope + ",\"step_id\":\"s\",\"operation\":\"sheet_generation\","
                        + "\"attempt\":1,\"usage\":{\"units\":1,\"unit\":\"calls\"},\"output\":{}}"));
                producer.send(new ProducerRecord<>(topic, job, "{\"type\":\"job.completed\",\"event_id\":\""
                        + UUID.randomUUID() + "\"," + envelope + ",\"steps\":[]}"));
            }
            producer.flush();
        }
    }

    static void kafka(String bootstrap, String topic, long records) {
        Map<String, Object> config = Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName(),
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName(),
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(config)) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
                    .map(p -> new TopicPartition(topic, p.partition())).collect(Collectors.toList());
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            long seen = 0;
            long bytes = 0;
            long start = System.nanoTime();
            while (seen < records) {
                ConsumerRecords<String, String> batch = consumer.poll(java.time.Duration.ofMillis(500));
                seen += batch.count();
                for (var r : batch) {
                    bytes += r.value().length();
                }
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            System.out.printf("kafka_records=%d kafka_seconds=%.3f kafka_rate=%.0f kafka_bytes=%d%n", seen, seconds,
                    seen / seconds, bytes);
        }
    }

    /**
     * Waits for billing to apply {@code events} job events and prints its rate over the window from the start of its
     * first batch's transaction ({@code min(processed_events.processed_at)}, the transaction's start time) to the moment
     * the last ledger line is seen committed (polled every 10 ms, on the ledger's primary key, counting only the lines
     * added since the previous poll). The window therefore holds every batch's database work and commit; only the JSON
     * parsing of the first batch, before its transaction starts, falls outside. Also prints the older figure taken on
     * the ledger's own timestamps (first to last line applied in memory), which leaves out the first batch's inbox and
     * lock statements and the last batch's writes and commit, i.e. more the larger the batches.
     */
    static void billing(String url, long events) throws Exception {
        try (Connection c = DriverManager.getConnection(url, "postgres", "");
             PreparedStatement poll = c.prepareStatement("select count(*) filter (where event_id is not null),"
                     + " max(id) from ledger where id > ?")) {
            long deadline = System.nanoTime() + 900_000_000_000L;
            long applied = 0;
            long lastId = 0;
            long seenAtMillis = 0;
            while (System.nanoTime() < deadline) {
                poll.setLong(1, lastId);
                try (ResultSet rs = poll.executeQuery()) {
                    rs.next();
                    applied += rs.getLong(1);
                    long max = rs.getLong(2);
                    if (!rs.wasNull()) {
                        lastId = max;
                    }
                }
                if (applied >= events) {
                    seenAtMillis = System.currentTimeMillis();
                    break;
                }
                Thread.sleep(applied == 0 ? 100 : 10);
            }
            try (Statement s = c.createStatement()) {
                double firstTxStart;
                long processed;
                try (ResultSet rs = s.executeQuery("select extract(epoch from min(processed_at)), count(*)"
                        + " from processed_events")) {
                    rs.next();
                    firstTxStart = rs.getDouble(1);
                    processed = rs.getLong(2);
                }
                try (ResultSet rs = s.executeQuery("select count(*), extract(epoch from max(created_at) - min(created_at))"
                        + " from ledger where event_id is not null")) {
                    rs.next();
                    long count = rs.getLong(1);
                    double span = rs.getDouble(2);
                    double seconds = seenAtMillis / 1000.0 - firstTxStart;
                    System.out.printf("billing_events=%d billing_seconds=%.3f billing_rate=%.0f processed_events=%d"
                                    + " ledger_span_seconds=%.3f ledger_span_rate=%.0f%n", count, seconds,
                            count / seconds, processed, span, count / span);
                }
            }
            try (Statement s = c.createStatement();
                 ResultSet rs = s.executeQuery("select count(*) filter (where balance <> (select coalesce(sum(remaining),0)"
                    + " from grants g where g.tenant_id = a.tenant_id)), count(*), sum(balance), sum(reserved)"
                    + " from accounts a")) {
                rs.next();
                System.out.printf("accounts=%d inconsistent_accounts=%d balance_sum=%d reserved_sum=%d%n",
                        rs.getLong(2), rs.getLong(1), rs.getLong(3), rs.getLong(4));
            }
        }
    }

    /**
     * The rows billing writes per event, inserted with plain JDBC in a schema of their own, one transaction per event
     * (as billing commits one per event): processed_events, ledger, outbox, plus the reservation for job.submitted.
     */
    static void jdbc(String url, int jobs, int tenants) throws Exception {
        try (Connection c = DriverManager.getConnection(url, "postgres", "")) {
            try (Statement s = c.createStatement()) {
                s.execute("drop schema if exists bench_baseline cascade");
                s.execute("create schema bench_baseline");
                s.execute("create table bench_baseline.processed_events (event_id text primary key,"
                        + " processed_at timestamptz not null default now())");
                s.execute("create table bench_baseline.ledger (id bigserial primary key, tenant_id text not null,"
                        + " entry_type text not null, amount bigint not null, job_id text, step_id text, event_id text,"
                        + " created_at timestamptz not null default now())");
                s.execute("create table bench_baseline.outbox (id bigserial primary key, topic text not null,"
                        + " msg_key text, payload text not null, created_at timestamptz not null default now())");
                s.execute("create table bench_baseline.reservations (job_id text primary key, tenant_id text not null,"
                        + " amount bigint not null, created_at timestamptz not null default now())");
            }
            c.setAutoCommit(false);
            PreparedStatement inbox = c.prepareStatement("insert into bench_baseline.processed_events (event_id)"
                    + " values (?)");
            PreparedStatement ledger = c.prepareStatement("insert into bench_baseline.ledger (tenant_id, entry_type,"
                    + " amount, job_id, step_id, event_id) values (?, ?, 2, ?, ?, ?)");
            PreparedStatement outbox = c.prepareStatement("insert into bench_baseline.outbox (topic, msg_key, payload)"
                    + " values ('lamina.billing.events', ?, ?)");
            PreparedStatement reservation = c.prepareStatement("insert into bench_baseline.reservations (job_id,"
                    + " tenant_id, amount) values (?, ?, 2)");
            String[] types = {"reserve", "capture", "release"};
            long start = System.nanoTime();
            for (int j = 0; j < jobs; j++) {
                String job = UUID.randomUUID().toString();
                String tenant = tenant(j % tenants);
                for (String type : types) {
                    String event = UUID.randomUUID().toString();
                    inbox.setString(1, event);
                    inbox.executeUpdate();
                    if (type.equals("reserve")) {
                        reservation.setString(1, job);
                        reservation.setString(2, tenant);
                        reservation.executeUpdate();
                    }
                    ledger.setString(1, tenant);
                    ledger.setString(2, type);
                    ledger.setString(3, job);
                    ledger.setString(4, type.equals("capture") ? "s" : null);
                    ledger.setString(5, event);
                    ledger.executeUpdate();
                    outbox.setString(1, job);
                    outbox.setString(2, "{\"type\":\"credits." + type + "\",\"event_id\":\"" + UUID.randomUUID()
                            + "\",\"tenant_id\":\"" + tenant + "\",\"job_id\":\"" + job + "\",\"amount\":2}");
                    outbox.executeUpdate();
                    c.commit();
                }
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            System.out.printf("jdbc_events=%d jdbc_seconds=%.3f jdbc_rate=%.0f%n", jobs * 3L, seconds,
                    jobs * 3L / seconds);
        }
    }
}
