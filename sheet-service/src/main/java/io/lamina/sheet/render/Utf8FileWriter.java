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
