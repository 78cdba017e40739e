package io.lamina.image.service;

import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.twelvemonkeys.imageio.metadata.Directory;
import com.twelvemonkeys.imageio.metadata.Entry;
import com.twelvemonkeys.imageio.metadata.jpeg.JPEGSegment;
import com.twelvemonkeys.imageio.metadata.jpeg.JPEGSegmentUtil;
import com.twelvemonkeys.imageio.metadata.tiff.TIFFReader;
import io.lamina.blobs.FileSystemBlobStore;
import io.lamina.contracts.BlobRef;
import io.lamina.image.codec.ImageEncoder;
import io.lamina.image.codec.ImageFormat;
import io.lamina.image.codec.PixelBudget;
import io.lamina.image.config.ImageSettings;
import io.lamina.ops.runtime.Outcome;
import io.lamina.ops.runtime.StepContext;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.imageio.ImageIO;
import javax.imageio.stream.ImageInputStream;
import java.awt.color.ColorSpace;
import java.awt.color.ICC_Profile;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static io.lamina.image.testing.TestImages.BLUE;
import static io.lamina.image.testing.TestImages.RED;
import static io.lamina.image.testing.TestImages.halves;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Metadata is stripped by default; {@code convert}'s {@code keep_metadata} keeps EXIF (orientation reset, since the
 * pixels are turned upright) and XMP, and writes the sRGB ICC profile when the input had a profile. Checked by reading
 * the output back with TwelveMonkeys' segment and TIFF readers, not with the code that wrote it.
 */
class MetadataTest {

    private static final JsonMapper MAPPER = JsonMapper.builder().enable(JsonReadFeature.ALLOW_SINGLE_QUOTES).build();

    @TempDir
    Path dir;
    private FileSystemBlobStore blobs;
    private StepContext context;
    private ImageTransformationOperation operation;

    @BeforeEach
    void setUp() throws Exception {
        blobs = new FileSystemBlobStore(dir);
        context = new StepContext("t1", "job-1", "s1", 1, blobs);
        operation = new ImageTransformationOperation(new ImageSteps(ImageSettings.defaults(),
                new PixelBudget(20_000_000, Duration.ofSeconds(1)), MAPPER));
    }

    @Test
    void stripsMetadataByDefault() throws Exception {
        assertEquals(2, segments(photoWithMetadata()).size(), "the input has EXIF and ICC segments");
        byte[] out = run(photoWithMetadata(), "[{'type':'resize','width_in_px':20,'height_in_px':20,'fit':'inside'},"
                + "{'type':'convert','format':'jpeg','quality':90}]");
        assertEquals(List.of(), segments(out));
    }

    @Test
    void keepsExifAndIccWhenAsked() throws Exception {
        byte[] out = run(photoWithMetadata(), "[{'type':'resize','width_in_px':20,'height_in_px':20,'fit':'inside'},"
                + "{'type':'convert','format':'jpeg','quality':90,'keep_metadata':true}]");
        List<JPEGSegment> segments = segments(out);
        JPEGSegment exif = segments.stream().filter(s -> "Exif".equals(s.identifier())).findFirst().orElseThrow();
        Directory ifd0 = readExif(exif);
        assertEquals("LaminaCam", ifd0.getEntryById(0x010F).getValueAsString());
        Entry orientation = ifd0.getEntryById(0x0112);
        assertNotNull(orientation);
        assertEquals(1, ((Number) orientation.getValue()).intValue(), "the pixels are upright now");
        JPEGSegment icc = segments.stream().filter(s -> "ICC_PROFILE".equals(s.identifier())).findFirst()
                .orElseThrow();
        byte[] iccPayload = withoutIdentifier(icc, "ICC_PROFILE\0");
        byte[] profile = java.util.Arrays.copyOfRange(iccPayload, 2, iccPayload.length);
        assertTrue(java.util.Arrays.equals(ICC_Profile.getInstance(ColorSpace.CS_sRGB).getData(), profile),
                "the output carries the sRGB profile");
        // the output still decodes, upright: the 40×20 input stored with orientation 6 is 20×40 → 10×20
        var image = ImageIO.read(new ByteArrayInputStream(out));
        assertEquals(10, image.getWidth());
        assertEquals(20, image.getHeight());
    }

