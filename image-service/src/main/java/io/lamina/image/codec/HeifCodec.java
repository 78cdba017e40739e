package io.lamina.image.codec;

import java.awt.image.BufferedImage;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * AVIF and HEIF through Debian's libheif, run as its command-line tools ({@code heif-enc}, {@code heif-convert} of
 * the {@code libheif-examples} package) in a child process rather than bound into the JVM: a crash or a runaway
 * allocation of the native HEVC/AV1 decoders on a hostile file then ends that process, not the replica and the other
 * steps it runs. Each call gets a private temporary folder (deleted afterwards) and a time limit; the pixel limit is
 * checked on the container's {@code ispe} boxes before the decoder runs, and again on the PNG it produces.
 */
public final class HeifCodec {

    public static final String ENCODER = "heif-enc";
    public static final String DECODER = "heif-convert";
    public static final String PACKAGE = "libheif-examples";

    private HeifCodec() {
    }

    public static boolean encoderAvailable() {
        return Tools.ENCODER_PATH != null;
    }

    public static boolean decoderAvailable() {
        return Tools.DECODER_PATH != null;
    }

    /** {@code unsupported_format} naming what to install. */
    public static RuntimeException missing(ImageFormat format, String tool, String what) {
        return ImageErrors.fail(ImageErrors.UNSUPPORTED_FORMAT, format.id() + " " + what + " needs libheif's '" + tool
                + "' on this image-service host, which is not installed: install the Debian package " + PACKAGE
                + " (apt-get install " + PACKAGE + ") and restart the service; meanwhile use jpeg, png, webp, gif, "
                + "tiff or bmp");
    }

    /**
     * Encodes {@code image} as AVIF (AV1, libaom) or HEIF (HEVC, x265). {@code quality} 1–100 (default
     * {@link ImageEncoder#DEFAULT_QUALITY}); 100 is lossless.
     */
    public static byte[] encode(BufferedImage image, ImageFormat format, Integer quality, Duration timeout) {
        if (!encoderAvailable()) {
            throw missing(format, ENCODER, "output");
        }
        boolean alpha = image.getColorModel().hasAlpha();
        byte[] png = ImageEncoder.encode(image, ImageFormat.PNG, null);
        return inTempDir(dir -> {
            Path in = dir.resolve("in.png");
            Path out = dir.resolve(format == ImageFormat.AVIF ? "out.avif" : "out.heic");
            Files.write(in, png);
            List<String> command = new ArrayList<>(List.of(Tools.ENCODER_PATH));
            if (format == ImageFormat.AVIF) {
                command.add("--avif");
            }
            int q = quality == null ? ImageEncoder.DEFAULT_QUALITY : quality;
            if (q >= 100) {
                command.addAll(List.of("--lossless", "-p", "chroma=444"));
            } else {
                command.addAll(List.of("-q", Integer.toString(q)));
            }
            if (!alpha) {
                command.add("--no-alpha");
            }
            command.addAll(List.of("-o", out.toString(), in.toString()));
            String log = run(command, dir, timeout, format, "encoding");
            if (!Files.isRegularFile(out) || Files.size(out) == 0) {
                throw new IllegalStateException(ENCODER + " wrote no " + format.id() + " file: " + log);
            }
            return Files.readAllBytes(out);
        });
    }

    /**
     * The primary image of an AVIF/HEIF file as PNG bytes (EXIF/irot orientation applied by libheif), for the normal
     * decoder to read with its limits and shrink-on-load.
     */
    public static byte[] toPng(byte[] data, ImageFormat format, long maxPixels, Duration timeout) {
        if (!decoderAvailable()) {
            throw missing(format, DECODER, "input");
        }
        long pixels = largestItemPixels(data);
        if (pixels < 0) {
            throw ImageErrors.fail(ImageErrors.MALFORMED_IMAGE, "the " + format.id() + " file has no image size "
                    + "(ispe) box: truncated or corrupt");
        }
        if (pixels > maxPixels) {
            throw ImageErrors.fail(ImageErrors.LIMIT_EXCEEDED, "the " + format.id() + " image is " + pixels
                    + " pixels; the limit is " + maxPixels + " (lamina.images.max-pixels)");
        }
        return inTempDir(dir -> {
            Path in = dir.resolve(format == ImageFormat.AVIF ? "in.avif" : "in.heic");
            Path out = dir.resolve("out.png");
            Files.write(in, data);
            String log = run(List.of(Tools.DECODER_PATH, in.toString(), out.toString()), dir, timeout, format,
                    "decoding");
            Path produced = Files.isRegularFile(out) ? out : dir.resolve("out-1.png");
            if (!Files.isRegularFile(produced)) {
                throw ImageErrors.fail(ImageErrors.MALFORMED_IMAGE, "the " + format.id() + " file could not be "
                        + "decoded: " + log);
            }
            return Files.readAllBytes(produced);
        });
    }

