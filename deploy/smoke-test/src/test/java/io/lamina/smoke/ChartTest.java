package io.lamina.smoke;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import io.fabric8.kubernetes.api.model.rbac.Role;
import io.fabric8.kubernetes.api.model.rbac.RoleBinding;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The chart checks of ./lamina test: helm lint, then helm template with the least an operator sets
 * (ci/default-values.yaml) and with every option switched (ci/full-values.yaml); every rendered object is read
 * strictly into fabric8's Kubernetes models (unknown fields fail), then the rendering is checked: replicas, env,
 * probes, security contexts, references between objects. Invalid values must be refused by values.schema.json.
 */
class ChartTest {

    static final Map<String, Integer> PORTS = Map.of("gateway", 8080, "extraction", 8081, "image", 8082,
            "docgen", 8083, "sheet", 8084, "billing", 8085, "webhook", 8086);
    static final Set<String> DATABASE = Set.of("gateway", "billing", "webhook");
    /** The services whose internal REST calls are authenticated with the shared token. */
    static final Set<String> INTERNAL_TOKEN = Set.of("gateway", "billing", "webhook");
    static final Set<String> BLOBS = Set.of("gateway", "extraction", "image", "docgen", "sheet");
    static final Map<String, String> TOPICS = Map.of("extraction", "lamina.ops.extraction.commands",
            "image", "lamina.ops.image.commands", "docgen", "lamina.ops.docgen.commands",
            "sheet", "lamina.ops.sheet.commands");
    static final String PREFIX = "lamina-test-";

    /** One rendering: the typed objects plus the raw documents of kinds fabric8 has no model for (ScaledObject). */
    record Rendering(List<HasMetadata> objects, List<JsonNode> custom) {

        <T extends HasMetadata> List<T> all(Class<T> type) {
            return objects.stream().filter(type::isInstance).map(type::cast).toList();
        }

        <T extends HasMetadata> T one(Class<T> type, String name) {
            List<T> found = all(type).stream().filter(o -> o.getMetadata().getName().equals(name)).toList();
            assertEquals(1, found.size(), () -> "one " + type.getSimpleName() + " " + name + " in " + names(type));
            return found.get(0);
        }

        Map<String, Deployment> deployments() {
            return all(Deployment.class).stream().collect(Collectors.toMap(
                    d -> d.getMetadata().getLabels().get("app.kubernetes.io/component"), d -> d, (a, b) -> a,
                    TreeMap::new));
        }

        List<String> names(Class<? extends HasMetadata> type) {
            return all(type).stream().map(o -> o.getMetadata().getName()).sorted().toList();
        }
    }

    static Rendering render(String valuesFile, String... sets) throws Exception {
        Helm.Run run = Helm.template(List.of(valuesFile), sets);
        assertEquals(0, run.exitCode(), run.output());
        List<HasMetadata> objects = new ArrayList<>();
        List<JsonNode> custom = new ArrayList<>();
        for (JsonNode doc : Helm.documents(run.output())) {
            if (StrictModels.knows(doc)) {
                try {
                    objects.add(StrictModels.read(doc));
                } catch (Exception e) {
                    throw new AssertionError("not a valid " + doc.path("kind").asText() + ": "
                            + doc.path("metadata").path("name").asText() + ": " + e.getMessage(), e);
                }
            } else {
                custom.add(doc);
            }
        }
        for (HasMetadata o : objects) {
            String name = o.getMetadata().getName();
            assertTrue(name.matches("[a-z0-9]([-a-z0-9]*[a-z0-9])?") && name.length() <= 63,
                    "not a DNS label: " + name);
        }
        return new Rendering(objects, custom);
    }

    static Container container(Deployment d) {
        List<Container> containers = d.getSpec().getTemplate().getSpec().getContainers();
        assertEquals(1, containers.size());
        return containers.get(0);
    }

    static Map<String, EnvVar> env(Deployment d) {
        return container(d).getEnv().stream().collect(Collectors.toMap(EnvVar::getName, e -> e, (a, b) -> b));
    }

