package io.lamina.smoke;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A loopback HTTP stand-in for the gateway: the admin endpoints, POST/GET of jobs and the file download, answering
 * with the shapes the real gateway uses. The CSV is computed from the submitted rows (header, rows, SUM of the
 * values) so the nonce the program sends must come back. Knobs let a test break one step.
 */
final class GatewayStub implements AutoCloseable {

    static final String ADMIN_KEY = "admin-secret";
    static final String API_KEY = "lam_test_key";
    private static final ObjectMapper JSON = new ObjectMapper();

    final List<String> requests = new CopyOnWriteArrayList<>();
    final Map<String, JsonNode> jobs = new ConcurrentHashMap<>();
    /** How many GETs of the job answer "running" before it succeeds (0: the POST answers 200 at once). */
    volatile int runningPolls;
    /** The status the job ends in. */
    volatile String finalStatus = "succeeded";
    /** Added to the evaluated sum, to simulate a wrong result. */
    volatile double sumError;
    private final AtomicInteger polls = new AtomicInteger();
    private volatile String csv;
    private final HttpServer server;

    GatewayStub() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", this::handle);
        server.start();
    }

    URI url() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    private void handle(HttpExchange ex) throws IOException {
        String method = ex.getRequestMethod();
        String path = ex.getRequestURI().getPath();
        String auth = ex.getRequestHeaders().getFirst("authorization");
        byte[] body = ex.getRequestBody().readAllBytes();
        requests.add(method + " " + ex.getRequestURI());
        try {
            if (path.startsWith("/admin/")) {
                if (!("Bearer " + ADMIN_KEY).equals(auth)) {
                    send(ex, 401, "{\"code\":\"unauthorized\"}");
                } else if (path.equals("/admin/tenants")) {
                    send(ex, 201, "{\"id\":\"t-1\",\"name\":" + JSON.readTree(body).get("name") + "}");
                } else if (path.equals("/admin/tenants/t-1/keys")) {
                    send(ex, 201, "{\"id\":\"k-1\",\"key\":\"" + API_KEY + "\",\"prefix\":\"lam_test\"}");
                } else if (path.equals("/admin/tenants/t-1/credits")
                        && JSON.readTree(body).path("amount").asInt() > 0) {
                    send(ex, 201, "{\"balance\":10}");
                } else {
                    send(ex, 404, "{\"code\":\"not_found\"}");
                }
                return;
            }
            if (!("Bearer " + API_KEY).equals(auth)) {
                send(ex, 401, "{\"code\":\"unauthorized\"}");
            } else if (method.equals("POST") && path.equals("/v1/jobs")) {
                JsonNode step = JSON.readTree(body).path("steps").get(0);
                if (!step.path("operation").asText().equals("sheet_generation")) {
                    send(ex, 422, "{\"code\":\"unknown_operation\"}");
                    return;
                }
                csv = toCsv(step.path("params").path("sheets").get(0));
                polls.set(0);
                send(ex, runningPolls == 0 ? 200 : 202, job(runningPolls == 0 ? finalStatus : "queued"));
            } else if (method.equals("GET") && path.equals("/v1/jobs/j-1")) {
                send(ex, 200, job(polls.incrementAndGet() <= runningPolls ? "running" : finalStatus));
            } else if (method.equals("GET") && path.equals("/v1/files/f-1") && csv != null) {
                send(ex, 200, csv);
            } else {
                send(ex, 404, "{\"code\":\"not_found\"}");
            }
        } catch (RuntimeException e) {
            send(ex, 500, "{\"code\":\"internal_error\",\"detail\":\"" + e + "\"}");
        }
    }

    private String job(String status) {
        String output = status.equals("succeeded")
                ? ",\"output\":{\"file_id\":\"f-1\",\"name\":\"sheet.csv\",\"mime_type\":\"text/csv\",\"size\":"
                + csv.length() + "}"
                : "";
        String error = status.equals("failed")
                ? ",\"error\":{\"code\":\"invalid_params\",\"message\":\"bad sheet\",\"retryable\":false}"
                : "";
        return "{\"id\":\"j-1\",\"status\":\"" + status + "\",\"steps\":[{\"id\":\"sheet\",\"operation\":"
                + "\"sheet_generation\",\"status\":\"" + status + "\"" + output + error + "}]" + error + "}";
    }

    /** Header, each row, and formulas =SUM(Bx:By) evaluated over the numbers of column B. */
    private String toCsv(JsonNode sheet) {
        StringBuilder out = new StringBuilder();
        JsonNode columns = sheet.path("columns");
        out.append(columns.get(0).path("name").asText()).append(',').append(columns.get(1).path("name").asText())
                .append("\r\n");
        double sum = 0;
        for (JsonNode row : sheet.path("rows")) {
            JsonNode value = row.get(1);
            String cell;
            if (value.isNumber()) {
                sum += value.asDouble();
                cell = value.asText();
            } else if (value.asText().startsWith("=SUM(")) {
                double result = sum + sumError;
                cell = result == Math.rint(result) ? String.valueOf((long) result) : String.valueOf(result);
            } else {
                cell = value.asText();
            }
            out.append(row.get(0).asText()).append(',').append(cell).append("\r\n");
        }
        return out.toString();
    }

    private static void send(HttpExchange ex, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        ex.getResponseHeaders().add("content-type", body.startsWith("{") ? "application/json" : "text/csv");
        ex.sendResponseHeaders(status, bytes.length);
        ex.getResponseBody().write(bytes);
        ex.close();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
