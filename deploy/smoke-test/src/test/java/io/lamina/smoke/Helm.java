package io.lamina.smoke;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertTrue;

/** Runs the helm binary ./lamina test installed (system property lamina.helm) on the chart (lamina.chart). */
final class Helm {

    /** Exit status and combined output of one helm run. */
    record Run(int exitCode, String output) {
    }

    static final Path BINARY = Path.of(System.getProperty("lamina.helm", "../../.lamina/tools/helm/helm"));
    static final Path CHART = Path.of(System.getProperty("lamina.chart", "../helm/lamina")).toAbsolutePath()
            .normalize();

    private Helm() {
    }

    static void assertInstalled() {
        assertTrue(Files.isExecutable(BINARY), "no helm at " + BINARY + ": ./lamina test installs it "
                + "(deploy/local/lib/helm.sh), or pass -Dlamina.helm=<path>");
    }

    static Run run(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(BINARY.toString()));
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        byte[] out = process.getInputStream().readAllBytes();
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new IllegalStateException("helm did not finish: " + command);
        }
        return new Run(process.exitValue(), new String(out, StandardCharsets.UTF_8));
    }

    /** {@code helm template} of release "lamina-test" in namespace "apps" with the values file(s) and --set pairs. */
    static Run template(List<String> valuesFiles, String... sets) throws IOException, InterruptedException {
        List<String> args = new ArrayList<>(List.of("template", "lamina-test", CHART.toString(),
                "--namespace", "apps"));
        for (String file : valuesFiles) {
            args.add("-f");
            args.add(CHART.resolve(file).toString());
        }
        for (String set : sets) {
            args.add("--set");
            args.add(set);
        }
        return run(args.toArray(String[]::new));
    }

    /** Every YAML document of a rendering, empty documents dropped. */
    static List<JsonNode> documents(String yaml) throws IOException {
        List<JsonNode> docs = new ArrayList<>();
        try (MappingIterator<JsonNode> it = new YAMLMapper().readerFor(JsonNode.class).readValues(yaml)) {
            while (it.hasNext()) {
                JsonNode doc = it.next();
                if (doc != null && !doc.isNull() && !doc.isEmpty()) {
                    docs.add(doc);
                }
            }
        }
        return docs;
    }
}
