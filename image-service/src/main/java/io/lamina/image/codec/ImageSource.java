package io.lamina.image.codec;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;

/**
 * An input image's bytes without holding them: its size is known up front and {@link #open()} gives a fresh stream
 * from the first byte each time (a blob is opened again rather than kept in memory). The streaming JPEG decode reads
 * through it; other formats read it whole with {@link #readAll()}.
 */
public interface ImageSource {

    /** The size in bytes. */
    long size();

    /** A new stream from the first byte. */
    InputStream open() throws IOException;

    /** Reads of this size; large enough for few system calls, small enough to keep no large buffers around. */
    int CHUNK = 64 * 1024;

    /**
     * The whole content in one array of {@link #size()} bytes, read in small chunks (no growing copies, and no
     * temporary direct buffer as large as the file: a file channel's stream asked for everything at once caches one
     * per thread). A source that turns out longer than its size is cut at its size.
     */
    default byte[] readAll() throws IOException {
        byte[] bytes = new byte[(int) Math.min(Integer.MAX_VALUE - 8, size())];
        int length = 0;
        try (InputStream in = open()) {
            while (length < bytes.length) {
                int n = in.read(bytes, length, Math.min(CHUNK, bytes.length - length));
                if (n < 0) {
                    break;
                }
                length += n;
            }
        }
        return length == bytes.length ? bytes : Arrays.copyOf(bytes, length);
    }

    static ImageSource of(byte[] bytes) {
        return new ImageSource() {
            @Override
            public long size() {
                return bytes.length;
            }

            @Override
            public InputStream open() {
                return new ByteArrayInputStream(bytes);
            }

            @Override
            public byte[] readAll() {
                return bytes;
            }
        };
    }
}
