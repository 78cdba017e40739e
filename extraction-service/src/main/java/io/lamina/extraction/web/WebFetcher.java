package io.lamina.extraction.web;

import io.lamina.extraction.ExtractionErrors;
import io.lamina.net.UrlCheck;
import io.lamina.net.UrlGuard;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Fetches a web page for {@code website_extraction}. Every hop (robots.txt, the page, each redirect target) is
 * checked by the SSRF guard ({@link UrlGuard}, as webhook deliveries are) and, for {@code http}, sent to the checked
 * address itself; redirects are followed by hand up to {@code max-redirects}; the whole fetch has one time budget;
 * bodies longer than {@code max-bytes} are cut off with {@code limit_exceeded}. robots.txt of each host is honoured
 * (RFC 9309: 4xx = no rules, 5xx or unreachable = everything disallowed).
 */
public final class WebFetcher {

    static {
        String allowed = System.getProperty("jdk.httpclient.allowRestrictedHeaders", "");
        if (!List.of(allowed.toLowerCase(Locale.ROOT).split(",")).contains("host")) {
            System.setProperty("jdk.httpclient.allowRestrictedHeaders", allowed.isBlank() ? "host" : allowed + ",host");
        }
    }

    /** What was fetched. */
    public record Page(URI requested, URI finalUri, int status, String contentType, byte[] body, int redirects) {
    }

    private final UrlGuard guard;
    private final HttpClient client;
    private final Duration timeout;
    private final long maxBytes;
    private final int maxRedirects;
    private final String userAgent;
    private final boolean respectRobots;
    private final Map<String, RobotsRules> robotsCache = new ConcurrentHashMap<>();

