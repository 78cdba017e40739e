package io.lamina.image.service;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.lamina.blobs.BlobStore;
import io.lamina.contracts.BlobRef;
import io.lamina.contracts.Operation;
import io.lamina.image.codec.ImageDecoder;
import io.lamina.image.codec.ImageErrors;
import io.lamina.image.codec.ImageFormat;
import io.lamina.image.codec.ImageSource;
import io.lamina.image.codec.PixelBudget;
import io.lamina.image.config.ImageConfig;
import io.lamina.image.config.ImageSettings;
import io.lamina.image.model.ImageParamsValidator;
import io.lamina.params.ParamsProblem;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.stream.Collectors;

/**
 * What both image operations share: the run-time validation (the gateway's validator again, on resolved params),
 * reading file inputs from the blob store within the byte limit, the replica's pixel budget, and storing outputs.
 */
@ApplicationScoped
public class ImageSteps {

    private final ImageSettings settings;
    private final PixelBudget budget;
    private final ObjectMapper mapper;
    private final ImageParamsValidator validator = new ImageParamsValidator();

    @Inject
    public ImageSteps(ImageConfig config, ObjectMapper mapper) {
        this(config.settings(), new PixelBudget(config.memoryPixels(), config.memoryWait()), mapper);
    }

    public ImageSteps(ImageSettings settings, PixelBudget budget, ObjectMapper mapper) {
        this.settings = settings;
        this.budget = budget;
        this.mapper = mapper;
    }

    public ImageSettings settings() {
        return settings;
    }

    public PixelBudget budget() {
        return budget;
    }

    public ImageDecoder decoder() {
        return new ImageDecoder(settings);
    }

    /** Fails with {@code invalid_params} and the same messages the gateway gives at submit time. */
    public void validate(Operation operation, JsonNode params) {
        List<ParamsProblem> problems = validator.validate(operation, params);
        if (!problems.isEmpty()) {
            throw ImageErrors.fail(ImageErrors.INVALID_PARAMS,
                    problems.stream().map(p -> p.describe("")).collect(Collectors.joining("; ")));
        }
    }

    /**
     * A resolved file input (a blob reference) as a source the decoder can stream, at most
     * {@code lamina.images.max-input-bytes}: nothing is read yet, the blob's size comes from the store.
     */
    public ImageSource source(JsonNode file, String path, BlobStore blobs) throws IOException {
        String type = file.path("type").asText();
        if (!BlobRef.TYPE.equals(type)) {
            throw ImageErrors.fail(ImageErrors.UNSUPPORTED_INPUT, path + ": '" + type + "' file inputs are not "
                    + "fetched by image-service yet; upload the file (POST /v1/files) or send it as base64");
        }
        long announced = file.path("size").asLong(-1);
        if (announced > settings.maxInputBytes()) {
            throw tooLarge(path, announced);
        }
        String blobId = file.path("blob_id").asText();
        long size = blobs.size(blobId).orElseThrow(() -> missing(path));
        if (size > settings.maxInputBytes()) {
            throw tooLarge(path, size);
        }
        return new ImageSource() {
            @Override
            public long size() {
                return size;
            }

            @Override
            public InputStream open() throws IOException {
                return blobs.open(blobId).orElseThrow(() -> missing(path));
            }
        };
    }

    /** The bytes of a resolved file input (a blob reference), at most {@code lamina.images.max-input-bytes}. */
    public byte[] read(JsonNode file, String path, BlobStore blobs) throws IOException {
        return source(file, path, blobs).readAll();
    }

    private static RuntimeException missing(String path) {
        return ImageErrors.fail(ImageErrors.INPUT_MISSING, path + ": the file is no longer in the blob store");
    }

    private java.lang.RuntimeException tooLarge(String path, long size) {
        return ImageErrors.fail(ImageErrors.LIMIT_EXCEEDED, path + ": the file is " + (size < 0 ? "over" : size)
                + " bytes; the limit is " + settings.maxInputBytes() + " (lamina.images.max-input-bytes)");
    }

    /** Stores an encoded image and returns the step output: a blob reference named {@code <stem>.<extension>}. */
    public JsonNode store(byte[] bytes, ImageFormat format, String stem, BlobStore blobs) throws IOException {
        BlobStore.StoredBlob blob = blobs.put(bytes);
        return mapper.valueToTree(BlobRef.of(blob.id(), stem + "." + format.extension(), format.mimeType(),
                blob.size()));
    }

    /** The input's name without its extension, or {@code image}. */
    public static String stem(JsonNode file) {
        String name = file.path("name").asText("");
        int slash = Math.max(name.lastIndexOf('/'), name.lastIndexOf('\\'));
        name = name.substring(slash + 1);
        int dot = name.lastIndexOf('.');
        String stem = dot > 0 ? name.substring(0, dot) : name;
        return stem.isBlank() ? "image" : stem;
    }
}
