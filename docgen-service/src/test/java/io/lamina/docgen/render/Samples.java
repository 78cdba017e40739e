package io.lamina.docgen.render;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.lamina.docgen.fonts.FontLibrary;
import io.lamina.docgen.model.DocumentRequest;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/** The sample documents of docgen-service/samples (the README's pictures), shared by the renderer tests. */
public final class Samples {

    public static final ObjectMapper JSON = new ObjectMapper();
    public static final FontLibrary FONTS = new FontLibrary(List.of("/usr/share/fonts/truetype"));

    private Samples() {
    }

    public static ObjectNode params(String name) {
        try {
            return (ObjectNode) JSON.readTree(Path.of("samples", name + ".json").toFile());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    public static JsonNode document(String name) {
        return DocumentRequest.of(params(name)).document();
    }

    public static JsonNode json(String text) {
        try {
            return JSON.readTree(text.replace('\'', '"'));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    public static RenderLimits limits() {
        return RenderLimits.of(500, 40_000_000, Duration.ofSeconds(60));
    }

    public static Assets assets() {
        return new Assets(null, 100_000_000);
    }
}