    /**
     * The largest width × height among the file's {@code ispe} (image spatial extents) properties, or −1 when there
     * is none. A grid image's own {@code ispe} is its full size, so the largest one bounds what the decoder makes.
     */
    static long largestItemPixels(byte[] data) {
        long largest = -1;
        for (int i = 4; i + 16 <= data.length; i++) {
            if (data[i] == 'i' && data[i + 1] == 's' && data[i + 2] == 'p' && data[i + 3] == 'e'
                    && int32(data, i - 4) == 20) {
                long w = int32(data, i + 8) & 0xFFFFFFFFL;
                long h = int32(data, i + 12) & 0xFFFFFFFFL;
                largest = Math.max(largest, w * h);
            }
        }
        return largest;
    }

    private static int int32(byte[] b, int at) {
        return (b[at] & 0xFF) << 24 | (b[at + 1] & 0xFF) << 16 | (b[at + 2] & 0xFF) << 8 | (b[at + 3] & 0xFF);
    }

    /** Runs a tool; answers its output; a time-out or a failure ends in an {@code OperationException}. */
    private static String run(List<String> command, Path dir, Duration timeout, ImageFormat format, String what)
            throws IOException, InterruptedException {
        Path log = dir.resolve("tool.log");
        Process process = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true)
                .redirectOutput(log.toFile()).redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                .start();
        try {
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                throw ImageErrors.fail(ImageErrors.LIMIT_EXCEEDED, format.id() + " " + what + " took longer than "
                        + timeout.toSeconds() + " s (lamina.images.heif-timeout)");
            }
        } finally {
            process.destroyForcibly();
        }
        String output = tail(log);
        if (process.exitValue() != 0) {
            if (what.equals("decoding")) {
                throw ImageErrors.fail(ImageErrors.MALFORMED_IMAGE, "the " + format.id() + " file could not be "
                        + "decoded (truncated, corrupt or an unsupported variant): " + output);
            }
            throw new IllegalStateException(command.get(0) + " failed (exit " + process.exitValue() + "): " + output);
        }
        return output;
    }

    private static String tail(Path log) throws IOException {
        String text = Files.isRegularFile(log) ? Files.readString(log, StandardCharsets.UTF_8).strip() : "";
        return text.length() > 300 ? "…" + text.substring(text.length() - 300) : text;
    }

    private interface Work<T> {
        T in(Path dir) throws IOException, InterruptedException;
    }

    private static <T> T inTempDir(Work<T> work) {
        Path dir = null;
        try {
            dir = Files.createTempDirectory("lamina-heif-");
            return work.in(dir);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw ImageErrors.busy("interrupted while running libheif");
        } finally {
            if (dir != null) {
                try (Stream<Path> files = Files.walk(dir)) {
                    files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
                } catch (IOException ignored) {
                    // best effort: the folder is in the temporary directory
                }
            }
        }
    }

    /** The tools' paths, looked up once on {@code PATH} (null: not installed). */
    private static final class Tools {
        static final String ENCODER_PATH = find(ENCODER);
        static final String DECODER_PATH = find(DECODER);

        private static String find(String name) {
            String path = System.getenv().getOrDefault("PATH", "/usr/local/bin:/usr/bin:/bin");
            for (String dir : path.split(File.pathSeparator)) {
                File file = new File(dir, name);
                if (!dir.isEmpty() && file.isFile() && file.canExecute()) {
                    return file.getAbsolutePath();
                }
            }
            return null;
        }
    }
}
