package io.lamina.image.config;

import io.quarkus.runtime.configuration.MemorySize;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** {@code lamina.images.*}: the limits every image step runs under. Over a limit, a step fails with {@code limit_exceeded}. */
@ConfigMapping(prefix = "lamina.images")
public interface ImageConfig {

    /** Largest input file (and largest embedded image or font in a generation). */
    @WithDefault("50M")
    MemorySize maxInputBytes();

    /** Largest input in pixels (width × height read from the header, before anything is decoded). */
    @WithDefault("50000000")
    long maxPixels();

    /** Largest image any operation may produce (resize, extend, upscale, a generation canvas). */
    @WithDefault("50000000")
    long maxOutputPixels();

    /**
     * Pixels held decoded at once by all steps of this replica together (4 bytes each, so the default 40 MP is
     * 160 MB of heap). A step that would go beyond waits up to {@code memory-wait}, then fails retryably.
     */
    @WithDefault("40000000")
    long memoryPixels();

    /** How long a step waits for pixel memory held by other steps before it fails with {@code resources_busy}. */
    @WithDefault("PT30S")
    java.time.Duration memoryWait();

    /** Time limit of one AVIF/HEIF encode or decode by libheif's tools (a child process, killed when it is over). */
    @WithDefault("PT60S")
    java.time.Duration heifTimeout();

    default ImageSettings settings() {
        return new ImageSettings(maxInputBytes().asLongValue(), maxPixels(), maxOutputPixels(), heifTimeout());
    }
}
