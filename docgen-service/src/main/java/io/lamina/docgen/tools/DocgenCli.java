package io.lamina.docgen.tools;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.lamina.blobs.BlobStore;
import io.lamina.contracts.Operation;
import io.lamina.docgen.config.DocgenConfig;
import io.lamina.docgen.model.DocumentParamsValidator;
import io.lamina.docgen.model.DocumentRequest;
import io.lamina.docgen.service.DocumentGenerator;
import io.lamina.params.ParamsProblem;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * The renderer without Kafka, for the samples and the benchmark (run from the packaged service's classpath):
 * <pre>
 *   render &lt;params.json&gt; &lt;output file&gt;      validate and render once
 *   bench  &lt;params.json&gt; &lt;seconds&gt; [threads]  render repeatedly; prints documents/s and latencies
 * </pre>
 * Files in the params must be base64 ({@code buffer}, or {@code {"type":"base64"}} inputs); there is no blob store.
 */
public final class DocgenCli {

    private DocgenCli() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length < 3) {
            System.err.println("usage: render <params.json> <out> | bench <params.json> <seconds> [threads]");
            System.exit(2);
        }
        JsonNode params = new ObjectMapper().readTree(Path.of(args[1]).toFile());
        List<ParamsProblem> problems = new DocumentParamsValidator().validate(Operation.DOCUMENT_GENERATION, params);
        if (!problems.isEmpty()) {
            problems.forEach(p -> System.err.println(p.describe("")));
            System.exit(1);
        }
        DocumentGenerator generator = new DocumentGenerator(defaults());
        if (args[0].equals("render")) {
            DocumentGenerator.Result result = generator.generate(DocumentRequest.of(params), NO_BLOBS);
            Files.write(Path.of(args[2]), result.bytes());
            System.out.printf("%s: %d bytes, %d pages%n", args[2], result.bytes().length, result.pages());
            return;
        }
        bench(generator, params, Integer.parseInt(args[2]), args.length > 3 ? Integer.parseInt(args[3]) : 1);
    }

    private static void bench(DocumentGenerator generator, JsonNode params, int seconds, int threads)
            throws Exception {
        // warm-up: the JIT, font parsing per thread
        long warmEnd = System.nanoTime() + Duration.ofSeconds(Math.max(2, seconds / 3)).toNanos();
        while (System.nanoTime() < warmEnd) {
            generator.generate(DocumentRequest.of(params), NO_BLOBS);
        }
        long[][] samples = new long[threads][];
        Thread[] workers = new Thread[threads];
        long end = System.nanoTime() + Duration.ofSeconds(seconds).toNanos();
        for (int t = 0; t < threads; t++) {
            int id = t;
            workers[t] = new Thread(() -> {
                long[] lat = new long[1 << 20];
                int n = 0;
                try {
                    while (System.nanoTime() < end && n < lat.length) {
                        long start = System.nanoTime();
                        generator.generate(DocumentRequest.of(params), NO_BLOBS);
                        lat[n++] = System.nanoTime() - start;
                    }
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
                samples[id] = Arrays.copyOf(lat, n);
            });
            workers[t].start();
        }
        for (Thread w : workers) {
            w.join();
        }
        long[] all = Arrays.stream(samples).flatMapToLong(Arrays::stream).sorted().toArray();
        System.out.printf("documents=%d seconds=%d threads=%d docs_per_s=%.1f p50_ms=%.2f p95_ms=%.2f%n", all.length,
                seconds, threads, all.length / (double) seconds, all[all.length / 2] / 1e6,
                all[(int) (all.length * 0.95)] / 1e6);
    }

    private static DocgenConfig defaults() {
        return new DocgenConfig() {
            public int maxPages() {
                return 500;
            }

            public long maxOutputBytes() {
                return 100_000_000;
            }

            public long maxInputBytes() {
                return 100_000_000;
            }

            public long maxImagePixels() {
                return 40_000_000;
            }

            public Duration maxRenderTime() {
                return Duration.ofSeconds(60);
            }

            public List<String> fontDirs() {
                return List.of(System.getProperty("lamina.docgen.font-dirs", "/usr/share/fonts/truetype"));
            }

            public boolean epubEmbedBundledFonts() {
                return Boolean.getBoolean("lamina.docgen.epub-embed-bundled-fonts");
            }
        };
    }

    private static final BlobStore NO_BLOBS = new BlobStore() {
        public StoredBlob put(InputStream in, long maxBytes) {
            throw new UnsupportedOperationException("no blob store in the command-line renderer");
        }

        public Optional<InputStream> open(String blobId) {
            return Optional.empty();
        }

        public Optional<Long> size(String blobId) {
            return Optional.empty();
        }

        public java.util.List<Listed> list(String after, int limit) {
            return java.util.List.of();
        }

        public boolean deleteIfUnmodifiedSince(String blobId, java.time.Instant cutoff) {
            return false;
        }
    };
}
