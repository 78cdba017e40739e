package io.lamina.image.config;

import java.time.Duration;

/** The limits of {@link ImageConfig} as plain values, for code that runs outside CDI (unit tests, the benchmark). */
public record ImageSettings(long maxInputBytes, long maxPixels, long maxOutputPixels, Duration heifTimeout) {

    public static final Duration DEFAULT_HEIF_TIMEOUT = Duration.ofSeconds(60);

    public ImageSettings(long maxInputBytes, long maxPixels, long maxOutputPixels) {
        this(maxInputBytes, maxPixels, maxOutputPixels, DEFAULT_HEIF_TIMEOUT);
    }

    public static ImageSettings defaults() {
        return new ImageSettings(50L * 1024 * 1024, 50_000_000L, 50_000_000L);
    }
}
