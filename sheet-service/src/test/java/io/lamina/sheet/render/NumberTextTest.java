package io.lamina.sheet.render;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;

class NumberTextTest {

    private static String text(double value) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (Utf8FileWriter out = new Utf8FileWriter(bytes)) {
            NumberText.write(value, out);
        }
        return bytes.toString(StandardCharsets.UTF_8);
    }

    @Test
    void writesTheShortestPlainDecimalForEverydayNumbers() throws IOException {
        assertEquals("3", text(3));
        assertEquals("-17", text(-17));
        assertEquals("12.5", text(12.5));
        assertEquals("0.19", text(0.19));
        assertEquals("-0.05", text(-0.05));
        assertEquals("1234567.891", text(1234567.891));
        assertEquals("10000000", text(1e7));
        assertEquals("0.000001", text(1e-6));
        assertEquals("0", text(0));
    }

    @Test
    void fallsBackToDoubleToStringWhereNoShortDecimalIsExact() throws IOException {
        assertEquals(Double.toString(0.1 + 0.2), text(0.1 + 0.2));
        assertEquals(Double.toString(Math.PI), text(Math.PI));
        assertEquals("1.0E20", text(1e20));
        assertEquals("1.0E-7", text(1e-7));
        assertEquals("-0.0", text(-0.0));
    }

    @Test
    void everyTextReadsBackAsTheSameDouble() throws IOException {
        Random random = new Random(3);
        double[] values = new double[100_000];
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (Utf8FileWriter out = new Utf8FileWriter(bytes)) {
            for (int i = 0; i < values.length; i++) {
                double value = switch (i % 4) {
                    case 0 -> Math.round(random.nextGaussian() * 1e6) / 100.0;         // amounts
                    case 1 -> random.nextInt(10_000) / Math.pow(10, random.nextInt(7)); // few decimals
                    case 2 -> Double.longBitsToDouble(random.nextLong());               // anything
                    default -> random.nextDouble() * Math.pow(10, random.nextInt(30) - 15);
                };
                values[i] = Double.isNaN(value) ? 1.5 : value;
                NumberText.write(values[i], out);
                out.write(';');
            }
        }
        String[] texts = bytes.toString(StandardCharsets.UTF_8).split(";");
        assertEquals(values.length, texts.length);
        for (int i = 0; i < values.length; i++) {
            String text = texts[i];
            assertEquals(values[i], Double.parseDouble(text), () -> text);
        }
    }
}