    public WebFetcher(UrlGuard guard, Duration timeout, long maxBytes, int maxRedirects, String userAgent,
                      boolean respectRobots) {
        this.guard = guard;
        this.timeout = timeout;
        this.maxBytes = maxBytes;
        this.maxRedirects = maxRedirects;
        this.userAgent = userAgent;
        this.respectRobots = respectRobots;
        this.client = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER)
                .connectTimeout(timeout).version(HttpClient.Version.HTTP_1_1).build();
    }

    public Page fetch(String url) {
        long deadline = System.nanoTime() + timeout.toNanos();
        URI requested;
        try {
            requested = URI.create(url);
        } catch (IllegalArgumentException e) {
            throw ExtractionErrors.fail(ExtractionErrors.INVALID_PARAMS, "file.url: not a valid URL");
        }
        String current = url;
        for (int hop = 0; ; hop++) {
            UrlCheck.Safe safe = check(current);
            if (respectRobots && !robots(safe, deadline).allows(pathOf(safe.uri()))) {
                throw ExtractionErrors.fail(ExtractionErrors.ROBOTS_DISALLOWED, safe.uri() + " is disallowed for "
                        + "crawlers by the site's robots.txt");
            }
            HttpResponse<InputStream> response = send(safe, deadline, "text/html,application/xhtml+xml,*/*;q=0.8");
            int status = response.statusCode();
            if (status >= 300 && status < 400 && response.headers().firstValue("location").isPresent()) {
                close(response);
                if (hop >= maxRedirects) {
                    throw ExtractionErrors.fail(ExtractionErrors.LIMIT_EXCEEDED, "more than " + maxRedirects
                            + " redirects (lamina.extraction.web.max-redirects)");
                }
                current = safe.uri().resolve(response.headers().firstValue("location").get().strip()).toString();
                continue;
            }
            if (status >= 500 || status == 429) {
                close(response);
                throw ExtractionErrors.retry(ExtractionErrors.FETCH_FAILED, safe.uri() + " answered HTTP " + status);
            }
            if (status >= 400) {
                close(response);
                throw ExtractionErrors.fail(ExtractionErrors.FETCH_FAILED, safe.uri() + " answered HTTP " + status);
            }
            byte[] body = body(response, maxBytes, deadline, true);
            String type = response.headers().firstValue("content-type").orElse("");
            return new Page(requested, safe.uri(), status, type, body, hop);
        }
    }

    private UrlCheck.Safe check(String url) {
        UrlCheck check = guard.check(url);
        if (check instanceof UrlCheck.Safe safe) {
            return safe;
        }
        if (check instanceof UrlCheck.Unresolvable u) {
            throw ExtractionErrors.retry(ExtractionErrors.FETCH_FAILED, url + ": " + u.reason());
        }
        throw ExtractionErrors.fail(ExtractionErrors.FETCH_BLOCKED, url + " may not be fetched: "
                + ((UrlCheck.Unsafe) check).reason());
    }

    private RobotsRules robots(UrlCheck.Safe page, long deadline) {
        URI u = page.uri();
        String origin = u.getScheme() + "://" + page.hostHeader();
        RobotsRules cached = robotsCache.get(origin);
        if (cached != null) {
            return cached;
        }
        RobotsRules rules;
        try {
            String robotsUrl = origin + "/robots.txt";
            HttpResponse<InputStream> response = null;
            for (int hop = 0; hop <= maxRedirects; hop++) {
                UrlCheck.Safe safe = check(robotsUrl);
                response = send(safe, deadline, "text/plain");
                int status = response.statusCode();
                if (status >= 300 && status < 400 && response.headers().firstValue("location").isPresent()) {
                    close(response);
                    robotsUrl = safe.uri().resolve(response.headers().firstValue("location").get().strip()).toString();
                    response = null;
                    continue;
                }
                break;
            }
            if (response == null) {
                rules = RobotsRules.allowAll();
            } else if (response.statusCode() >= 200 && response.statusCode() < 300) {
                byte[] body = body(response, 512 * 1024, deadline, false);
                rules = RobotsRules.parse(new String(body, StandardCharsets.UTF_8), productToken());
            } else if (response.statusCode() >= 400 && response.statusCode() < 500) {
                close(response);
                rules = RobotsRules.allowAll();
            } else {
                close(response);
                rules = RobotsRules.disallowAll();
            }
        } catch (io.lamina.ops.runtime.OperationException e) {
            if (ExtractionErrors.FETCH_BLOCKED.equals(e.error().code())) {
                throw e;
            }
            rules = RobotsRules.disallowAll();
        }
        robotsCache.put(origin, rules);
        return rules;
    }

    private String productToken() {
        int slash = userAgent.indexOf('/');
        return (slash > 0 ? userAgent.substring(0, slash) : userAgent).strip();
    }

    private HttpResponse<InputStream> send(UrlCheck.Safe safe, long deadline, String accept) {
        long left = deadline - System.nanoTime();
        if (left <= 0) {
            throw timedOut();
        }
        boolean pin = "http".equals(safe.uri().getScheme());
        HttpRequest.Builder request = HttpRequest.newBuilder(pin ? safe.pinnedUri() : safe.uri())
                .timeout(Duration.ofNanos(left)).header("User-Agent", userAgent).header("Accept", accept).GET();
        if (pin) {
            request.header("Host", safe.hostHeader());
        }
        try {
            return client.send(request.build(), HttpResponse.BodyHandlers.ofInputStream());
        } catch (HttpTimeoutException e) {
            throw timedOut();
        } catch (IOException e) {
            throw ExtractionErrors.retry(ExtractionErrors.FETCH_FAILED, safe.uri() + ": " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw timedOut();
        } catch (IllegalArgumentException e) {
            throw ExtractionErrors.fail(ExtractionErrors.FETCH_FAILED, safe.uri() + ": " + e.getMessage());
        }
    }

    private RuntimeException timedOut() {
        return ExtractionErrors.fail(ExtractionErrors.LIMIT_EXCEEDED, "fetching took longer than "
                + timeout.toSeconds() + " s (lamina.extraction.web.timeout)");
    }

    private byte[] body(HttpResponse<InputStream> response, long limit, long deadline, boolean failOnLimit) {
        try (InputStream in = response.body()) {
            java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
            byte[] buf = new byte[16384];
            int n;
            while ((n = in.read(buf)) > 0) {
                if (System.nanoTime() - deadline > 0) {
                    throw timedOut();
                }
                if (out.size() + n > limit) {
                    if (failOnLimit) {
                        throw ExtractionErrors.fail(ExtractionErrors.LIMIT_EXCEEDED, "the page is larger than "
                                + limit + " bytes (lamina.extraction.web.max-bytes)");
                    }
                    out.write(buf, 0, (int) (limit - out.size()));
                    break;
                }
                out.write(buf, 0, n);
            }
            return out.toByteArray();
        } catch (IOException e) {
            throw ExtractionErrors.retry(ExtractionErrors.FETCH_FAILED, "reading the page failed: " + e.getMessage());
        }
    }

    private static void close(HttpResponse<InputStream> response) {
        try {
            response.body().close();
        } catch (IOException ignored) {
            // nothing to do
        }
    }

    static String pathOf(URI uri) {
        String path = uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath();
        return uri.getRawQuery() == null ? path : path + "?" + uri.getRawQuery();
    }
}
