package io.lamina.sheet.render;

import java.io.IOException;
import java.io.OutputStream;
import java.io.Writer;

/**
 * The writer behind SXSSF's temporary sheet file: UTF-8 straight into a byte buffer, without the lock that
 * {@link java.io.BufferedWriter} takes and the charset encoder {@link java.io.OutputStreamWriter} runs on every one of
 * the ~25 small writes POI makes per cell. Used by one thread only (the one writing the workbook). Unpaired
 * surrogates become {@code ?}, as the JDK's UTF-8 encoder writes them.
 */
final class Utf8FileWriter extends Writer {

    private final OutputStream out;
    private final byte[] buffer = new byte[1 << 16];
    private int used;
    /** A high surrogate waiting for its low half (a write may split a pair). */
    private char pendingHigh;

    Utf8FileWriter(OutputStream out) {
        this.out = out;
    }

    /** The stream the bytes go to. */
    OutputStream target() {
        return out;
    }

    @Override
    public void write(int c) throws IOException {
        put((char) c);
    }

    @Override
    public void write(String text) throws IOException {
        write(text, 0, text.length());
    }

    @Override
    public void write(String text, int offset, int length) throws IOException {
        int end = offset + length;
        for (int i = offset; i < end; i++) {
            char ch = text.charAt(i);
            if (ch < 0x80 && pendingHigh == 0) {
                if (used == buffer.length) {
                    drain();
                }
                buffer[used++] = (byte) ch;
            } else {
                put(ch);
            }
        }
    }

    @Override
    public void write(char[] chars, int offset, int length) throws IOException {
        int end = offset + length;
        for (int i = offset; i < end; i++) {
            put(chars[i]);
        }
    }

    /**
     * Writes {@code text} as XML character data the way POI's {@code SheetDataWriter} escapes it: markup characters,
     * quotes, line breaks, tabs and the no-break space as references; other control characters and U+FFFE/U+FFFF as
     * {@code ?} (XML cannot carry them); everything else as UTF-8.
     */
    void writeEscaped(String text) throws IOException {
        int length = text.length();
        for (int i = 0; i < length; i++) {
            char ch = text.charAt(i);
            if (ch >= ' ' && ch < 0x80 && ch != '<' && ch != '>' && ch != '&' && ch != '"' && pendingHigh == 0) {
                if (used == buffer.length) {
                    drain();
                }
                buffer[used++] = (byte) ch;
                continue;
            }
            switch (ch) {
                case '<' -> write("&lt;");
                case '>' -> write("&gt;");
                case '&' -> write("&amp;");
                case '"' -> write("&quot;");
                case '\n' -> write("&#xa;");
                case '\r' -> write("&#xd;");
                case '\t' -> write("&#x9;");
                case '\u00A0' -> write("&#xa0;");
                default -> put(ch < ' ' || ch >= '\uFFFE' ? '?' : ch);
            }
        }
    }

    /** Writes the decimal number {@code unscaled} × 10^-{@code scale} in plain notation ({@code -12.05}). */
    void writeDecimal(long unscaled, int scale) throws IOException {
        if (used > buffer.length - 24) {
            drain();
        }
        if (unscaled < 0) {
            buffer[used++] = '-';
            unscaled = -unscaled;
        }
        // Digits from the right; a point after the scale's digits; at least one digit before the point.
        int start = used;
        int digits = 0;
        do {
            if (digits == scale && scale > 0) {
                buffer[used++] = '.';
            }
            buffer[used++] = (byte) ('0' + unscaled % 10);
            unscaled /= 10;
            digits++;
        } while (unscaled != 0 || digits <= scale);
        for (int i = start, j = used - 1; i < j; i++, j--) {
            byte b = buffer[i];
            buffer[i] = buffer[j];
            buffer[j] = b;
        }
    }

    private void put(char ch) throws IOException {
        if (used > buffer.length - 4) {
            drain();
        }
        if (pendingHigh != 0) {
            char high = pendingHigh;
            pendingHigh = 0;
            if (Character.isLowSurrogate(ch)) {
                int code = Character.toCodePoint(high, ch);
                buffer[used++] = (byte) (0xF0 | code >>> 18);
                buffer[used++] = (byte) (0x80 | code >>> 12 & 0x3F);
                buffer[used++] = (byte) (0x80 | code >>> 6 & 0x3F);
                buffer[used++] = (byte) (0x80 | code & 0x3F);
                return;
            }
            buffer[used++] = '?';
            if (used > buffer.length - 4) {
                drain();
            }
        }
        if (ch < 0x80) {
            buffer[used++] = (byte) ch;
        } else if (ch < 0x800) {
            buffer[used++] = (byte) (0xC0 | ch >>> 6);
            buffer[used++] = (byte) (0x80 | ch & 0x3F);
        } else if (Character.isHighSurrogate(ch)) {
            pendingHigh = ch;
        } else if (Character.isLowSurrogate(ch)) {
            buffer[used++] = '?';
        } else {
            buffer[used++] = (byte) (0xE0 | ch >>> 12);
            buffer[used++] = (byte) (0x80 | ch >>> 6 & 0x3F);
            buffer[used++] = (byte) (0x80 | ch & 0x3F);
        }
    }

    private void drain() throws IOException {
        out.write(buffer, 0, used);
        used = 0;
    }

    @Override
    public void flush() throws IOException {
        drain();
        out.flush();
    }

    @Override
    public void close() throws IOException {
        try {
            if (pendingHigh != 0) {
                pendingHigh = 0;
                put('?');
            }
            drain();
        } finally {
            out.close();
        }
    }
}