    static String value(Deployment d, String name) {
        EnvVar var = env(d).get(name);
        assertTrue(var != null, () -> d.getMetadata().getName() + " lacks env " + name);
        return var.getValue();
    }

    static String secretRef(Deployment d, String name) {
        EnvVar var = env(d).get(name);
        assertTrue(var != null && var.getValueFrom() != null && var.getValueFrom().getSecretKeyRef() != null,
                () -> d.getMetadata().getName() + ": " + name + " must come from a Secret");
        return var.getValueFrom().getSecretKeyRef().getName() + "/" + var.getValueFrom().getSecretKeyRef().getKey();
    }

    @BeforeAll
    static void helmIsThere() {
        Helm.assertInstalled();
    }

    @Test
    void lintPassesStrictlyForBothValueSets() throws Exception {
        for (String values : List.of("ci/default-values.yaml", "ci/full-values.yaml")) {
            Helm.Run lint = Helm.run("lint", "--strict", Helm.CHART.toString(), "-f",
                    Helm.CHART.resolve(values).toString());
            assertEquals(0, lint.exitCode(), lint.output());
            assertTrue(lint.output().contains("0 chart(s) failed"), lint.output());
        }
    }

    @Test
    void strictModelsRefuseAFieldTheSchemaDoesNotHave() throws Exception {
        Rendering r = render("ci/default-values.yaml");
        JsonNode deployment = Helm.documents(Helm.template(List.of("ci/default-values.yaml"),
                "smokeTest.enabled=false").output()).stream()
                .filter(d -> d.path("kind").asText().equals("Deployment")).findFirst().orElseThrow();
        assertEquals(7, r.all(Deployment.class).size());
        ObjectNode broken = deployment.deepCopy();
        ((ObjectNode) broken.path("spec").path("template").path("spec").path("containers").get(0))
                .put("readinessProbes", "misspelt");
        assertThrows(Exception.class, () -> StrictModels.read(broken));
        ObjectNode misplaced = deployment.deepCopy();
        ((ObjectNode) misplaced.path("spec")).put("serviceAccountName", "belongs-to-the-pod-spec");
        assertThrows(Exception.class, () -> StrictModels.read(misplaced));
        StrictModels.read(deployment);
    }

    @Nested
    @TestInstance(TestInstance.Lifecycle.PER_CLASS)
    class WithDefaultValues {

        Rendering r;

        @BeforeAll
        void render() throws Exception {
            r = ChartTest.render("ci/default-values.yaml");
        }

        @Test
        void rendersEveryServiceWithItsReplicasAndImage() {
            Map<String, Deployment> d = r.deployments();
            assertEquals(PORTS.keySet(), d.keySet());
            Map<String, Integer> replicas = new TreeMap<>();
            d.forEach((name, dep) -> replicas.put(name, dep.getSpec().getReplicas()));
            assertEquals(Map.of("gateway", 2, "billing", 2, "webhook", 2, "extraction", 1, "image", 1, "docgen", 1,
                    "sheet", 1), replicas);
            d.forEach((name, dep) -> assertEquals("lamina/" + name + "-service:0.1.0", container(dep).getImage()));
            assertTrue(r.custom().isEmpty(), "no ScaledObject without autoscaling: " + r.custom());
            assertTrue(r.all(Ingress.class).isEmpty());
        }

        @Test
        void probesHitTheQuarkusHealthEndpointsOnTheServicePort() {
            r.deployments().forEach((name, dep) -> {
                Container c = container(dep);
                assertEquals(PORTS.get(name), c.getPorts().get(0).getContainerPort(), name);
                assertEquals("http", c.getPorts().get(0).getName());
                assertProbe(c.getLivenessProbe(), "/q/health/live", name);
                assertProbe(c.getReadinessProbe(), "/q/health/ready", name);
                assertProbe(c.getStartupProbe(), "/q/health/started", name);
                assertEquals(60, c.getStartupProbe().getFailureThreshold(), name);
                assertEquals(String.valueOf(PORTS.get(name)), value(dep, "QUARKUS_HTTP_PORT"));
            });
        }

