package io.lamina.webhook.delivery;

import io.lamina.net.UrlCheck;
import io.lamina.net.UrlGuard;
import io.lamina.webhook.DeliveryAttempt;
import io.lamina.webhook.config.WebhookConfig;
import io.lamina.webhook.service.Attempt;
import io.lamina.webhook.service.ClaimedMessage;
import io.lamina.webhook.service.StandardWebhookSigner;
import io.quarkus.runtime.Startup;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.jboss.logging.Logger;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Makes one signed HTTP attempt for a claimed message.
 *
 * <p>SSRF: the URL is checked by {@link UrlGuard} right before each attempt. For {@code http} URLs the request goes
 * to the checked address itself (the URL's host replaced by the address, the original {@code Host} header kept), so
 * a DNS answer that changes after the check cannot redirect it. For {@code https} URLs the JDK client must see the
 * host name (SNI, certificate check), so it resolves the name again; it normally gets the checked answer from the
 * JVM's DNS cache ({@code networkaddress.cache.ttl}, 30 s by default), but a rebinding attack that lands exactly
 * on a cache expiry is not excluded. Redirects are never followed.
 */
@Startup
@ApplicationScoped
public class WebhookSender {

    private static final Logger LOG = Logger.getLogger(WebhookSender.class);
    static final String USER_AGENT = "Lamina-Webhooks/1";

    static {
        // The JDK client refuses a caller-set Host header unless told otherwise; pinning needs it.
        String allowed = System.getProperty("jdk.httpclient.allowRestrictedHeaders", "");
        if (!List.of(allowed.toLowerCase().split(",")).contains("host")) {
            System.setProperty("jdk.httpclient.allowRestrictedHeaders", allowed.isBlank() ? "host" : allowed + ",host");
        }
    }

    @Inject
    WebhookConfig config;

    private HttpClient client;
    private UrlGuard guard;
    private boolean canPin;

    @PostConstruct
    void init() {
        client = HttpClient.newBuilder()
                .followRedirects(HttpClient.Redirect.NEVER)
                .connectTimeout(config.timeout())
                .version(HttpClient.Version.HTTP_1_1)
                .build();
        guard = UrlGuard.allowing(config.allowedHosts().orElse(List.of()));
        canPin = hostHeaderAllowed();
        if (!canPin) {
            LOG.warn("the JDK HTTP client refuses a Host header (HttpClient loaded before this class set "
                    + "jdk.httpclient.allowRestrictedHeaders=host); http deliveries resolve their host again");
        }
        LOG.infof("webhook deliveries: %s, timeout %s", guard, config.timeout());
    }

    public Attempt send(ClaimedMessage m) {
        Instant started = Instant.now();
        long t0 = System.nanoTime();
        UrlCheck check = guard.check(m.url());
        if (check instanceof UrlCheck.Unsafe u) {
            return new Attempt(started, elapsed(t0), new Attempt.Refused("unsafe_url: " + u.reason()));
        }
        if (check instanceof UrlCheck.Unresolvable u) {
            return new Attempt(started, elapsed(t0), new Attempt.NoAnswer(u.reason()));
        }
        UrlCheck.Safe safe = (UrlCheck.Safe) check;
        long timestamp = started.getEpochSecond();
        HttpRequest.Builder request = HttpRequest.newBuilder()
                .timeout(config.timeout())
                .header("content-type", "application/json")
                .header("user-agent", USER_AGENT)
                .header("webhook-id", m.id())
                .header("webhook-timestamp", Long.toString(timestamp))
                .header("webhook-signature", StandardWebhookSigner.signatures(m.secrets(), m.id(), timestamp, m.payload()))
                .POST(HttpRequest.BodyPublishers.ofString(m.payload()));
        if (canPin && "http".equals(safe.uri().getScheme())) {
            request.uri(safe.pinnedUri()).header("host", safe.hostHeader());
        } else {
            request.uri(safe.uri());
        }
        CompletableFuture<HttpResponse<String>> call =
                client.sendAsync(request.build(), LimitedBody.handler(DeliveryAttempt.BODY_LIMIT));
        try {
            // The request timeout ends at the response headers; this bound also covers a slowly dripping body.
            HttpResponse<String> response = call.get(config.timeout().toMillis() + 1000, TimeUnit.MILLISECONDS);
            return new Attempt(started, elapsed(t0), new Attempt.Answered(response.statusCode(), response.body(),
                    response.headers().firstValue("retry-after").flatMap(WebhookSender::parseRetryAfter)));
        } catch (TimeoutException e) {
            call.cancel(true);
            return new Attempt(started, elapsed(t0), new Attempt.NoAnswer("timeout after " + config.timeout()));
        } catch (ExecutionException e) {
            Throwable cause = e.getCause() == null ? e : e.getCause();
            String error = cause instanceof HttpTimeoutException
                    ? "timeout after " + config.timeout()
                    : cause.getClass().getSimpleName() + (cause.getMessage() == null ? "" : ": " + cause.getMessage());
            return new Attempt(started, elapsed(t0), new Attempt.NoAnswer(error));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            call.cancel(true);
            return new Attempt(started, elapsed(t0), new Attempt.NoAnswer("interrupted"));
        }
    }

    /** Retry-After as delay-seconds or as an HTTP date (RFC 9110 §10.2.3); anything else is ignored. */
    public static Optional<Duration> parseRetryAfter(String value) {
        String v = value.trim();
        try {
            long seconds = Long.parseLong(v);
            return seconds < 0 ? Optional.empty() : Optional.of(Duration.ofSeconds(seconds));
        } catch (NumberFormatException notSeconds) {
            try {
                Duration d = Duration.between(Instant.now(),
                        ZonedDateTime.parse(v, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant());
                return Optional.of(d.isNegative() ? Duration.ZERO : d);
            } catch (RuntimeException notADate) {
                return Optional.empty();
            }
        }
    }

    private static boolean hostHeaderAllowed() {
        try {
            HttpRequest.newBuilder(URI.create("http://127.0.0.1/")).header("host", "example.com");
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private static long elapsed(long t0) {
        return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0);
    }
}
