package io.lamina.image.service;

import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.lamina.blobs.FileSystemBlobStore;
import io.lamina.contracts.BlobRef;
import io.lamina.image.codec.DecodedImage;
import io.lamina.image.codec.ImageDecoder;
import io.lamina.image.codec.ImageEncoder;
import io.lamina.image.codec.ImageFormat;
import io.lamina.image.codec.PixelBudget;
import io.lamina.image.config.ImageSettings;
import io.lamina.ops.runtime.Outcome;
import io.lamina.ops.runtime.StepContext;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.InputStream;
import java.nio.file.Path;
import java.time.Duration;

import static io.lamina.image.testing.TestImages.BLUE;
import static io.lamina.image.testing.TestImages.RED;
import static io.lamina.image.testing.TestImages.assertPixel;
import static io.lamina.image.testing.TestImages.failure;
import static io.lamina.image.testing.TestImages.greyPng;
import static io.lamina.image.testing.TestImages.halves;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Both operations as the step worker runs them: blob in, blob out, errors as codes. */
class ImageOperationsTest {

    private static final JsonMapper MAPPER = JsonMapper.builder().enable(JsonReadFeature.ALLOW_SINGLE_QUOTES).build();

    @TempDir
    Path dir;
    private FileSystemBlobStore blobs;
    private StepContext context;
    private ImageSteps steps;

    @BeforeEach
    void setUp() throws Exception {
        blobs = new FileSystemBlobStore(dir);
        context = new StepContext("t1", "job-1", "s1", 1, blobs);
        steps = new ImageSteps(ImageSettings.defaults(), new PixelBudget(20_000_000, Duration.ofSeconds(1)), MAPPER);
    }

    private JsonNode blob(byte[] bytes, String name) throws Exception {
        var stored = blobs.put(bytes);
        return MAPPER.valueToTree(BlobRef.of(stored.id(), name, "application/octet-stream", stored.size()));
    }

    private ObjectNode transform(JsonNode file, String operations) throws Exception {
        ObjectNode params = MAPPER.createObjectNode();
        params.set("file", file);
        params.set("operations", MAPPER.readTree(operations));
        return params;
    }

    private DecodedImage output(Outcome outcome) throws Exception {
        JsonNode out = ((Outcome.Succeeded) outcome).output();
        try (InputStream in = blobs.open(out.get("blob_id").asText()).orElseThrow();
             PixelBudget.Lease lease = PixelBudget.unlimited().lease()) {
            return new ImageDecoder(ImageSettings.defaults()).decode(in.readAllBytes(), lease);
        }
    }

    @Test
    void transformsABlobIntoANamedOutputBlob() throws Exception {
        JsonNode file = blob(ImageEncoder.encode(halves(400, 200, RED, BLUE), ImageFormat.PNG, null), "photo.png");
        Outcome outcome = new ImageTransformationOperation(steps).run(transform(file,
                "[{'type':'resize','width_in_px':100,'height_in_px':100,'fit':'inside'},{'type':'flop'},"
                        + "{'type':'convert','format':'webp','quality':90}]"), context);
        JsonNode out = ((Outcome.Succeeded) outcome).output();
        assertEquals("blob", out.get("type").asText());
        assertEquals("photo.webp", out.get("name").asText());
        assertEquals("image/webp", out.get("mime_type").asText());
        assertEquals(1, ((Outcome.Succeeded) outcome).usage().units());
        DecodedImage image = output(outcome);
        assertEquals(ImageFormat.WEBP, image.format());
        assertEquals(100, image.image().getWidth());
        assertEquals(50, image.image().getHeight());
        assertPixel(BLUE, image.image(), 10, 25, 20);
        assertPixel(RED, image.image(), 90, 25, 20);
    }

    @Test
    void runsTheSameValidationAsTheGateway() throws Exception {
        JsonNode file = blob(ImageEncoder.encode(halves(4, 4, RED, BLUE), ImageFormat.PNG, null), "a.png");
        assertEquals("operations[0].sigma: must be greater than 0 and at most 100 (got -1)",
                failure("invalid_params", () -> new ImageTransformationOperation(steps).run(
                        transform(file, "[{'type':'blur','sigma':-1}]"), context)));
    }

    @Test
    void keepsWorkingAfterHostileInputs() throws Exception {
        ImageTransformationOperation op = new ImageTransformationOperation(steps);
        String flip = "[{'type':'flip'}]";
        assertTrue(failure("limit_exceeded", () -> op.run(transform(blob(greyPng(30000, 30000, 1), "big.png"), flip),
                context)).contains("30000×30000"));
        failure("malformed_image", () -> op.run(transform(blob(java.util.Arrays.copyOf(
                ImageEncoder.encode(halves(64, 64, RED, BLUE), ImageFormat.JPEG, 90), 300), "cut.jpg"), flip), context));
        failure("unsupported_format", () -> op.run(transform(blob("hello".getBytes(), "a.txt"), flip), context));
        assertTrue(failure("unsupported_input", () -> op.run(transform(MAPPER.readTree(
                "{'type':'url','url':'http://127.0.0.1/a.png'}"), flip), context)).startsWith("file: 'url' file inputs"));
        // The pixel budget was returned each time: a normal image still goes through.
        Outcome ok = op.run(transform(blob(ImageEncoder.encode(halves(40, 40, RED, BLUE), ImageFormat.PNG, null),
                "ok.png"), flip), context);
        assertEquals(40, output(ok).image().getWidth());
        try (PixelBudget.Lease all = steps.budget().lease()) {
            all.ensure(20_000_000); // would block if any lease had leaked
        }
    }

    @Test
    void generatesAnImageFromLayers() throws Exception {
        JsonNode logo = blob(ImageEncoder.encode(halves(20, 20, RED, BLUE), ImageFormat.PNG, null), "logo.png");
        ObjectNode params = (ObjectNode) MAPPER.readTree("{'dimensions':{'width_in_px':120,'height_in_px':80},"
                + "'output_format':'jpeg','layers':[{'type':'solid-color','index':0,'hex_color':'#FFFFFF'},"
                + "{'type':'image','index':1,'position':{'x_in_px':10,'y_in_px':10},'file':null}]}");
        ((ObjectNode) params.get("layers").get(1)).set("file", logo);
        Outcome outcome = new ImageGenerationOperation(steps).run(params, context);
        JsonNode out = ((Outcome.Succeeded) outcome).output();
        assertEquals("image.jpg", out.get("name").asText());
        DecodedImage image = output(outcome);
        assertEquals(120, image.image().getWidth());
        assertPixel(RED, image.image(), 14, 20, 24);
        assertPixel(0xFFFFFFFF, image.image(), 100, 60, 8);
        Outcome avif = new ImageGenerationOperation(steps).run(MAPPER.readTree(
                "{'dimensions':{'width_in_px':16,'height_in_px':12},'output_format':'avif',"
                        + "'layers':[{'type':'solid-color','index':0,'hex_color':'#FF0000'}]}"), context);
        assertEquals("image/avif", ((Outcome.Succeeded) avif).output().get("mime_type").asText());
        DecodedImage red = output(avif);
        assertEquals(ImageFormat.AVIF, red.format());
        assertEquals(16, red.image().getWidth());
        assertPixel(RED, red.image(), 8, 6, 24);
    }
}
