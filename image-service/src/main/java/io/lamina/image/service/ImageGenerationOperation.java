package io.lamina.image.service;

import com.fasterxml.jackson.databind.JsonNode;
import io.lamina.contracts.Usage;
import io.lamina.image.codec.HeifCodec;
import io.lamina.image.codec.ImageEncoder;
import io.lamina.image.codec.ImageErrors;
import io.lamina.image.codec.ImageFormat;
import io.lamina.image.codec.PixelBudget;
import io.lamina.image.generate.Fonts;
import io.lamina.image.generate.ImageComposer;
import io.lamina.ops.runtime.Operation;
import io.lamina.ops.runtime.Outcome;
import io.lamina.ops.runtime.StepContext;
import jakarta.enterprise.context.ApplicationScoped;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;

/** {@code image_generation}: layers composed onto a canvas, one image out (a blob, PNG unless asked otherwise). */
@ApplicationScoped
public class ImageGenerationOperation implements Operation {

    private final ImageSteps steps;

    public ImageGenerationOperation(ImageSteps steps) {
        this.steps = steps;
    }

    @Override
    public String id() {
        return io.lamina.contracts.Operation.IMAGE_GENERATION.id();
    }

    @Override
    public Outcome run(JsonNode params, StepContext context) throws Exception {
        steps.validate(io.lamina.contracts.Operation.IMAGE_GENERATION, params);
        ImageFormat format = ImageFormat.byId(params.path("output_format").asText("png"));
        if (format == ImageFormat.AVIF && !HeifCodec.encoderAvailable()) {
            throw HeifCodec.missing(format, HeifCodec.ENCODER, "output_format:");
        }
        Fonts fonts = new Fonts();
        JsonNode fontList = params.path("fonts");
        for (int i = 0; i < fontList.size(); i++) {
            JsonNode font = fontList.get(i);
            String path = "fonts[" + i + "].file";
            fonts.register(font.path("name").asText(), font.path("weight").asText(), font.path("style").asText(),
                    steps.read(font.path("file"), path, context.blobs()), path);
        }
        BufferedImage canvas;
        try (PixelBudget.Lease lease = steps.budget().lease()) {
            long w = params.path("dimensions").path("width_in_px").asLong();
            long h = params.path("dimensions").path("height_in_px").asLong();
            lease.ensure(Math.min(2 * w * h, steps.settings().maxOutputPixels() * 2));
            ImageComposer composer = new ImageComposer(steps.settings(), fonts, (file, path) -> {
                try {
                    return steps.decoder().decode(steps.read(file, path, context.blobs()), lease).image();
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
            canvas = composer.compose(params);
        }
        byte[] bytes = ImageEncoder.encode(canvas, format, null, steps.settings().heifTimeout());
        return Outcome.succeeded(steps.store(bytes, format, "image", context.blobs()), Usage.calls(1));
    }
}
