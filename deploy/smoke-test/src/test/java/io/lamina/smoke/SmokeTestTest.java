package io.lamina.smoke;

import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.api.model.apps.DeploymentStatusBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesCrudDispatcher;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.InetAddress;
import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The smoke program against fabric8's Kubernetes mock server (CRUD mode) and a loopback stand-in of the gateway. */
class SmokeTestTest {

    KubernetesMockServer server;
    KubernetesClient k8s;
    GatewayStub gateway;
    final List<String> log = new CopyOnWriteArrayList<>();
    final HttpClient http = HttpClient.newHttpClient();

    @BeforeEach
    void start() throws Exception {
        server = new KubernetesMockServer(new Context(), new MockWebServer(), new HashMap<>(),
                new KubernetesCrudDispatcher(), false);
        server.init(InetAddress.getLoopbackAddress(), 0);
        k8s = server.createClient();
        gateway = new GatewayStub();
    }

    @AfterEach
    void stop() {
        gateway.close();
        k8s.close();
        server.destroy();
    }

    Deployment deployment(String release, String name, int replicas, int ready) {
        Deployment d = k8s.apps().deployments().inNamespace("apps").resource(new DeploymentBuilder()
                .withNewMetadata().withName(name).addToLabels("app.kubernetes.io/instance", release).endMetadata()
                .withNewSpec().withReplicas(replicas).withNewSelector().addToMatchLabels("app", name).endSelector()
                .withNewTemplate().withNewMetadata().addToLabels("app", name).endMetadata().withNewSpec()
                .addNewContainer().withName("c").withImage("i").endContainer().endSpec().endTemplate().endSpec()
                .build()).create();
        return setReady(d, replicas, ready);
    }

    Deployment setReady(Deployment d, int replicas, int ready) {
        d.setStatus(new DeploymentStatusBuilder().withObservedGeneration(d.getMetadata().getGeneration())
                .withReplicas(replicas).withUpdatedReplicas(replicas).withReadyReplicas(ready)
                .withAvailableReplicas(ready).build());
        return k8s.apps().deployments().inNamespace("apps").resource(d).updateStatus();
    }

    SmokeSettings settings(String release, int timeoutSeconds) {
        return SmokeSettings.fromEnv(Map.of("LAMINA_GATEWAY_URL", gateway.url().toString(),
                "LAMINA_ADMIN_KEY", GatewayStub.ADMIN_KEY, "LAMINA_RELEASE", release, "LAMINA_NAMESPACE", "apps",
                "LAMINA_SMOKE_TIMEOUT_SECONDS", String.valueOf(timeoutSeconds)));
    }

    DeploymentsReady waiter() {
        return new DeploymentsReady(k8s, Clock.systemUTC(), Duration.ofMillis(100), log::add);
    }

    @Test
    void passesWhenEveryDeploymentIsReadyAndTheJobReturnsTheExpectedCsv() throws Exception {
        deployment("lamina", "lamina-gateway", 2, 2);
        deployment("lamina", "lamina-sheet", 1, 1);
        deployment("other", "other-app", 1, 0);

        GatewayJobCheck.Result result = SmokeTestMain.run(settings("lamina", 30), k8s, http, Clock.systemUTC(),
                log::add);

        assertTrue(log.contains("ready: lamina-gateway, lamina-sheet"), log.toString());
        assertEquals("j-1", result.jobId());
        assertTrue(result.csv().matches("Check,Value\r\nsmoke-[0-9a-f]{8},2\r\nplus,3\r\nSum,5\r\n"), result.csv());
        assertEquals(5, gateway.requests.size(), gateway.requests.toString());
        assertEquals(List.of("POST /admin/tenants", "POST /admin/tenants/t-1/keys", "POST /admin/tenants/t-1/credits"),
                gateway.requests.subList(0, 3));
        assertTrue(gateway.requests.get(3).matches("POST /v1/jobs\\?wait=[0-9]{1,2}"), gateway.requests.get(3));
        assertEquals("GET /v1/files/f-1", gateway.requests.get(4));
    }