    private byte[] run(byte[] input, String operations) throws Exception {
        var stored = blobs.put(input);
        ObjectNode params = MAPPER.createObjectNode();
        params.set("file", MAPPER.valueToTree(BlobRef.of(stored.id(), "photo.jpg", "image/jpeg", stored.size())));
        params.set("operations", MAPPER.readTree(operations));
        JsonNode output = ((Outcome.Succeeded) operation.run(params, context)).output();
        try (InputStream in = blobs.open(output.get("blob_id").asText()).orElseThrow()) {
            return in.readAllBytes();
        }
    }

    private static List<JPEGSegment> segments(byte[] jpeg) throws Exception {
        try (ImageInputStream in = ImageIO.createImageInputStream(new ByteArrayInputStream(jpeg))) {
            return JPEGSegmentUtil.readSegments(in, JPEGSegmentUtil.ALL_SEGMENTS).stream()
                    .filter(s -> s.marker() == 0xFFE1 || s.marker() == 0xFFE2).toList();
        }
    }

    private static Directory readExif(JPEGSegment exif) throws Exception {
        byte[] data = withoutIdentifier(exif, "Exif\0\0");
        try (ImageInputStream in = ImageIO.createImageInputStream(new ByteArrayInputStream(data))) {
            return new TIFFReader().read(in);
        }
    }

    /** A segment's payload after its identifier, whether or not the reader's stream includes it. */
    private static byte[] withoutIdentifier(JPEGSegment segment, String identifier) throws Exception {
        byte[] data;
        try (InputStream in = segment.data()) {
            data = in.readAllBytes();
        }
        byte[] id = identifier.getBytes(StandardCharsets.US_ASCII);
        boolean prefixed = data.length >= id.length
                && java.util.Arrays.equals(java.util.Arrays.copyOf(data, id.length), id);
        // TwelveMonkeys strips the identifier up to its first NUL; "Exif" has a second one (padding).
        int skip = prefixed ? id.length : id.length - (identifier.indexOf(0) + 1);
        return java.util.Arrays.copyOfRange(data, skip, data.length);
    }

    /** A 40×20 JPEG with EXIF (Make "LaminaCam", orientation 6) and an ICC profile segment (sRGB's bytes). */
    private static byte[] photoWithMetadata() {
        byte[] jpeg = ImageEncoder.encode(halves(40, 20, RED, BLUE), ImageFormat.JPEG, 95);
        byte[] make = "LaminaCam\0".getBytes(StandardCharsets.US_ASCII);
        ByteArrayOutputStream tiff = new ByteArrayOutputStream();
        tiff.writeBytes(new byte[]{'M', 'M', 0, 42, 0, 0, 0, 8, 0, 2});
        tiff.writeBytes(new byte[]{0x01, 0x0F, 0, 2, 0, 0, 0, (byte) make.length, 0, 0, 0, 38});
        tiff.writeBytes(new byte[]{0x01, 0x12, 0, 3, 0, 0, 0, 1, 0, 6, 0, 0});
        tiff.writeBytes(new byte[]{0, 0, 0, 0});
        tiff.writeBytes(make);
        ByteArrayOutputStream exif = new ByteArrayOutputStream();
        exif.writeBytes("Exif\0\0".getBytes(StandardCharsets.US_ASCII));
        exif.writeBytes(tiff.toByteArray());
        ByteArrayOutputStream icc = new ByteArrayOutputStream();
        icc.writeBytes("ICC_PROFILE\0".getBytes(StandardCharsets.US_ASCII));
        icc.writeBytes(new byte[]{1, 1});
        icc.writeBytes(ICC_Profile.getInstance(ColorSpace.CS_sRGB).getData());
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(jpeg, 0, 2);
        segment(out, 0xE1, exif.toByteArray());
        segment(out, 0xE2, icc.toByteArray());
        out.write(jpeg, 2, jpeg.length - 2);
        return out.toByteArray();
    }

    private static void segment(ByteArrayOutputStream out, int marker, byte[] payload) {
        int length = payload.length + 2;
        out.writeBytes(new byte[]{(byte) 0xFF, (byte) marker, (byte) (length >> 8), (byte) length});
        out.writeBytes(payload);
    }
}
