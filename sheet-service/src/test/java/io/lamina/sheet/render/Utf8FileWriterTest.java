package io.lamina.sheet.render;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

/** The writer under SXSSF's sheet files must produce exactly the JDK's UTF-8 bytes. */
class Utf8FileWriterTest {

    private static byte[] written(Utf8FileWriterAction action) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (Utf8FileWriter writer = new Utf8FileWriter(bytes)) {
            action.run(writer);
        }
        return bytes.toByteArray();
    }

    private interface Utf8FileWriterAction {
        void run(Utf8FileWriter writer) throws IOException;
    }

    @Test
    void encodesLikeTheJdk() throws IOException {
        String text = "plain <c r=\"A1\"> Müller & Söhne € 漢字 😀 \u00A0 \uFFFD end";
        assertArrayEquals(text.getBytes(StandardCharsets.UTF_8), written(w -> w.write(text)));
        assertArrayEquals(text.getBytes(StandardCharsets.UTF_8), written(w -> w.write(text.toCharArray(), 0,
                text.length())));
        assertArrayEquals(text.getBytes(StandardCharsets.UTF_8), written(w -> text.chars().forEach(ch -> {
            try {
                w.write(ch);
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        })));
    }

    @Test
    void joinsSurrogatePairsSplitAcrossWritesAndReplacesLoneHalves() throws IOException {
        String emoji = "😀";
        assertArrayEquals(("a" + emoji + "b").getBytes(StandardCharsets.UTF_8), written(w -> {
            w.write("a" + emoji.charAt(0));
            w.write(emoji.charAt(1) + "b");
        }));
        String lone = "x\uD83Dy\uDE00z\uD83D";
        assertArrayEquals(lone.getBytes(StandardCharsets.UTF_8), written(w -> w.write(lone)));
    }

    @Test
    void survivesManyBufferFills() throws IOException {
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < 40_000; i++) {
            text.append(i % 7 == 0 ? "€" : i % 11 == 0 ? "😀" : "ab");
        }
        String big = text.toString();
        assertArrayEquals(big.getBytes(StandardCharsets.UTF_8), written(w -> {
            for (int i = 0; i < big.length(); i += 997) {
                w.write(big, i, Math.min(997, big.length() - i));
            }
        }));
    }
}