        private void assertProbe(Probe probe, String path, String service) {
            assertEquals(path, probe.getHttpGet().getPath(), service);
            assertEquals("http", probe.getHttpGet().getPort().getStrVal(), service);
        }

        @Test
        void podsRunNonRootWithAReadOnlyRootFilesystemAndNoApiToken() {
            r.deployments().forEach((name, dep) -> {
                PodSpec pod = dep.getSpec().getTemplate().getSpec();
                var c = container(dep).getSecurityContext();
                assertAll(name,
                        () -> assertEquals(Boolean.TRUE, pod.getSecurityContext().getRunAsNonRoot()),
                        () -> assertEquals(10001L, pod.getSecurityContext().getRunAsUser()),
                        () -> assertEquals("RuntimeDefault", pod.getSecurityContext().getSeccompProfile().getType()),
                        () -> assertEquals(Boolean.TRUE, c.getReadOnlyRootFilesystem()),
                        () -> assertEquals(Boolean.TRUE, c.getRunAsNonRoot()),
                        () -> assertEquals(Boolean.FALSE, c.getAllowPrivilegeEscalation()),
                        () -> assertEquals(List.of("ALL"), c.getCapabilities().getDrop()),
                        () -> assertEquals(Boolean.FALSE, pod.getAutomountServiceAccountToken()),
                        () -> assertEquals(PREFIX + "" + name, pod.getServiceAccountName()),
                        // the only writable paths: /tmp and, for blob users, the blob volume
                        () -> assertEquals("/tmp", container(dep).getVolumeMounts().get(0).getMountPath()));
            });
        }

        @Test
        void serviceAccountsHaveNoTokenAndOnlyTheSmokeTestMayReadTheApi() {
            List<ServiceAccount> accounts = r.all(ServiceAccount.class);
            assertEquals(8, accounts.size(), r.names(ServiceAccount.class).toString());
            accounts.stream().filter(a -> !a.getMetadata().getName().endsWith("smoke-test"))
                    .forEach(a -> assertEquals(Boolean.FALSE, a.getAutomountServiceAccountToken(),
                            a.getMetadata().getName()));
            Role role = r.one(Role.class, PREFIX + "smoke-test");
            assertEquals(1, role.getRules().size());
            assertEquals(List.of("apps"), role.getRules().get(0).getApiGroups());
            assertEquals(List.of("deployments"), role.getRules().get(0).getResources());
            assertEquals(List.of("get", "list", "watch"), role.getRules().get(0).getVerbs());
            RoleBinding binding = r.one(RoleBinding.class, PREFIX + "smoke-test");
            assertEquals(role.getMetadata().getName(), binding.getRoleRef().getName());
            assertEquals(PREFIX + "smoke-test", binding.getSubjects().get(0).getName());
            assertEquals("apps", binding.getSubjects().get(0).getNamespace());
            assertEquals(1, r.all(Role.class).size());
        }

        @Test
        void everyServiceGetsKafkaAndItsOwnSchemaOrBlobSettings() {
            r.deployments().forEach((name, dep) -> {
                assertEquals("kafka:9092", value(dep, "KAFKA_BOOTSTRAP_SERVERS"), name);
                assertTrue(value(dep, "JAVA_TOOL_OPTIONS").contains("-XX:MaxRAMPercentage="), name);
                Map<String, EnvVar> env = env(dep);
                if (DATABASE.contains(name)) {
                    assertEquals("postgresql", value(dep, "LAMINA_DB_HOST"));
                    assertEquals("5432", value(dep, "LAMINA_DB_PORT"));
                    assertEquals("lamina", value(dep, "LAMINA_DB_NAME"));
                    assertEquals(PREFIX + "postgresql/username", secretRef(dep, "LAMINA_DB_USER"));
                    assertEquals(PREFIX + "postgresql/password", secretRef(dep, "LAMINA_DB_PASSWORD"));
                } else {
                    assertFalse(env.containsKey("LAMINA_DB_HOST"), name);
                }
                if (BLOBS.contains(name)) {
                    assertEquals("filesystem", value(dep, "LAMINA_BLOBS_BACKEND"));
                    assertEquals("/data/blobs", value(dep, "LAMINA_BLOBS_DIR"));
                    var volume = dep.getSpec().getTemplate().getSpec().getVolumes().stream()
                            .filter(v -> v.getName().equals("blobs")).findFirst().orElseThrow();
                    assertEquals(PREFIX + "blobs", volume.getPersistentVolumeClaim().getClaimName());
                    assertTrue(container(dep).getVolumeMounts().stream()
                            .anyMatch(m -> m.getName().equals("blobs") && m.getMountPath().equals("/data/blobs")));
                } else {
                    assertFalse(env.containsKey("LAMINA_BLOBS_BACKEND"), name);
                }
            });
            assertEquals("1", value(r.deployments().get("extraction"), "OMP_THREAD_LIMIT"));
            var claim = r.one(io.fabric8.kubernetes.api.model.PersistentVolumeClaim.class, PREFIX + "blobs");
            assertEquals(List.of("ReadWriteMany"), claim.getSpec().getAccessModes());
            assertEquals("20Gi", claim.getSpec().getResources().getRequests().get("storage").toString());
        }

