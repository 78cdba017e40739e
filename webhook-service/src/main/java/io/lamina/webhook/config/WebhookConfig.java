package io.lamina.webhook.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/** Delivery settings ({@code lamina.webhooks.*}). */
@ConfigMapping(prefix = "lamina.webhooks")
public interface WebhookConfig {

    /**
     * Hosts and CIDR blocks deliveries may reach although the SSRF guard would refuse them (comma list, e.g.
     * {@code 127.0.0.1,localhost} for local runs). Empty in production.
     */
    Optional<List<String>> allowedHosts();

    /** Connect timeout and whole-request timeout of one attempt. */
    @WithDefault("10s")
    Duration timeout();

    /**
     * Requests in flight at once, over all destinations; also the most keep-alive connections kept to one destination
     * (address, host name, port, scheme).
     */
    @WithDefault("8")
    int concurrency();

    /**
     * Delays before the retries that follow the first, immediate attempt. The delivery fails after the last one
     * fails.
     */
    @WithDefault("5s,5m,30m,2h,5h,10h,14h,20h,24h")
    List<Duration> retrySchedule();

    /** Relative jitter applied to each delay (0.1 = ±10 %), so a recovering endpoint is not hit by a wave. */
    @WithDefault("0.1")
    double jitter();

    /**
     * How long a claimed delivery stays invisible to other claims. A service killed mid-delivery leaves the
     * delivery pending, and it is retried once the lease runs out; must exceed {@link #timeout()}.
     */
    @WithDefault("60s")
    Duration lease();

    /**
     * How often the dispatcher looks for due deliveries when nothing wakes it. It is woken whenever a message is
     * stored or replayed and whenever an attempt ends, so this only bounds how late a scheduled retry starts.
     */
    @WithDefault("500ms")
    Duration pollInterval();

    /**
     * Most deliveries claimed in one transaction, and most finished attempts recorded in one transaction. A claim
     * never takes more than there are free sending slots ({@link #concurrency()}).
     */
    @WithDefault("100")
    int batchSize();

    /** An endpoint whose attempts have all failed for this long is disabled (with an {@code endpoint.disabled} event). */
    @WithDefault("P5D")
    Duration disableAfter();

    /** How long the previous secret keeps signing after a rotation, unless the rotation asks otherwise. */
    @WithDefault("24h")
    Duration rotationOverlap();

    /** Longest overlap a rotation may ask for. */
    @WithDefault("P7D")
    Duration maxRotationOverlap();

    /** Endpoints one tenant may have. */
    @WithDefault("20")
    int maxEndpointsPerTenant();

    /** Longest endpoint URL, in characters. */
    @WithDefault("2048")
    int maxUrlLength();

    /** Most deliveries one "replay every failed one since" request revives. */
    @WithDefault("10000")
    int maxReplay();
}
