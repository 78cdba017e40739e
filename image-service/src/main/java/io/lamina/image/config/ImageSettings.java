package io.lamina.image.config;

/** The limits of {@link ImageConfig} as plain values, for code that runs outside CDI (unit tests, the benchmark). */
public record ImageSettings(long maxInputBytes, long maxPixels, long maxOutputPixels) {

    public static ImageSettings defaults() {
        return new ImageSettings(50L * 1024 * 1024, 50_000_000L, 50_000_000L);
    }
}
