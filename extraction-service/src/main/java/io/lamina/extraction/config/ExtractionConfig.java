package io.lamina.extraction.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** {@code lamina.extraction.*}: limits of the extraction operations. */
@ConfigMapping(prefix = "lamina.extraction")
public interface ExtractionConfig {

    /** Largest input file in bytes (default 50 MiB); a larger one fails with {@code limit_exceeded}. */
    @WithDefault("52428800")
    long maxFileBytes();
}
