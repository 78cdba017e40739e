package io.lamina.extraction.fields;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;
import java.util.Optional;

/**
 * {@code lamina.extraction.llm.*}: the optional LLM field extractor (an OpenAI-compatible chat completions API). Off by
 * default: the built-in offline extractor answers.
 */
@ConfigMapping(prefix = "lamina.extraction.llm")
public interface LlmConfig {

    /** Use the LLM instead of the built-in extractor. */
    @WithDefault("false")
    boolean enabled();

    /** The chat completions endpoint, e.g. {@code https://api.openai.com/v1/chat/completions}. */
    Optional<String> url();

    /** The model name sent with each request. */
    @WithDefault("gpt-4o-mini")
    String model();

    /** Bearer key ({@code LAMINA_EXTRACTION_LLM_API_KEY}); none for local servers. */
    Optional<String> apiKey();

    /** Time for one LLM call. */
    @WithDefault("PT60S")
    Duration timeout();

    /** Most characters of document text sent in one request. */
    @WithDefault("60000")
    int maxInputChars();
}
