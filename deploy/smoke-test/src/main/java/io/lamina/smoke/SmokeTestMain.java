package io.lamina.smoke;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;

import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.function.Consumer;

/**
 * The {@code helm test} program: waits for every Deployment of the release to be ready (fabric8, with the in-cluster
 * credentials of the test pod's ServiceAccount), then runs one real job through the gateway Service. Without
 * {@code LAMINA_RELEASE} it skips the Kubernetes part and checks the gateway at {@code LAMINA_GATEWAY_URL} only (a
 * local platform). Exit status 0 when everything held, 1 on a failed check, 2 on bad settings.
 */
public final class SmokeTestMain {

    private SmokeTestMain() {
    }

    public static void main(String[] args) {
        Consumer<String> log = line -> System.out.println("[smoke-test] " + line);
        SmokeSettings settings;
        try {
            settings = SmokeSettings.fromEnv(System.getenv());
        } catch (IllegalArgumentException e) {
            System.err.println("[smoke-test] " + e.getMessage());
            System.exit(2);
            return;
        }
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
        int status;
        try (KubernetesClient k8s = settings.waitsForDeployments() ? new KubernetesClientBuilder().build() : null) {
            run(settings, k8s, http, Clock.systemUTC(), log);
            log.accept("PASSED");
            status = 0;
        } catch (SmokeFailure e) {
            System.err.println("[smoke-test] FAILED: " + e.getMessage());
            status = 1;
        } catch (java.io.IOException e) {
            System.err.println("[smoke-test] FAILED: cannot talk to the gateway at " + settings.gateway() + ": " + e);
            status = 1;
        } catch (Exception e) {
            System.err.println("[smoke-test] FAILED: " + e);
            status = 1;
        }
        System.exit(status);
    }

    /**
     * Both checks within the settings' time limit.
     *
     * @param k8s the cluster's client; may be null when the settings name no release
     * @throws SmokeFailure when a check does not hold
     */
    public static GatewayJobCheck.Result run(SmokeSettings settings, KubernetesClient k8s, HttpClient http,
                                             Clock clock, Consumer<String> log) throws Exception {
        Instant deadline = clock.instant().plus(settings.timeout());
        if (settings.waitsForDeployments()) {
            var ready = new DeploymentsReady(k8s, clock, Duration.ofSeconds(2), log)
                    .await(settings.namespace(), settings.release(), deadline);
            log.accept("ready: " + String.join(", ", ready));
        }
        return new GatewayJobCheck(http, settings.gateway(), settings.adminKey(), clock, log).run(deadline);
    }
}
