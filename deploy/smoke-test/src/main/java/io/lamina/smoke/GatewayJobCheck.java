package io.lamina.smoke;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.function.Consumer;

/**
 * One real job through the gateway: a throwaway tenant with an API key and 10 credits (admin API), a
 * {@code sheet_generation} step whose CSV holds a random nonce and a formula the sheet-service must evaluate, then the
 * CSV downloaded and checked. This covers gateway → Kafka → billing → sheet-service → blob store → gateway.
 */
public final class GatewayJobCheck {

    /** What the check proved: the job and the file it produced. */
    public record Result(String tenantId, String jobId, String fileId, String csv) {
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpClient http;
    private final URI gateway;
    private final String adminKey;
    private final Clock clock;
    private final Consumer<String> log;

    public GatewayJobCheck(HttpClient http, URI gateway, String adminKey, Clock clock, Consumer<String> log) {
        this.http = http;
        this.gateway = gateway;
        this.adminKey = adminKey;
        this.clock = clock;
        this.log = log;
    }

    public Result run(Instant deadline) throws IOException, InterruptedException {
        String nonce = "smoke-" + UUID.randomUUID().toString().substring(0, 8);
        JsonNode tenant = expect(201, post("/admin/tenants", adminKey, object().put("name", "smoke-test-" + nonce)),
                "create a tenant");
        String tenantId = text(tenant, "id");
        JsonNode key = expect(201, post("/admin/tenants/" + tenantId + "/keys", adminKey,
                object().put("name", "smoke-test")), "create an API key");
        String apiKey = text(key, "key");
        int granted = expectStatus(List.of(200, 201), post("/admin/tenants/" + tenantId + "/credits", adminKey,
                object().put("amount", 10).put("source", "manual")), "grant credits").statusCode();
        log.accept("tenant " + tenantId + " with an API key and 10 credits (HTTP " + granted + ")");

        long waitSeconds = Math.max(1, Math.min(120, Duration.between(clock.instant(), deadline).toSeconds()));
        HttpResponse<String> submitted = post("/v1/jobs?wait=" + waitSeconds, apiKey, job(nonce));
        // 200: the job ended within the wait; 202: still queued or running, followed below.
        JsonNode job = JSON.readTree(expectStatus(List.of(200, 202), submitted, "submit the job").body());
        String jobId = text(job, "id");
        log.accept("job " + jobId + " submitted (HTTP " + submitted.statusCode() + ", " + job.path("status").asText()
                + ")");
        while (!isFinished(job.path("status").asText())) {
            if (!clock.instant().isBefore(deadline)) {
                throw new SmokeFailure("job " + jobId + " still " + job.path("status").asText() + " at the deadline");
            }
            Thread.sleep(1000);
            job = expect(200, get("/v1/jobs/" + jobId, apiKey), "read the job");
        }
        if (!"succeeded".equals(job.path("status").asText())) {
            throw new SmokeFailure("job " + jobId + " ended " + job.path("status").asText() + ": " + job);
        }
        JsonNode output = job.path("steps").path(0).path("output");
        String fileId = text(output, "file_id");
        HttpResponse<String> file = get("/v1/files/" + fileId, apiKey);
        if (file.statusCode() != 200) {
            throw new SmokeFailure("GET /v1/files/" + fileId + " answered HTTP " + file.statusCode() + ": "
                    + file.body());
        }
        checkCsv(file.body(), nonce);
        log.accept("job " + jobId + " succeeded; its CSV " + fileId + " holds the nonce and the evaluated sum");
        return new Result(tenantId, jobId, fileId, file.body());
    }

    /** The step: two numbers and their sum as a formula, which CSV output must evaluate (2 + 3 = 5). */
    static ObjectNode job(String nonce) {
        ObjectNode sheet = object().put("name", "Smoke");
        sheet.putArray("columns").add(object().put("name", "Check")).add(object().put("name", "Value"));
        var rows = sheet.putArray("rows");
        rows.addArray().add(nonce).add(2);
        rows.addArray().add("plus").add(3);
        rows.addArray().add("Sum").add("=SUM(B2:B3)");
        ObjectNode params = object().put("format", "csv");
        params.putArray("sheets").add(sheet);
        ObjectNode job = object();
        job.putArray("steps").add(object().put("id", "sheet").put("operation", "sheet_generation")
                .set("params", params));
        return job;
    }

    /** RFC 4180 lines ending in CRLF: the header, the nonce row with 2, the plus row with 3, and Sum = 5. */
    static void checkCsv(String csv, String nonce) {
        String[] lines = csv.split("\r\n", -1);
        if (lines.length != 5 || !lines[4].isEmpty()) {
            throw new SmokeFailure("expected a header, three rows and CRLF line ends; got: " + csv);
        }
        expectRow(lines[0], "Check", null, csv);
        expectRow(lines[1], nonce, 2.0, csv);
        expectRow(lines[2], "plus", 3.0, csv);
        expectRow(lines[3], "Sum", 5.0, csv);
    }

    private static void expectRow(String line, String label, Double value, String csv) {
        String[] cells = line.split(",", -1);
        boolean ok = cells.length == 2 && cells[0].equals(label);
        if (ok && value == null) {
            ok = cells[1].equals("Value");
        } else if (ok) {
            try {
                ok = Double.parseDouble(cells[1]) == value;
            } catch (NumberFormatException e) {
                ok = false;
            }
        }
        if (!ok) {
            throw new SmokeFailure("expected the row " + label + "," + (value == null ? "Value" : value)
                    + " in the CSV; got: " + csv);
        }
    }

    private static boolean isFinished(String status) {
        return "succeeded".equals(status) || "failed".equals(status) || "cancelled".equals(status);
    }

    private HttpResponse<String> post(String path, String key, ObjectNode body) throws IOException,
            InterruptedException {
        return http.send(request(path, key).header("content-type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body.toString())).build(), utf8());
    }

    private HttpResponse<String> get(String path, String key) throws IOException, InterruptedException {
        return http.send(request(path, key).GET().build(), utf8());
    }

    private HttpRequest.Builder request(String path, String key) {
        return HttpRequest.newBuilder(URI.create(gateway + path)).timeout(Duration.ofSeconds(150))
                .header("authorization", "Bearer " + key);
    }

    private static HttpResponse.BodyHandler<String> utf8() {
        return HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8);
    }

    private static JsonNode expect(int status, HttpResponse<String> response, String what) throws IOException {
        return JSON.readTree(expectStatus(List.of(status), response, what).body());
    }

    private static HttpResponse<String> expectStatus(List<Integer> statuses, HttpResponse<String> response,
                                                     String what) {
        if (!statuses.contains(response.statusCode())) {
            throw new SmokeFailure("could not " + what + ": " + response.request().method() + " "
                    + response.request().uri().getPath() + " answered HTTP " + response.statusCode() + ": "
                    + response.body());
        }
        return response;
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.path(field);
        if (!value.isTextual() || value.asText().isEmpty()) {
            throw new SmokeFailure("expected a string " + field + " in " + node);
        }
        return value.asText();
    }

    private static ObjectNode object() {
        return JSON.createObjectNode();
    }
}