        @Test
        void theGatewayFindsBillingWebhookAndTheAdminKey() {
            Deployment gateway = r.deployments().get("gateway");
            assertEquals(PREFIX + "admin/admin-key", secretRef(gateway, "LAMINA_ADMIN_KEY"));
            Secret admin = r.one(Secret.class, PREFIX + "admin");
            String key = new String(Base64.getDecoder().decode(admin.getData().get("admin-key")));
            assertTrue(key.matches("[A-Za-z0-9]{48}"), "a generated 48-character key");
            for (String target : List.of("billing", "webhook")) {
                String url = value(gateway, "LAMINA_" + target.toUpperCase() + "_URL");
                Service service = r.one(Service.class, PREFIX + "" + target);
                assertEquals("http://" + service.getMetadata().getName() + ":"
                        + service.getSpec().getPorts().get(0).getPort(), url);
            }
            Secret pg = r.one(Secret.class, PREFIX + "postgresql");
            assertEquals("change-me", new String(Base64.getDecoder().decode(pg.getData().get("password"))));
        }

        @Test
        void gatewayBillingAndWebhookShareTheGeneratedInternalToken() {
            Secret internal = r.one(Secret.class, PREFIX + "internal");
            String token = new String(Base64.getDecoder().decode(internal.getData().get("internal-token")));
            assertTrue(token.matches("[A-Za-z0-9]{48}"), "a generated 48-character token");
            Secret admin = r.one(Secret.class, PREFIX + "admin");
            assertNotEquals(admin.getData().get("admin-key"), internal.getData().get("internal-token"));
            r.deployments().forEach((name, dep) -> {
                if (INTERNAL_TOKEN.contains(name)) {
                    assertEquals(PREFIX + "internal/internal-token", secretRef(dep, "LAMINA_INTERNAL_TOKEN"), name);
                } else {
                    assertFalse(env(dep).containsKey("LAMINA_INTERNAL_TOKEN"), name + " has no use for the token");
                }
            });
        }

        @Test
        void servicesAndBudgetsSelectExactlyTheirDeploymentsPods() {
            Map<String, Deployment> d = r.deployments();
            assertEquals(7, r.all(Service.class).size());
            assertEquals(7, r.all(PodDisruptionBudget.class).size());
            d.forEach((name, dep) -> {
                Map<String, String> podLabels = dep.getSpec().getTemplate().getMetadata().getLabels();
                Service svc = r.one(Service.class, dep.getMetadata().getName());
                PodDisruptionBudget pdb = r.one(PodDisruptionBudget.class, dep.getMetadata().getName());
                assertTrue(podLabels.entrySet().containsAll(svc.getSpec().getSelector().entrySet()), name);
                assertEquals(svc.getSpec().getSelector(), pdb.getSpec().getSelector().getMatchLabels(), name);
                assertEquals(dep.getSpec().getSelector().getMatchLabels(), svc.getSpec().getSelector(), name);
                assertEquals(1, pdb.getSpec().getMaxUnavailable().getIntVal(), name);
                assertEquals(PORTS.get(name), svc.getSpec().getPorts().get(0).getPort());
                d.values().stream().filter(other -> other != dep).forEach(other -> assertFalse(
                        other.getSpec().getTemplate().getMetadata().getLabels().entrySet()
                                .containsAll(svc.getSpec().getSelector().entrySet()),
                        svc.getMetadata().getName() + " also selects " + other.getMetadata().getName()));
            });
        }

