package io.lamina.e2e;

import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.Map;
import java.util.zip.CRC32;
import java.util.zip.Deflater;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** image_transformation through the gateway: upload, transform, download and check the pixels; bad params; a hostile file. */
class ImagesIT {

    private static final int RED = 0xFF0000;
    private static final int BLUE = 0x0000FF;
    private static Platform platform;

    @BeforeAll
    static void startPlatform() throws Exception {
        platform = Platform.get();
    }

    @Test
    void transformsAnUploadedImageAndTheOutputHasTheExpectedPixels() throws Exception {
        TestTenant tenant = TestTenant.create(platform, 20);
        String fileId = upload(tenant, "halves.png", png(halves(800, 600)));
        List<Map<String, Object>> operations = List.of(
                Map.of("type", "resize", "width_in_px", 200, "height_in_px", 200, "fit", "inside"),
                Map.of("type", "flop"),
                Map.of("type", "convert", "format", "jpeg", "quality", 90));
        JsonPath job = tenant.api().contentType(ContentType.JSON).queryParam("wait", 60)
                .body(Map.of("steps", List.of(Map.of("id", "thumb", "operation", "image_transformation",
                        "params", Map.of("file", Map.of("type", "file", "file_id", fileId),
                                "operations", operations)))))
                .post("/v1/jobs")
                .then().statusCode(200).body("status", equalTo("succeeded"))
                .body("steps[0].output.name", equalTo("halves.jpg"))
                .body("steps[0].output.mime_type", equalTo("image/jpeg"))
                .body("steps[0].usage.units", equalTo(1))
                .extract().jsonPath();
        byte[] jpeg = tenant.api().get("/v1/files/" + job.getString("steps[0].output.file_id"))
                .then().statusCode(200).extract().asByteArray();
        BufferedImage out = ImageIO.read(new ByteArrayInputStream(jpeg));
        assertEquals(200, out.getWidth());
        assertEquals(150, out.getHeight());
        // Flopped: blue on the left now, red on the right.
        assertNear(BLUE, out.getRGB(40, 75));
        assertNear(RED, out.getRGB(160, 75));
    }

    @Test
    void invalidParamsAreRefusedAtSubmitWithTheirPath() {
        TestTenant tenant = TestTenant.create(platform, 20);
        tenant.api().contentType(ContentType.JSON)
                .body(Map.of("steps", List.of(Map.of("id", "bad", "operation", "image_transformation",
                        "params", Map.of("file", Map.of("type", "base64", "name", "a.png", "base64", "AAAA"),
                                "operations", List.of(Map.of("type", "flip"), Map.of("type", "blur", "sigma", 0)))))))
                .post("/v1/jobs")
                .then().statusCode(422).contentType("application/problem+json")
                .body("code", equalTo("invalid_params"))
                .body("detail", containsString("steps[0].params.operations[1].sigma: must be greater than 0"));
    }

    @Test
    void aHostileImageFailsWithAClearCodeAndTheServiceKeepsWorking() throws Exception {
        TestTenant tenant = TestTenant.create(platform, 20);
        String bomb = upload(tenant, "huge.png", pngHeader(30000, 30000));
        tenant.api().contentType(ContentType.JSON).queryParam("wait", 60)
                .body(Map.of("steps", List.of(Map.of("id", "t", "operation", "image_transformation",
                        "params", Map.of("file", Map.of("type", "file", "file_id", bomb),
                                "operations", List.of(Map.of("type", "flip")))))))
                .post("/v1/jobs")
                .then().statusCode(200).body("status", equalTo("failed"))
                .body("steps[0].error.code", equalTo("limit_exceeded"))
                .body("steps[0].error.retryable", equalTo(false))
                .body("steps[0].error.message", containsString("30000×30000"));
        String fine = upload(tenant, "fine.png", png(halves(40, 20)));
        tenant.api().contentType(ContentType.JSON).queryParam("wait", 60)
                .body(Map.of("steps", List.of(Map.of("id", "t", "operation", "image_transformation",
                        "params", Map.of("file", Map.of("type", "file", "file_id", fine),
                                "operations", List.of(Map.of("type", "rotate", "angle_in_degrees", 90)))))))
                .post("/v1/jobs")
                .then().statusCode(200).body("status", equalTo("succeeded"))
                .body("steps[0].output.name", equalTo("fine.png"));
    }

    private static String upload(TestTenant tenant, String name, byte[] bytes) {
        return tenant.api().multiPart("file", name, bytes, "image/png").post("/v1/files")
                .then().statusCode(201).extract().path("id");
    }

    private static BufferedImage halves(int w, int h) {
        BufferedImage image = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                image.setRGB(x, y, x < w / 2 ? RED : BLUE);
            }
        }
        return image;
    }

    private static byte[] png(BufferedImage image) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(image, "png", out);
        return out.toByteArray();
    }

    private static void assertNear(int expectedRgb, int actual) {
        for (int shift : new int[]{16, 8, 0}) {
            int e = (expectedRgb >> shift) & 0xFF;
            int a = (actual >> shift) & 0xFF;
            assertTrue(Math.abs(e - a) <= 24, String.format("expected %06X, got %06X", expectedRgb, actual & 0xFFFFFF));
        }
    }

    /** A tiny, valid-looking PNG whose header claims {@code w × h} grey pixels. */
    private static byte[] pngHeader(int w, int h) {
        ByteArrayOutputStream png = new ByteArrayOutputStream();
        png.writeBytes(new byte[]{(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'});
        chunk(png, "IHDR", ByteBuffer.allocate(13).putInt(w).putInt(h).put((byte) 8).put((byte) 0).put((byte) 0)
                .put((byte) 0).put((byte) 0).array());
        Deflater deflater = new Deflater();
        deflater.setInput(new byte[w + 1]);
        deflater.finish();
        byte[] buffer = new byte[4096];
        int n = deflater.deflate(buffer);
        chunk(png, "IDAT", java.util.Arrays.copyOf(buffer, n));
        chunk(png, "IEND", new byte[0]);
        return png.toByteArray();
    }

    private static void chunk(ByteArrayOutputStream out, String type, byte[] data) {
        out.writeBytes(ByteBuffer.allocate(4).putInt(data.length).array());
        byte[] t = type.getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        out.writeBytes(t);
        out.writeBytes(data);
        CRC32 crc = new CRC32();
        crc.update(t);
        crc.update(data);
        out.writeBytes(ByteBuffer.allocate(4).putInt((int) crc.getValue()).array());
    }
}
