package io.lamina.e2e;

import java.io.IOException;
import java.net.HttpURLConnection;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The packaged services, started as real processes against the Kafka broker and PostgreSQL server that
 * {@code ./lamina test} runs for the suite. One instance serves every test class of the run; each run gets a database
 * of its own. Only the services the tests need are started.
 */
public final class Platform {

    public static final String ADMIN_KEY = "lam_admin_e2e_" + UUID.randomUUID();
    /** What the gateway presents to billing and webhook, whose internal APIs refuse any other caller. */
    public static final String INTERNAL_TOKEN = "lam_internal_e2e_" + UUID.randomUUID();
    /** Small on purpose, so the oversize-upload test needs little data. */
    public static final String MAX_UPLOAD = "1M";

    private static Platform instance;

    private final Path root;
    private final Path work;
    private final String kafka;
    private final int pgPort;
    private final String database;
    static final int MAX_IN_FLIGHT = 4;
    static final int MAX_QUEUED_STEPS = 600;
    private final Map<String, Integer> ports = new LinkedHashMap<>();
    private final Map<String, Process> processes = new HashMap<>();

    private Platform() throws Exception {
        root = Path.of(System.getProperty("lamina.root", "../..")).toAbsolutePath().normalize();
        work = root.resolve("tests/end-to-end/target/e2e");
        kafka = System.getProperty("lamina.test.kafka", "127.0.0.1:49092");
        pgPort = Integer.parseInt(System.getProperty("lamina.test.pg.port", "55433"));
        database = "e2e_" + System.currentTimeMillis();
        // Ports base+0..6; another checkout's run (LAMINA_TEST_PORT_OFFSET) moves them.
        int base = Integer.parseInt(System.getProperty("lamina.test.service.port.base", "18080"));
        ports.put("billing-service", base + 5);
        ports.put("webhook-service", base + 6);
        ports.put("sheet-service", base + 4);
        ports.put("extraction-service", base + 1);
        ports.put("image-service", base + 2);
        ports.put("docgen-service", base + 3);
        ports.put("gateway-service", base);
        Files.createDirectories(work.resolve("logs"));
        Files.createDirectories(work.resolve("blobs"));
        try (Connection c = DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + pgPort + "/postgres",
                "postgres", ""); Statement s = c.createStatement()) {
            s.execute("create database " + database);
        }
    }

    private static Exception failure;

    /** Starts every service once per test run and waits until all are ready. */
    public static synchronized Platform get() throws Exception {
        if (failure != null) {
            throw new IllegalStateException("the platform did not start earlier in this run", failure);
        }
        if (instance == null) {
            Platform p = new Platform();
            Runtime.getRuntime().addShutdownHook(new Thread(p::stopAll));
            try {
                for (String service : p.ports.keySet()) {
                    p.start(service, Map.of());
                }
                for (String service : p.ports.keySet()) {
                    p.awaitReady(service, Duration.ofSeconds(300));
                }
            } catch (Exception e) {
                // Stop what did start, so that no second set of services fights over the ports.
                p.stopAll();
                failure = e;
                throw e;
            }
            instance = p;
        }
        return instance;
    }

    public String gatewayUrl() {
        return "http://127.0.0.1:" + ports.get("gateway-service");
    }

    /** Base URL of a running service, e.g. for its health and metrics endpoints. */
    public String urlOf(String service) {
        return "http://127.0.0.1:" + ports.get(service);
    }

    public java.util.Set<String> services() {
        return ports.keySet();
    }

    /** The gateway's schema in this run's database, for tests that must look at or age stored rows. */
    public String gatewayJdbcUrl() {
        return "jdbc:postgresql://127.0.0.1:" + pgPort + "/" + database + "?currentSchema=gateway";
    }

    public String kafkaBootstrap() {
        return kafka;
    }

    public Path logOf(String service) {
        return work.resolve("logs").resolve(service + ".log");
    }

    public void start(String service, Map<String, String> extraEnv) throws IOException {
        Path jar = root.resolve(service).resolve("target/quarkus-app/quarkus-run.jar");
        if (!Files.exists(jar)) {
            throw new IllegalStateException(jar + " is missing: run the build (./lamina test does) first");
        }
        // The launcher's JVM options (deploy/local/lib/services.sh): small heaps, C1 only for a quick start on two cores.
        List<String> cmd = new ArrayList<>(List.of("java", "-Xms16m", "-Xmx256m", "-XX:+UseSerialGC",
                "-XX:TieredStopAtLevel=1", "-XX:ReservedCodeCacheSize=48m", "-Xss512k", "-jar", jar.toString()));
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(logOf(service).toFile()));
        Map<String, String> env = pb.environment();
        env.put("QUARKUS_HTTP_PORT", String.valueOf(ports.get(service)));
        env.put("QUARKUS_HTTP_HOST", "127.0.0.1");
        env.put("KAFKA_BOOTSTRAP_SERVERS", kafka);
        env.put("LAMINA_DB_HOST", "127.0.0.1");
        env.put("LAMINA_DB_PORT", String.valueOf(pgPort));
        env.put("LAMINA_DB_NAME", database);
        env.put("LAMINA_DB_USER", "postgres");
        env.put("LAMINA_BLOBS_DIR", work.resolve("blobs").toString());
        env.put("OMP_THREAD_LIMIT", "1");
        env.put("LAMINA_INTERNAL_TOKEN", INTERNAL_TOKEN); // read by the gateway, billing and webhook
        switch (service) {
            case "gateway-service" -> {
                env.put("LAMINA_ADMIN_KEY", ADMIN_KEY);
                env.put("LAMINA_BILLING_URL", "http://127.0.0.1:" + ports.get("billing-service"));
                env.put("LAMINA_WEBHOOK_URL", "http://127.0.0.1:" + ports.get("webhook-service"));
                env.put("LAMINA_FILES_MAX_BYTES", MAX_UPLOAD);
                // Small enough for FanOutAndFairnessIT to fill: 4 running steps per tenant and operation, 600 queued.
                env.put("LAMINA_JOBS_MAX_IN_FLIGHT_PER_TENANT", String.valueOf(MAX_IN_FLIGHT));
                env.put("LAMINA_JOBS_MAX_QUEUED_STEPS_PER_TENANT", String.valueOf(MAX_QUEUED_STEPS));
            }
            case "webhook-service" -> env.put("LAMINA_WEBHOOKS_ALLOWED_HOSTS", "127.0.0.1,localhost");
            // Web pages in the tests come from loopback servers (CompatIT, McpIT).
            case "extraction-service" -> env.put("LAMINA_EXTRACTION_WEB_ALLOWED_HOSTS", "127.0.0.1");
            default -> {
            }
        }
        env.putAll(extraEnv);
        processes.put(service, pb.start());
    }

    /** SIGKILL: no shutdown hooks, no offset commits, no goodbye to the consumer group. */
    public void kill9(String service) throws InterruptedException {
        Process p = processes.remove(service);
        if (p != null) {
            p.destroyForcibly();
            p.waitFor();
        }
    }

    public void awaitReady(String service, Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        URI ready = URI.create("http://127.0.0.1:" + ports.get(service) + "/q/health/ready");
        while (System.nanoTime() < deadline) {
            Process p = processes.get(service);
            if (p != null && !p.isAlive()) {
                throw new IllegalStateException(service + " exited with " + p.exitValue() + "; see " + logOf(service));
            }
            try {
                HttpURLConnection c = (HttpURLConnection) ready.toURL().openConnection();
                c.setConnectTimeout(1000);
                c.setReadTimeout(2000);
                if (c.getResponseCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // not listening yet
            }
            Thread.sleep(250);
        }
        throw new IllegalStateException(service + " not ready after " + timeout + "; see " + logOf(service));
    }

    private void stopAll() {
        processes.values().forEach(Process::destroy);
        for (Process p : processes.values()) {
            try {
                if (!p.waitFor(15, java.util.concurrent.TimeUnit.SECONDS)) {
                    p.destroyForcibly();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