        @Test
        void theSmokeTestPodTalksToTheGatewayServiceWithTheAdminKey() {
            var pod = r.one(io.fabric8.kubernetes.api.model.Pod.class, PREFIX + "smoke-test");
            assertEquals("test", pod.getMetadata().getAnnotations().get("helm.sh/hook"));
            assertEquals("Never", pod.getSpec().getRestartPolicy());
            Map<String, EnvVar> env = pod.getSpec().getContainers().get(0).getEnv().stream()
                    .collect(Collectors.toMap(EnvVar::getName, e -> e));
            assertEquals("http://lamina-test-gateway.apps.svc:8080", env.get("LAMINA_GATEWAY_URL").getValue());
            assertEquals("lamina-test", env.get("LAMINA_RELEASE").getValue());
            assertEquals("metadata.namespace", env.get("LAMINA_NAMESPACE").getValueFrom().getFieldRef().getFieldPath());
            assertEquals(PREFIX + "admin", env.get("LAMINA_ADMIN_KEY").getValueFrom().getSecretKeyRef().getName());
            assertEquals(Boolean.TRUE, pod.getSpec().getContainers().get(0).getSecurityContext()
                    .getReadOnlyRootFilesystem());
            // the settings the pod gets are the ones the program accepts
            SmokeSettings settings = SmokeSettings.fromEnv(Map.of("LAMINA_GATEWAY_URL",
                    env.get("LAMINA_GATEWAY_URL").getValue(), "LAMINA_RELEASE", env.get("LAMINA_RELEASE").getValue(),
                    "LAMINA_NAMESPACE", "apps", "LAMINA_ADMIN_KEY", "k",
                    "LAMINA_SMOKE_TIMEOUT_SECONDS", env.get("LAMINA_SMOKE_TIMEOUT_SECONDS").getValue()));
            assertEquals(300, settings.timeout().toSeconds());
        }
    }

    @Nested
    @TestInstance(TestInstance.Lifecycle.PER_CLASS)
    class WithEveryOptionSwitched {

        Rendering r;

        @BeforeAll
        void render() throws Exception {
            r = ChartTest.render("ci/full-values.yaml");
        }

        @Test
        void disabledServicesVanishAndImagesComeFromTheRegistry() {
            Map<String, Deployment> d = r.deployments();
            assertFalse(d.containsKey("webhook"));
            assertEquals(6, d.size());
            assertEquals(3, d.get("gateway").getSpec().getReplicas());
            assertEquals("registry.example.com/acme/lamina/gateway-service:1.2.4", container(d.get("gateway")).getImage());
            assertEquals("registry.example.com/acme/lamina/sheet-service:1.2.3", container(d.get("sheet")).getImage());
            assertEquals("Always", container(d.get("sheet")).getImagePullPolicy());
            assertEquals("regcred", d.get("sheet").getSpec().getTemplate().getSpec().getImagePullSecrets().get(0).getName());
            assertEquals("100M", value(d.get("gateway"), "LAMINA_FILES_MAX_BYTES"));
            assertEquals(Map.of("kubernetes.io/arch", "amd64"),
                    d.get("sheet").getSpec().getTemplate().getSpec().getNodeSelector());
        }

