package io.lamina.image.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.lamina.blobs.BlobStore;
import io.lamina.blobs.FileSystemBlobStore;
import io.lamina.contracts.BlobRef;
import io.lamina.image.codec.PixelBudget;
import io.lamina.image.config.ImageSettings;
import io.lamina.image.service.ImageSteps;
import io.lamina.image.service.ImageTransformationOperation;
import io.lamina.ops.runtime.Outcome;
import io.lamina.ops.runtime.StepContext;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;

/**
 * The benchmark's Lamina side (run by {@code bench/run.sh}, not a test): the service's own
 * {@link ImageTransformationOperation} over a file-system blob store — validation, reading the input blob, safe
 * decode with shrink-on-load, the operation chain, encoding, storing the output blob — repeated in one JVM the way a
 * running image-service repeats it, under the service's default pixel budget. Prints one line:
 * {@code median_ms min_ms runs}. Usage: {@code ImageBench <input> <output> <operations JSON> <warmup> <runs>}.
 */
public final class ImageBench {

    private ImageBench() {
    }

    public static void main(String[] args) throws Exception {
        Path input = Path.of(args[0]);
        ObjectMapper mapper = new ObjectMapper();
        int warmup = Integer.parseInt(args[3]);
        int runs = Integer.parseInt(args[4]);
        BlobStore blobs = new FileSystemBlobStore(input.resolveSibling("blobs"));
        BlobStore.StoredBlob photo;
        try (InputStream in = Files.newInputStream(input)) {
            photo = blobs.put(in, Long.MAX_VALUE);
        }
        ObjectNode params = mapper.createObjectNode();
        params.set("file", mapper.valueToTree(BlobRef.of(photo.id(), input.getFileName().toString(), "image/jpeg",
                photo.size())));
        params.set("operations", mapper.readTree(args[2]));
        ImageTransformationOperation operation = new ImageTransformationOperation(new ImageSteps(
                ImageSettings.defaults(), new PixelBudget(40_000_000, Duration.ofSeconds(30)), mapper));
        StepContext context = new StepContext("bench", "bench", "transform", 1, blobs);
        long[] times = new long[runs];
        Outcome outcome = null;
        for (int i = 0; i < warmup + runs; i++) {
            long start = System.nanoTime();
            outcome = operation.run(params, context);
            if (i >= warmup) {
                times[i - warmup] = System.nanoTime() - start;
            }
        }
        if (!(outcome instanceof Outcome.Succeeded succeeded)) {
            throw new IllegalStateException("the step failed: " + outcome);
        }
        String outputBlob = succeeded.output().path("blob_id").asText();
        try (InputStream in = blobs.open(outputBlob).orElseThrow()) {
            Files.write(Path.of(args[1]), in.readAllBytes());
        }
        Arrays.sort(times);
        System.out.printf("%.1f %.1f %d%n", times[runs / 2] / 1e6, times[0] / 1e6, runs);
    }
}
