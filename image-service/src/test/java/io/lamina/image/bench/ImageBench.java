package io.lamina.image.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.lamina.image.codec.DecodedImage;
import io.lamina.image.codec.ImageDecoder;
import io.lamina.image.codec.PixelBudget;
import io.lamina.image.config.ImageSettings;
import io.lamina.image.transform.TransformationChain;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;

/**
 * The benchmark's Lamina side (run by {@code bench/run.sh}, not a test): the exact code path of an
 * image_transformation step — safe decode with shrink-on-load, the operation chain, encoding — repeated in one JVM the
 * way a running image-service repeats it. Prints one line: {@code median_ms min_ms runs}.
 * Usage: {@code ImageBench <input> <output> <operations JSON> <warmup> <runs>}.
 */
public final class ImageBench {

    private ImageBench() {
    }

    public static void main(String[] args) throws Exception {
        byte[] input = Files.readAllBytes(Path.of(args[0]));
        JsonNode operations = new ObjectMapper().readTree(args[2]);
        int warmup = Integer.parseInt(args[3]);
        int runs = Integer.parseInt(args[4]);
        ImageSettings settings = ImageSettings.defaults();
        PixelBudget budget = new PixelBudget(60_000_000, Duration.ofSeconds(5));
        long[] times = new long[runs];
        byte[] output = null;
        for (int i = 0; i < warmup + runs; i++) {
            long start = System.nanoTime();
            try (PixelBudget.Lease lease = budget.lease()) {
                DecodedImage decoded = new ImageDecoder(settings).decode(input,
                        (w, h) -> TransformationChain.subsampling(operations, w, h), lease);
                output = new TransformationChain(settings).run(decoded.image(), decoded.format(), operations, lease)
                        .bytes();
            }
            if (i >= warmup) {
                times[i - warmup] = System.nanoTime() - start;
            }
        }
        Files.write(Path.of(args[1]), output);
        Arrays.sort(times);
        System.out.printf("%.1f %.1f %d%n", times[runs / 2] / 1e6, times[0] / 1e6, runs);
    }
}