        @Test
        void kedaOwnsTheReplicasOfEveryScaledOperationService() {
            Map<String, Deployment> d = r.deployments();
            assertEquals(4, r.custom().size());
            for (JsonNode so : r.custom()) {
                assertEquals("keda.sh/v1alpha1", so.path("apiVersion").asText());
                assertEquals("ScaledObject", so.path("kind").asText());
                String service = so.path("metadata").path("labels").path("app.kubernetes.io/component").asText();
                Deployment target = d.get(service);
                assertEquals(target.getMetadata().getName(), so.path("spec").path("scaleTargetRef").path("name").asText());
                assertNull(target.getSpec().getReplicas(), service + ": KEDA owns replicas");
                JsonNode trigger = so.path("spec").path("triggers").get(0);
                assertEquals("kafka", trigger.path("type").asText());
                JsonNode m = trigger.path("metadata");
                assertEquals(TOPICS.get(service), m.path("topic").asText());
                assertEquals(service + "-service", m.path("consumerGroup").asText());
                assertEquals("kafka-0.kafka:9093,kafka-1.kafka:9093", m.path("bootstrapServers").asText());
                assertEquals("false", m.path("allowIdleConsumers").asText());
                assertTrue(so.path("spec").path("maxReplicaCount").asInt() >= so.path("spec").path("minReplicaCount").asInt());
                // KEDA reads trigger metadata as strings
                assertTrue(m.path("lagThreshold").isTextual());
            }
            Map<String, String> lag = r.custom().stream().collect(Collectors.toMap(
                    so -> so.path("metadata").path("labels").path("app.kubernetes.io/component").asText(),
                    so -> so.path("spec").path("triggers").get(0).path("metadata").path("lagThreshold").asText()
                            + "@" + so.path("spec").path("minReplicaCount").asInt() + "-"
                            + so.path("spec").path("maxReplicaCount").asInt()));
            assertEquals(Map.of("extraction", "10@2-12", "image", "40@1-8", "docgen", "100@1-4", "sheet", "250@1-4"),
                    lag);
        }

        @Test
        void s3ExternalSecretsAndJdbcUrlReachTheRightServices() {
            Map<String, Deployment> d = r.deployments();
            for (String name : BLOBS) {
                Deployment dep = d.get(name);
                assertEquals("s3", value(dep, "LAMINA_BLOBS_BACKEND"));
                assertEquals("lamina-blobs", value(dep, "LAMINA_BLOBS_S3_BUCKET"));
                assertEquals("https://minio.storage.svc:9000", value(dep, "LAMINA_BLOBS_S3_ENDPOINT"));
                assertEquals("true", value(dep, "LAMINA_BLOBS_S3_PATH_STYLE"));
                assertEquals("prod/", value(dep, "LAMINA_BLOBS_S3_PREFIX"));
                assertEquals("eu-central-1", value(dep, "LAMINA_BLOBS_S3_REGION"));
                assertEquals(PREFIX + "s3/access-key-id", secretRef(dep, "LAMINA_BLOBS_S3_ACCESS_KEY_ID"));
                assertEquals(PREFIX + "s3/secret-access-key",
                        secretRef(dep, "LAMINA_BLOBS_S3_SECRET_ACCESS_KEY"));
                assertFalse(env(dep).containsKey("LAMINA_BLOBS_DIR"), name);
                assertTrue(dep.getSpec().getTemplate().getSpec().getVolumes().stream()
                        .noneMatch(v -> v.getName().equals("blobs")), name);
            }
            assertTrue(r.all(io.fabric8.kubernetes.api.model.PersistentVolumeClaim.class).isEmpty());
            assertEquals("jdbc:postgresql://pg.db.svc:5432/lamina?sslmode=require&currentSchema=gateway",
                    value(d.get("gateway"), "QUARKUS_DATASOURCE_JDBC_URL"));
            assertEquals("jdbc:postgresql://pg.db.svc:5432/lamina?sslmode=require&currentSchema=billing",
                    value(d.get("billing"), "QUARKUS_DATASOURCE_JDBC_URL"));
            assertEquals("lamina-pg/password", secretRef(d.get("billing"), "LAMINA_DB_PASSWORD"));
            assertEquals(List.of(PREFIX + "admin", PREFIX + "s3"), r.names(Secret.class),
                    "no PostgreSQL or internal-token Secret when an existing one is named");
            for (String name : List.of("gateway", "billing")) {
                assertEquals("lamina-internal-from-vault/token", secretRef(d.get(name), "LAMINA_INTERNAL_TOKEN"), name);
            }
            assertFalse(env(d.get("sheet")).containsKey("LAMINA_INTERNAL_TOKEN"));
            assertEquals("SASL_SSL", value(d.get("sheet"), "KAFKA_SECURITY_PROTOCOL"));
            assertEquals("SCRAM-SHA-512", value(d.get("sheet"), "KAFKA_SASL_MECHANISM"));
            assertEquals("kafka-jaas/sasl.jaas.config", secretRef(d.get("sheet"), "KAFKA_SASL_JAAS_CONFIG"));
            assertEquals("http://otel-collector.observability:4317",
                    value(d.get("image"), "QUARKUS_OTEL_EXPORTER_OTLP_TRACES_ENDPOINT"));
            Secret admin = r.one(Secret.class, PREFIX + "admin");
            assertEquals("admin-key-from-values", new String(Base64.getDecoder().decode(admin.getData().get("admin-key"))));
            r.all(ServiceAccount.class).stream().filter(a -> !a.getMetadata().getName().endsWith("smoke-test"))
                    .forEach(a -> assertEquals("arn:aws:iam::123456789012:role/lamina",
                            a.getMetadata().getAnnotations().get("eks.amazonaws.com/role-arn")));
        }

