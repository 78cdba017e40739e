package io.lamina.smoke;

import java.net.URI;
import java.time.Duration;
import java.util.Map;

/**
 * What the smoke test needs to know, read from the environment the chart's test pod sets (or a shell, when pointed at a
 * local platform).
 *
 * @param namespace namespace of the release's Deployments ({@code LAMINA_NAMESPACE})
 * @param release   Helm release name; Deployments carry {@code app.kubernetes.io/instance=<release>}
 *                  ({@code LAMINA_RELEASE}); empty means "do not wait for Deployments" (a local platform)
 * @param gateway   base URL of the gateway ({@code LAMINA_GATEWAY_URL})
 * @param adminKey  the admin key, to make a throwaway tenant ({@code LAMINA_ADMIN_KEY})
 * @param timeout   overall time limit ({@code LAMINA_SMOKE_TIMEOUT_SECONDS}, default 300)
 */
public record SmokeSettings(String namespace, String release, URI gateway, String adminKey, Duration timeout) {

    public static SmokeSettings fromEnv(Map<String, String> env) {
        String gateway = required(env, "LAMINA_GATEWAY_URL");
        String adminKey = required(env, "LAMINA_ADMIN_KEY");
        String release = env.getOrDefault("LAMINA_RELEASE", "").trim();
        String namespace = env.getOrDefault("LAMINA_NAMESPACE", "").trim();
        if (!release.isEmpty() && namespace.isEmpty()) {
            throw new IllegalArgumentException("LAMINA_NAMESPACE is required with LAMINA_RELEASE");
        }
        long seconds;
        try {
            seconds = Long.parseLong(env.getOrDefault("LAMINA_SMOKE_TIMEOUT_SECONDS", "300").trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("LAMINA_SMOKE_TIMEOUT_SECONDS must be a whole number of seconds");
        }
        if (seconds <= 0) {
            throw new IllegalArgumentException("LAMINA_SMOKE_TIMEOUT_SECONDS must be positive");
        }
        URI uri = URI.create(gateway.endsWith("/") ? gateway.substring(0, gateway.length() - 1) : gateway);
        if (!"http".equals(uri.getScheme()) && !"https".equals(uri.getScheme())) {
            throw new IllegalArgumentException("LAMINA_GATEWAY_URL must be an http(s) URL: " + gateway);
        }
        return new SmokeSettings(namespace, release, uri, adminKey, Duration.ofSeconds(seconds));
    }

    /** Whether the test waits for the release's Deployments first (in a cluster) or goes straight to the gateway. */
    public boolean waitsForDeployments() {
        return !release.isEmpty();
    }

    private static String required(Map<String, String> env, String name) {
        String value = env.get(name);
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(name + " is required");
        }
        return value.trim();
    }
}
