package io.lamina.ops.runtime;

import com.fasterxml.jackson.databind.JsonNode;
import io.lamina.contracts.ErrorInfo;
import io.lamina.contracts.Usage;

/** What an attempt produced: an output with its usage, or an error. */
public sealed interface Outcome {

    record Succeeded(JsonNode output, Usage usage) implements Outcome {
    }

    record Failed(ErrorInfo error) implements Outcome {
    }

    static Outcome succeeded(JsonNode output, Usage usage) {
        return new Succeeded(output, usage);
    }

    static Outcome failed(String code, String message) {
        return new Failed(ErrorInfo.permanent(code, message));
    }
}
