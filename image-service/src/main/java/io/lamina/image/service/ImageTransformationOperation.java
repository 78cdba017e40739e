package io.lamina.image.service;

import com.fasterxml.jackson.databind.JsonNode;
import io.lamina.contracts.Usage;
import io.lamina.image.codec.DecodedImage;
import io.lamina.image.codec.ImageSource;
import io.lamina.image.codec.JpegMetadata;
import io.lamina.image.codec.PixelBudget;
import io.lamina.image.transform.TransformationChain;
import io.lamina.ops.runtime.Operation;
import io.lamina.ops.runtime.Outcome;
import io.lamina.ops.runtime.StepContext;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * {@code image_transformation}: one image in, its operations applied in order, one image out (a blob). The input is
 * decoded shrunk when the chain starts by making it smaller, under the replica's pixel budget.
 */
@ApplicationScoped
public class ImageTransformationOperation implements Operation {

    private final ImageSteps steps;

    public ImageTransformationOperation(ImageSteps steps) {
        this.steps = steps;
    }

    @Override
    public String id() {
        return io.lamina.contracts.Operation.IMAGE_TRANSFORMATION.id();
    }

    @Override
    public Outcome run(JsonNode params, StepContext context) throws Exception {
        steps.validate(io.lamina.contracts.Operation.IMAGE_TRANSFORMATION, params);
        JsonNode file = params.get("file");
        JsonNode operations = params.get("operations");
        ImageSource source = steps.source(file, "file", context.blobs());
        JpegMetadata metadata = keepsMetadata(operations) ? JpegMetadata.read(source) : JpegMetadata.NONE;
        TransformationChain.Result result;
        try (PixelBudget.Lease lease = steps.budget().lease()) {
            DecodedImage decoded = steps.decoder().decode(source, TransformationChain.plan(operations), lease);
            result = new TransformationChain(steps.settings()).run(decoded.image(), decoded.format(), operations, lease,
                    metadata);
        }
        JsonNode output = steps.store(result.bytes(), result.format(), ImageSteps.stem(file), context.blobs());
        return Outcome.succeeded(output, Usage.calls(1));
    }

    private static boolean keepsMetadata(JsonNode operations) {
        for (JsonNode op : operations) {
            if (op.path("type").asText().equals("convert") && op.path("keep_metadata").asBoolean(false)) {
                return true;
            }
        }
        return false;
    }
}