    @Test
    void waitsForADeploymentThatBecomesReadyLater() throws Exception {
        deployment("lamina", "lamina-gateway", 1, 1);
        Deployment sheet = deployment("lamina", "lamina-sheet", 2, 1);
        Thread later = new Thread(() -> {
            try {
                Thread.sleep(700);
                setReady(k8s.apps().deployments().inNamespace("apps").withName("lamina-sheet").get(), 2, 2);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        later.start();

        List<String> ready = waiter().await("apps", "lamina", Clock.systemUTC().instant().plusSeconds(20));

        later.join();
        assertEquals(List.of("lamina-gateway", "lamina-sheet"), ready);
        assertTrue(log.contains("waiting for lamina-sheet (1/2 ready)"), log.toString());
        assertEquals("lamina-sheet", sheet.getMetadata().getName());
    }

    @Test
    void failsAtTheDeadlineNamingTheDeploymentsThatAreNotReady() {
        deployment("lamina", "lamina-gateway", 1, 1);
        deployment("lamina", "lamina-image", 3, 1);

        SmokeFailure e = assertThrows(SmokeFailure.class,
                () -> waiter().await("apps", "lamina", Clock.systemUTC().instant().plusMillis(600)));

        assertEquals("Deployments not ready in time: waiting for lamina-image (1/3 ready)", e.getMessage());
    }

    @Test
    void failsWhenTheReleaseHasNoDeployment() {
        deployment("other", "other-app", 1, 1);

        SmokeFailure e = assertThrows(SmokeFailure.class,
                () -> waiter().await("apps", "lamina", Clock.systemUTC().instant().plusMillis(300)));

        assertTrue(e.getMessage().contains("no Deployment with app.kubernetes.io/instance=lamina in namespace apps"),
                e.getMessage());
    }

    @Test
    void anUnreachableApiServerIsRetriedThenReported() {
        try (KubernetesClient unreachable = new io.fabric8.kubernetes.client.KubernetesClientBuilder()
                .withConfig(new io.fabric8.kubernetes.client.ConfigBuilder().withMasterUrl("http://127.0.0.1:1")
                        .withRequestRetryBackoffLimit(0).build()).build()) {
            DeploymentsReady waiter = new DeploymentsReady(unreachable, Clock.systemUTC(), Duration.ofMillis(100),
                    log::add);

            SmokeFailure e = assertThrows(SmokeFailure.class,
                    () -> waiter.await("apps", "lamina", Clock.systemUTC().instant().plusMillis(800)));

            assertTrue(e.getMessage().startsWith("Deployments not ready in time: cannot list Deployments in namespace apps"),
                    e.getMessage());
        }
    }

    @Test
    void aDeploymentWhoseNewSpecWasNotObservedIsNotReady() {
        Deployment d = deployment("lamina", "lamina-gateway", 1, 1);
        assertTrue(DeploymentsReady.isReady(d));
        d.getMetadata().setGeneration(d.getMetadata().getGeneration() + 1);
        assertEquals(false, DeploymentsReady.isReady(d));
    }

    @Test
    void followsAQueuedJobUntilItSucceeds() throws Exception {
        gateway.runningPolls = 2;

        GatewayJobCheck.Result result = check().run(Clock.systemUTC().instant().plusSeconds(30));

        assertEquals("f-1", result.fileId());
        assertEquals(3, gateway.requests.stream().filter(r -> r.equals("GET /v1/jobs/j-1")).count());
    }

    @Test
    void aFailedJobFailsTheSmokeTestWithItsError() {
        gateway.finalStatus = "failed";

        SmokeFailure e = assertThrows(SmokeFailure.class,
                () -> check().run(Clock.systemUTC().instant().plusSeconds(30)));

        assertTrue(e.getMessage().startsWith("job j-1 ended failed"), e.getMessage());
        assertTrue(e.getMessage().contains("invalid_params"), e.getMessage());
    }

    @Test
    void aWrongResultFailsTheSmokeTest() {
        gateway.sumError = 1;

        SmokeFailure e = assertThrows(SmokeFailure.class,
                () -> check().run(Clock.systemUTC().instant().plusSeconds(30)));

        assertTrue(e.getMessage().startsWith("expected the row Sum,5.0 in the CSV"), e.getMessage());
    }

    @Test
    void aWrongAdminKeyFailsAtTheFirstCall() {
        GatewayJobCheck check = new GatewayJobCheck(http, gateway.url(), "wrong", Clock.systemUTC(), log::add);

        SmokeFailure e = assertThrows(SmokeFailure.class,
                () -> check.run(Clock.systemUTC().instant().plusSeconds(30)));

        assertTrue(e.getMessage().startsWith("could not create a tenant: POST /admin/tenants answered HTTP 401"),
                e.getMessage());
    }

    @Test
    void withoutAReleaseItGoesStraightToTheGateway() throws Exception {
        SmokeSettings local = SmokeSettings.fromEnv(Map.of("LAMINA_GATEWAY_URL", gateway.url() + "/",
                "LAMINA_ADMIN_KEY", GatewayStub.ADMIN_KEY));

        GatewayJobCheck.Result result = SmokeTestMain.run(local, null, http, Clock.systemUTC(), log::add);

        assertEquals("j-1", result.jobId());
        assertEquals(300, local.timeout().toSeconds());
    }

    @Test
    void settingsNameWhatIsMissingOrWrong() {
        assertEquals("LAMINA_GATEWAY_URL is required", assertThrows(IllegalArgumentException.class,
                () -> SmokeSettings.fromEnv(Map.of("LAMINA_ADMIN_KEY", "k"))).getMessage());
        assertEquals("LAMINA_NAMESPACE is required with LAMINA_RELEASE", assertThrows(IllegalArgumentException.class,
                () -> SmokeSettings.fromEnv(Map.of("LAMINA_ADMIN_KEY", "k", "LAMINA_GATEWAY_URL", "http://g",
                        "LAMINA_RELEASE", "r"))).getMessage());
        assertTrue(assertThrows(IllegalArgumentException.class, () -> SmokeSettings.fromEnv(Map.of(
                "LAMINA_ADMIN_KEY", "k", "LAMINA_GATEWAY_URL", "ftp://g"))).getMessage().contains("http(s)"));
        assertThrows(IllegalArgumentException.class, () -> SmokeSettings.fromEnv(Map.of("LAMINA_ADMIN_KEY", "k",
                "LAMINA_GATEWAY_URL", "http://g", "LAMINA_SMOKE_TIMEOUT_SECONDS", "0")));
    }

    @Test
    void theJobAsksForAFormulaTheServiceMustEvaluate() {
        var job = GatewayJobCheck.job("smoke-1234abcd");
        assertEquals("{\"steps\":[{\"id\":\"sheet\",\"operation\":\"sheet_generation\",\"params\":{\"format\":\"csv\","
                + "\"sheets\":[{\"name\":\"Smoke\",\"columns\":[{\"name\":\"Check\"},{\"name\":\"Value\"}],"
                + "\"rows\":[[\"smoke-1234abcd\",2],[\"plus\",3],[\"Sum\",\"=SUM(B2:B3)\"]]}]}}]}", job.toString());
        GatewayJobCheck.checkCsv("Check,Value\r\nsmoke-1234abcd,2\r\nplus,3\r\nSum,5.0\r\n", "smoke-1234abcd");
        assertThrows(SmokeFailure.class, () -> GatewayJobCheck.checkCsv(
                "Check,Value\nsmoke-1234abcd,2\nplus,3\nSum,5\n", "smoke-1234abcd"));
        assertThrows(SmokeFailure.class, () -> GatewayJobCheck.checkCsv(
                "Check,Value\r\nsmoke-other,2\r\nplus,3\r\nSum,5\r\n", "smoke-1234abcd"));
    }

    GatewayJobCheck check() {
        return new GatewayJobCheck(http, gateway.url(), GatewayStub.ADMIN_KEY, Clock.systemUTC(), log::add);
    }
}
