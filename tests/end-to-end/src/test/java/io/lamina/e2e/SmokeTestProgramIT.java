package io.lamina.e2e;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The Helm chart's smoke-test program (deploy/smoke-test, the `helm test` pod's jar) run against the packaged
 * services, exactly as the pod runs it but pointed at the local gateway and without the Kubernetes part
 * (no LAMINA_RELEASE): a real tenant, key, credits and sheet_generation job, with the CSV checked by the program.
 */
class SmokeTestProgramIT {

    private static Platform platform;
    private static Path jar;

    @BeforeAll
    static void startPlatform() throws Exception {
        platform = Platform.get();
        jar = Path.of(System.getProperty("lamina.root", "../..")).toAbsolutePath().normalize()
                .resolve("deploy/smoke-test/target/smoke-test.jar");
        assertTrue(Files.isRegularFile(jar), jar + " is missing: package deploy/smoke-test first");
    }

    private record Run(int exitCode, String output) {
    }

    private static Run smokeTest(String adminKey) throws IOException, InterruptedException {
        ProcessBuilder pb = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-XX:TieredStopAtLevel=1", "-jar", jar.toString()).redirectErrorStream(true);
        pb.environment().putAll(Map.of("LAMINA_GATEWAY_URL", platform.gatewayUrl(), "LAMINA_ADMIN_KEY", adminKey,
                "LAMINA_SMOKE_TIMEOUT_SECONDS", "120"));
        pb.environment().remove("LAMINA_RELEASE");
        Process process = pb.start();
        byte[] out = process.getInputStream().readAllBytes();
        assertTrue(process.waitFor(150, TimeUnit.SECONDS), "the smoke test did not end");
        return new Run(process.exitValue(), new String(out, StandardCharsets.UTF_8));
    }

    @Test
    void theSmokeProgramPassesAgainstTheRunningPlatform() throws Exception {
        Run run = smokeTest(Platform.ADMIN_KEY);

        assertEquals(0, run.exitCode(), run.output());
        assertTrue(run.output().contains("succeeded; its CSV"), run.output());
        assertTrue(run.output().contains("[smoke-test] PASSED"), run.output());
    }

    @Test
    void theSmokeProgramFailsOnAWrongAdminKey() throws Exception {
        Run run = smokeTest("not-the-admin-key");

        assertEquals(1, run.exitCode(), run.output());
        assertTrue(run.output().contains("could not create a tenant: POST /admin/tenants answered HTTP 401"),
                run.output());
    }
}
