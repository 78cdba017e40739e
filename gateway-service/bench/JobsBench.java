import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Submits trivial 3-step pipelines (sheet → sheet that quotes it → sheet that quotes that) through REST with ?wait and
 * measures, per job, the end-to-end latency and the latency Lamina adds over the steps' own compute (the sum of the
 * steps' run_ms). Prints p50/p99 of both and jobs/s. No dependencies: java JobsBench.java <url> <key[,key…]> <jobs>
 * <clients> [warm-up jobs, 1000]; with several keys (one per tenant), job i is submitted with key i mod n.
 */
public class JobsBench {

    private static final Pattern RUN_MS = Pattern.compile("\"run_ms\":(\\d+)");
    private static final Pattern STATUS = Pattern.compile("^\\{\"id\":\"[^\"]+\",\"status\":\"(\\w+)\"");

    public static void main(String[] args) throws Exception {
        String url = args[0];
        String[] keys = args[1].split(",");
        int jobs = Integer.parseInt(args[2]);
        int clients = Integer.parseInt(args[3]);
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        String body = """
                {"steps":[
                 {"id":"a","operation":"sheet_generation","params":{"format":"csv","sheets":[{"columns":[{"name":"K"},{"name":"V"}],"rows":[["x",1],["y",2]]}]}},
                 {"id":"b","operation":"sheet_generation","params":{"format":"csv","sheets":[{"columns":[{"name":"From"}],"rows":[[{"$step":"a","path":"/name"}]]}]}},
                 {"id":"c","operation":"sheet_generation","params":{"format":"markdown","sheets":[{"columns":[{"name":"From"}],"rows":[[{"$step":"b","path":"/size"}]]}]}}
                ]}""";
        // Warm-up, not measured: the first record of each Kafka partition, connection pools, and the JIT (the gateway
        // runs with C2, which needs about a thousand jobs to compile its hot paths; a running service is in that state).
        int warmup = args.length > 4 ? Integer.parseInt(args[4]) : 1000;
        run(http, url, keys, body, warmup, clients, null, null);
        if (jobs == 0) {
            return; // a warm-up run only
        }
        List<Long> total = Collections.synchronizedList(new ArrayList<>());
        List<Long> added = Collections.synchronizedList(new ArrayList<>());
        long started = System.nanoTime();
        int failed = run(http, url, keys, body, jobs, clients, total, added);
        double seconds = (System.nanoTime() - started) / 1e9;
        Collections.sort(total);
        Collections.sort(added);
        System.out.printf("lamina.jobs=%d lamina.failed=%d lamina.clients=%d lamina.tenants=%d lamina.seconds=%.2f lamina.jobs_per_s=%.1f%n",
                jobs, failed, clients, keys.length, seconds, jobs / seconds);
        System.out.printf("lamina.total_ms.p50=%d lamina.total_ms.p99=%d lamina.added_ms.p50=%d lamina.added_ms.p99=%d%n",
                pct(total, 50), pct(total, 99), pct(added, 50), pct(added, 99));
    }

    private static int run(HttpClient http, String url, String[] keys, String body, int jobs, int clients,
                           List<Long> total, List<Long> added) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        List<Future<Boolean>> results = new ArrayList<>();
        for (int i = 0; i < jobs; i++) {
            String key = keys[i % keys.length];
            results.add(pool.submit(() -> {
                HttpRequest request = HttpRequest.newBuilder(URI.create(url + "/v1/jobs?wait=60"))
                        .header("Authorization", "Bearer " + key).header("Content-Type", "application/json")
                        .timeout(Duration.ofSeconds(90)).POST(HttpRequest.BodyPublishers.ofString(body)).build();
                long t0 = System.nanoTime();
                HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
                long ms = (System.nanoTime() - t0) / 1_000_000;
                Matcher status = STATUS.matcher(response.body());
                if (response.statusCode() != 200 || !status.find() || !"succeeded".equals(status.group(1))) {
                    System.err.println("job not succeeded: " + response.statusCode() + " " + response.body());
                    return false;
                }
                long compute = 0;
                for (Matcher m = RUN_MS.matcher(response.body()); m.find(); ) {
                    compute += Long.parseLong(m.group(1));
                }
                if (total != null) {
                    total.add(ms);
                    added.add(ms - compute);
                }
                return true;
            }));
        }
        int failed = 0;
        for (Future<Boolean> f : results) {
            failed += f.get() ? 0 : 1;
        }
        pool.shutdown();
        return failed;
    }

    private static long pct(List<Long> sorted, int p) {
        if (sorted.isEmpty()) {
            return -1;
        }
        return sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(p / 100.0 * sorted.size()) - 1));
    }
}
