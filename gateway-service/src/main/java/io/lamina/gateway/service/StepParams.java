package io.lamina.gateway.service;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.lamina.blobs.BlobStore;
import io.lamina.gateway.Step;
import io.lamina.gateway.config.GatewayConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * Where a step's params live: inline in its row up to {@code lamina.jobs.inline-params-limit}, in the blob store
 * beyond it (a step command then carries the blob id instead of the params).
 */
@ApplicationScoped
public class StepParams {

    /** Params placed for storage or a command: exactly one of the two is set. */
    public record Placed(String inline, String blobId) {
    }

    @Inject
    BlobStore blobs;

    @Inject
    GatewayConfig config;

    @Inject
    ObjectMapper mapper;

    public Placed place(String json) {
        byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
        if (bytes.length <= config.jobs().inlineParamsLimit().asLongValue()) {
            return new Placed(json, null);
        }
        try {
            return new Placed(null, blobs.put(bytes).id());
        } catch (IOException e) {
            throw new UncheckedIOException("blob store write failed", e);
        }
    }

    public void store(Step step, String json) {
        Placed placed = place(json);
        step.params = placed.inline();
        step.paramsBlobId = placed.blobId();
    }

    public JsonNode load(Step step) {
        if (step.paramsBlobId == null) {
            return readTree(step.params);
        }
        try (InputStream in = blobs.open(step.paramsBlobId).orElseThrow(
                () -> new IllegalStateException("params blob " + step.paramsBlobId + " is missing"))) {
            return mapper.readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private JsonNode readTree(String json) {
        try {
            return json == null ? null : mapper.readTree(json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
