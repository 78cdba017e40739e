package io.lamina.smoke;

import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentStatus;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;

/** Waits until every Deployment of a Helm release has rolled out: all replicas updated, ready and available. */
public final class DeploymentsReady {

    private final KubernetesClient client;
    private final Clock clock;
    private final Duration pollEvery;
    private final Consumer<String> log;

    public DeploymentsReady(KubernetesClient client, Clock clock, Duration pollEvery, Consumer<String> log) {
        this.client = client;
        this.clock = clock;
        this.pollEvery = pollEvery;
        this.log = log;
    }

    /**
     * Returns the names of the release's Deployments once all are ready.
     *
     * @throws SmokeFailure when none exists, or some are still not ready at the deadline (naming them)
     */
    public List<String> await(String namespace, String release, Instant deadline) throws InterruptedException {
        String lastReport = "";
        while (true) {
            String report;
            try {
                List<Deployment> deployments = client.apps().deployments().inNamespace(namespace)
                        .withLabel("app.kubernetes.io/instance", release).list().getItems();
                List<String> pending = deployments.stream().filter(d -> !isReady(d))
                        .map(DeploymentsReady::describe).toList();
                if (!deployments.isEmpty() && pending.isEmpty()) {
                    return deployments.stream().map(d -> d.getMetadata().getName()).sorted().toList();
                }
                report = deployments.isEmpty()
                        ? "no Deployment with app.kubernetes.io/instance=" + release + " in namespace " + namespace
                        : "waiting for " + String.join(", ", pending);
            } catch (KubernetesClientException e) {
                // A hiccup of the API server is retried until the deadline; a lasting one (RBAC) is reported.
                report = "cannot list Deployments in namespace " + namespace + ": " + e.getMessage();
            }
            if (!clock.instant().plus(pollEvery).isBefore(deadline)) {
                throw new SmokeFailure("Deployments not ready in time: " + report);
            }
            if (!report.equals(lastReport)) {
                log.accept(report);
                lastReport = report;
            }
            Thread.sleep(pollEvery.toMillis());
        }
    }

    /** Rolled out: the controller saw the latest spec, and every wanted replica is updated, ready and available. */
    static boolean isReady(Deployment d) {
        int wanted = d.getSpec().getReplicas() == null ? 1 : d.getSpec().getReplicas();
        DeploymentStatus s = d.getStatus();
        if (s == null) {
            return wanted == 0;
        }
        Long generation = d.getMetadata().getGeneration();
        boolean observed = generation == null || (s.getObservedGeneration() != null
                && s.getObservedGeneration() >= generation);
        return observed
                && count(s.getUpdatedReplicas()) >= wanted
                && count(s.getReadyReplicas()) >= wanted
                && count(s.getAvailableReplicas()) >= wanted
                && count(s.getReplicas()) == count(s.getUpdatedReplicas());
    }

    private static String describe(Deployment d) {
        DeploymentStatus s = Objects.requireNonNullElseGet(d.getStatus(), DeploymentStatus::new);
        int wanted = d.getSpec().getReplicas() == null ? 1 : d.getSpec().getReplicas();
        return d.getMetadata().getName() + " (" + count(s.getReadyReplicas()) + "/" + wanted + " ready)";
    }

    private static int count(Integer n) {
        return n == null ? 0 : n;
    }
}
