package io.lamina.webhook.delivery;

import io.lamina.net.UrlCheck;
import io.lamina.net.UrlGuard;
import io.lamina.webhook.DeliveryAttempt;
import io.lamina.webhook.service.Attempt;
import io.lamina.webhook.service.ClaimedMessage;
import io.lamina.webhook.service.StandardWebhookSigner;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpClientRequest;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpVersion;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.net.SocketAddress;
import io.vertx.core.net.TrustOptions;

import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;

/**
 * Makes one signed HTTP attempt for a claimed message, asynchronously, over a keep-alive connection pool.
 *
 * <p>SSRF: the URL is checked by {@link UrlGuard} right before each attempt, and the connection goes to the address
 * the guard checked ({@link RequestOptions#setServer}): the client never resolves the host name again, so a DNS answer
 * that changes after the check (DNS rebinding) cannot move the request. The host name is still what the request is
 * about: it is the {@code Host} header, and for {@code https} the TLS server name (SNI) and the name the certificate
 * is verified against. Pooled connections are keyed by checked address and host name together. Redirects are never
 * followed.
 *
 * <p>{@link #send} runs the guard (which may wait for DNS), so call it off the event loop; the returned stage
 * completes on a Vert.x event loop and never fails: every problem is an {@link Attempt.Outcome}.
 */
public final class WebhookSender implements AutoCloseable {

    static final String USER_AGENT = "Lamina-Webhooks/1";

    private final Vertx vertx;
    private final UrlGuard guard;
    private final Duration timeout;
    private final HttpClient client;

    /**
     * @param maxConnectionsPerDestination keep-alive connections kept per (address, host name, port, scheme)
     * @param trust                        certificates trusted for {@code https}; null for the JVM's default trust
     *                                     store ({@code javax.net.ssl.trustStore} or the JDK's {@code cacerts})
     */
    public WebhookSender(Vertx vertx, UrlGuard guard, Duration timeout, int maxConnectionsPerDestination,
                         TrustOptions trust) {
        this.vertx = vertx;
        this.guard = guard;
        this.timeout = timeout;
        HttpClientOptions options = new HttpClientOptions()
                .setProtocolVersion(HttpVersion.HTTP_1_1)
                .setKeepAlive(true)
                .setKeepAliveTimeout(30)
                .setPipelining(false)
                .setMaxPoolSize(maxConnectionsPerDestination)
                .setConnectTimeout((int) Math.min(Integer.MAX_VALUE, timeout.toMillis()))
                .setTryUseCompression(false)
                .setVerifyHost(true)
                .setForceSni(true)
                .setTrustAll(false);
        if (trust != null) {
            options.setTrustOptions(trust);
        }
        this.client = vertx.createHttpClient(options);
    }

    public CompletionStage<Attempt> send(ClaimedMessage m) {
        Instant started = Instant.now();
        long t0 = System.nanoTime();
        UrlCheck check = guard.check(m.url());
        if (check instanceof UrlCheck.Unsafe u) {
            return CompletableFuture.completedFuture(
                    new Attempt(started, elapsed(t0), new Attempt.Refused("unsafe_url: " + u.reason())));
        }
        if (check instanceof UrlCheck.Unresolvable u) {
            return CompletableFuture.completedFuture(
                    new Attempt(started, elapsed(t0), new Attempt.NoAnswer(u.reason())));
        }
        UrlCheck.Safe safe = (UrlCheck.Safe) check;
        URI uri = safe.uri();
        boolean tls = "https".equals(uri.getScheme());
        int port = uri.getPort() != -1 ? uri.getPort() : tls ? 443 : 80;
        long timestamp = started.getEpochSecond();
        RequestOptions request = new RequestOptions()
                .setMethod(HttpMethod.POST)
                .setServer(SocketAddress.inetSocketAddress(new InetSocketAddress(safe.address(), port)))
                .setHost(safe.host())
                .setPort(port)
                .setSsl(tls)
                .setURI(pathAndQuery(uri))
                .setFollowRedirects(false)
                .setConnectTimeout(timeout.toMillis())
                .putHeader("content-type", "application/json")
                .putHeader("user-agent", USER_AGENT)
                .putHeader("webhook-id", m.id())
                .putHeader("webhook-timestamp", Long.toString(timestamp))
                .putHeader("webhook-signature",
                        StandardWebhookSigner.signatures(m.secrets(), m.id(), timestamp, m.payload()));
        Call call = new Call(started, t0);
        // One bound for the whole attempt: connect, request, response headers and the (capped) body.
        long timer = vertx.setTimer(timeout.toMillis(), id -> call.timeOut());
        call.result.whenComplete((a, e) -> vertx.cancelTimer(timer));
        client.request(request).onComplete(opened -> {
            if (opened.failed()) {
                call.noAnswer(opened.cause());
                return;
            }
            HttpClientRequest req = opened.result();
            call.request = req;
            req.exceptionHandler(call::noAnswer);
            req.response().onComplete(answered -> {
                if (answered.failed()) {
                    call.noAnswer(answered.cause());
                } else {
                    call.read(answered.result());
                }
            });
            req.end(Buffer.buffer(m.payload().getBytes(StandardCharsets.UTF_8)));
        });
        return call.result;
    }

    /** The state of one attempt; its result is completed once, by whatever ends the attempt first. */
    private final class Call {
        final CompletableFuture<Attempt> result = new CompletableFuture<>();
        final Instant started;
        final long t0;
        volatile HttpClientRequest request;

        Call(Instant started, long t0) {
            this.started = started;
            this.t0 = t0;
        }

        void read(HttpClientResponse response) {
            int status = response.statusCode();
            Optional<Duration> retryAfter = Optional.ofNullable(response.getHeader("retry-after"))
                    .flatMap(WebhookSender::parseRetryAfter);
            Buffer body = Buffer.buffer();
            response.exceptionHandler(e -> answered(status, body, retryAfter));
            response.endHandler(v -> answered(status, body, retryAfter));
            response.handler(chunk -> {
                int room = DeliveryAttempt.BODY_LIMIT - body.length();
                body.appendBuffer(chunk.length() <= room ? chunk : chunk.getBuffer(0, room));
                if (body.length() >= DeliveryAttempt.BODY_LIMIT && answered(status, body, retryAfter)) {
                    // The rest of a large answer is not read: the connection is closed instead of drained.
                    response.request().reset();
                }
            });
        }

        boolean answered(int status, Buffer body, Optional<Duration> retryAfter) {
            // Malformed UTF-8 at the cut is replaced, never thrown: the body is for a human reading the log.
            return result.complete(new Attempt(started, elapsed(t0),
                    new Attempt.Answered(status, body.toString(StandardCharsets.UTF_8), retryAfter)));
        }

        void noAnswer(Throwable cause) {
            String error = cause.getClass().getSimpleName()
                    + (cause.getMessage() == null ? "" : ": " + cause.getMessage());
            result.complete(new Attempt(started, elapsed(t0), new Attempt.NoAnswer(error)));
        }

        void timeOut() {
            if (result.complete(new Attempt(started, elapsed(t0), new Attempt.NoAnswer("timeout after " + timeout)))
                    && request != null) {
                request.reset();
            }
        }
    }

    @Override
    public void close() {
        client.close();
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

    private static String pathAndQuery(URI uri) {
        String path = uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath();
        return uri.getRawQuery() == null ? path : path + "?" + uri.getRawQuery();
    }

    private static long elapsed(long t0) {
        return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0);
    }
}
