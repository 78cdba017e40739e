package io.lamina.extraction.web;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import io.lamina.blobs.FileSystemBlobStore;
import io.lamina.extraction.ExtractionErrors;
import io.lamina.extraction.TestConfigs;
import io.lamina.extraction.config.ExtractionConfig;
import io.lamina.extraction.read.DocumentReaders;
import io.lamina.extraction.read.OcrEngines;
import io.lamina.extraction.read.ReadLimits;
import io.lamina.extraction.service.WebsiteExtractionOperation;
import io.lamina.ops.runtime.OperationException;
import io.lamina.ops.runtime.Outcome;
import io.lamina.ops.runtime.StepContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** website_extraction against a loopback HTTP server (allow-listed as in tests; production blocks loopback). */
class WebsiteExtractionTest {

    private static final ObjectMapper MAPPER = new ObjectMapper();
    static HttpServer server;
    static String base;
    static DocumentReaders readers;

    @TempDir
    static Path blobs;

    @BeforeAll
    static void start() throws Exception {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        respond("/robots.txt", 200, "text/plain", "User-agent: *\nDisallow: /private\n\nUser-agent: OtherBot\nDisallow: /\n");
        respond("/page", 200, "text/html; charset=utf-8", "<html><head><title>Catalogue</title></head><body>"
                + "<h1>Spring catalogue</h1><p>See <a href=\"/terms\">terms</a>.</p>"
                + "<table><tr><th>Item</th><th>Price</th></tr><tr><td>Tea</td><td>4.50</td></tr></table></body></html>");
        respond("/private/report", 200, "text/html", "<p>secret</p>");
        respond("/big", 200, "text/html", "<p>" + "x".repeat(2_000_000) + "</p>");
        server.createContext("/hop", ex -> {
            ex.getResponseHeaders().add("Location", "/page");
            ex.sendResponseHeaders(302, -1);
            ex.close();
        });
        server.createContext("/to-metadata", ex -> {
            ex.getResponseHeaders().add("Location", "http://169.254.169.254/latest/meta-data/");
            ex.sendResponseHeaders(301, -1);
            ex.close();
        });
        server.start();
        base = "http://127.0.0.1:" + server.getAddress().getPort();
        readers = new DocumentReaders(ReadLimits.defaults(), OcrEngines.disabled("off"));
    }

    static void respond(String path, int status, String type, String body) {
        server.createContext(path, ex -> {
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            ex.getResponseHeaders().add("Content-Type", type);
            ex.sendResponseHeaders(status, bytes.length);
            ex.getResponseBody().write(bytes);
            ex.close();
        });
    }

    @AfterAll
    static void stop() {
        server.stop(0);
        readers.close();
    }

    private Outcome run(String url, Optional<List<String>> allowed) throws Exception {
        ExtractionConfig config = TestConfigs.with(52428800L, 20, allowed);
        WebsiteExtractionOperation op = new WebsiteExtractionOperation(config, MAPPER, readers, null);
        JsonNode params = MAPPER.readTree("{\"file\":{\"type\":\"url\",\"url\":\"" + url + "\"}}");
        return op.run(params, new StepContext("t", "j", "s", 1, new FileSystemBlobStore(blobs)));
    }

    private String code(String url, Optional<List<String>> allowed) {
        return assertThrows(OperationException.class, () -> run(url, allowed)).error().code();
    }

    private static final Optional<List<String>> LOOPBACK = Optional.of(List.of("127.0.0.1"));

    @Test
    void fetchesHtmlFollowsRedirectsAndKeepsLinksAbsolute() throws Exception {
        Outcome.Succeeded ok = (Outcome.Succeeded) run(base + "/hop", LOOPBACK);
        JsonNode out = ok.output();
        assertEquals("text/html", out.get("mime_type").asText());
        assertEquals("# Spring catalogue\n\nSee [terms](" + base + "/terms).\n\n| Item | Price |\n| --- | --- |\n"
                + "| Tea | 4.50 |\n", out.get("markdown").asText());
        assertEquals(base + "/page", out.at("/metadata/final_url").asText());
        assertEquals(1, out.at("/metadata/redirects").asInt());
        assertEquals("Catalogue", out.at("/metadata/title").asText());
        assertEquals(1, ok.usage().units());
    }

    @Test
    void robotsTxtIsHonoured() {
        assertEquals(ExtractionErrors.ROBOTS_DISALLOWED, code(base + "/private/report", LOOPBACK));
    }

    @Test
    void loopbackIsBlockedWithoutTheAllowListAndRedirectsAreRechecked() {
        assertEquals(ExtractionErrors.FETCH_BLOCKED, code(base + "/page", Optional.empty()));
        assertEquals(ExtractionErrors.FETCH_BLOCKED, code(base + "/to-metadata", LOOPBACK));
        assertEquals(ExtractionErrors.FETCH_BLOCKED, code("file:///etc/passwd", LOOPBACK));
    }

    @Test
    void bodiesOverTheByteLimitFail() {
        assertEquals(ExtractionErrors.LIMIT_EXCEEDED, code(base + "/big", LOOPBACK));
    }

    @Test
    void robotsRulesFollowRfc9309() {
        RobotsRules rules = RobotsRules.parse("User-agent: *\nDisallow: /a\nAllow: /a/open\nDisallow: /*.pdf$\n\n"
                + "User-agent: LaminaBot\nUser-agent: x\nDisallow: /only-lamina\n", "LaminaBot");
        assertFalse(rules.allows("/only-lamina/x"));
        assertTrue(rules.allows("/a"), "the LaminaBot group replaces the * group");
        RobotsRules star = RobotsRules.parse("User-agent: *\nDisallow: /a\nAllow: /a/open\nDisallow: /*.pdf$\n",
                "LaminaBot");
        assertFalse(star.allows("/a/closed"));
        assertTrue(star.allows("/a/open/x"));
        assertFalse(star.allows("/docs/x.pdf"));
        assertTrue(star.allows("/docs/x.pdf?download=1"));
        assertTrue(star.allows("/b"));
    }
}