        @Test
        void theIngressRoutesToTheGatewayServicePort() {
            Ingress ingress = r.one(Ingress.class, PREFIX + "gateway");
            assertEquals("nginx", ingress.getSpec().getIngressClassName());
            var rule = ingress.getSpec().getRules().get(0);
            assertEquals("api.lamina.example.com", rule.getHost());
            var backend = rule.getHttp().getPaths().get(0).getBackend().getService();
            Service gateway = r.one(Service.class, backend.getName());
            assertEquals(backend.getPort().getName(), gateway.getSpec().getPorts().get(0).getName());
            assertEquals("lamina-tls", ingress.getSpec().getTls().get(0).getSecretName());
        }

        @Test
        void budgetsFollowTheirSwitch() {
            assertEquals(Optional.empty(), r.all(PodDisruptionBudget.class).stream()
                    .filter(p -> p.getMetadata().getName().endsWith("-billing")).findAny());
            assertEquals(5, r.all(PodDisruptionBudget.class).size());
        }
    }

    @Test
    void theSchemaAndTheTemplatesRefuseWrongValues() throws Exception {
        Map<String, String[]> wrong = new TreeMap<>(Map.of(
                "/services/sheet/replicas", new String[]{"services.sheet.replicas=-1"},
                "additional properties 'replica' not allowed", new String[]{"services.gateway.replica=3"},
                "/blobStore/s3/bucket", new String[]{"blobStore.backend=s3"},
                "/blobStore/backend", new String[]{"blobStore.backend=nfs"},
                "only the operation services", new String[]{"services.gateway.autoscaling.enabled=true",
                        "services.gateway.autoscaling.minReplicas=1", "services.gateway.autoscaling.maxReplicas=2",
                        "services.gateway.autoscaling.lagThreshold=5",
                        "services.gateway.autoscaling.activationLagThreshold=1",
                        "services.gateway.autoscaling.pollingInterval=15",
                        "services.gateway.autoscaling.cooldownPeriod=60"},
                "missing properties 'minReplicas'", new String[]{"services.gateway.autoscaling.enabled=true"},
                "/kafka/bootstrapServers", new String[]{"kafka.bootstrapServers=not a host list"},
                "/image/pullPolicy", new String[]{"image.pullPolicy=Sometimes"},
                "/internalToken/value", new String[]{"internalToken.value=too short"}));
        for (var e : wrong.entrySet()) {
            Helm.Run run = Helm.template(List.of("ci/default-values.yaml"), e.getValue());
            assertNotEquals(0, run.exitCode(), () -> String.join(",", e.getValue()) + " was accepted");
            assertTrue(run.output().contains(e.getKey()), () -> "expected '" + e.getKey() + "' in: " + run.output());
        }
        Helm.Run missing = Helm.template(List.of());
        assertNotEquals(0, missing.exitCode());
        assertTrue(missing.output().contains("kafka.bootstrapServers is required"), missing.output());
    }
}
