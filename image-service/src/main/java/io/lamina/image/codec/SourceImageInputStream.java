package io.lamina.image.codec;

import javax.imageio.stream.ImageInputStreamImpl;
import java.io.IOException;
import java.io.InputStream;

/**
 * An {@code ImageInputStream} over an {@link ImageSource} that holds a small window of it, not the whole file
 * (ImageIO's {@code MemoryCacheImageInputStream} keeps every byte it has read). Reads go forward through the window;
 * a seek back before it opens the source again and skips ahead, which readers do only a few times per image (after
 * reading the header).
 */
final class SourceImageInputStream extends ImageInputStreamImpl {

    private static final int WINDOW = 64 * 1024;
    /** Bytes of the previous window kept when moving on, so that short backward seeks need no reopening. */
    private static final int KEEP = 4 * 1024;

    private final ImageSource source;
    private final long length;
    private final byte[] window = new byte[WINDOW];
    private long windowStart;
    private int windowLength;
    private InputStream in;
    private long inPos;
    private int opened;

    SourceImageInputStream(ImageSource source) {
        this.source = source;
        this.length = source.size();
    }

    /** How many times the source was opened (tests: a decode should not re-read the file over and over). */
    int timesOpened() {
        return opened;
    }

    @Override
    public long length() {
        return length;
    }

    @Override
    public int read() throws IOException {
        checkClosed();
        bitOffset = 0;
        if (!available()) {
            return -1;
        }
        return window[(int) (streamPos++ - windowStart)] & 0xFF;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        checkClosed();
        if (off < 0 || len < 0 || off + len > b.length) {
            throw new IndexOutOfBoundsException();
        }
        bitOffset = 0;
        if (len == 0) {
            return 0;
        }
        if (!available()) {
            return -1;
        }
        int at = (int) (streamPos - windowStart);
        int n = Math.min(len, windowLength - at);
        System.arraycopy(window, at, b, off, n);
        streamPos += n;
        return n;
    }

    /** Makes the byte at {@code streamPos} part of the window; false at the end. */
    private boolean available() throws IOException {
        if (streamPos >= windowStart && streamPos < windowStart + windowLength) {
            return true;
        }
        if (streamPos >= length) {
            return false;
        }
        int kept = 0;
        if (in == null || streamPos < inPos) {
            if (in != null) {
                in.close();
            }
            in = source.open();
            opened++;
            inPos = 0;
        } else if (streamPos == inPos && windowLength > 0) {
            // moving straight on: keep the end of the old window for short seeks back
            kept = Math.min(KEEP, windowLength);
            System.arraycopy(window, windowLength - kept, window, 0, kept);
        }
        skip(streamPos - inPos);
        windowStart = streamPos - kept;
        int want = (int) Math.min(WINDOW - kept, length - streamPos);
        int n = in.readNBytes(window, kept, want);
        inPos += n;
        windowLength = kept + n;
        return n > 0;
    }

    private void skip(long bytes) throws IOException {
        long left = bytes;
        while (left > 0) {
            long skipped = in.skip(left);
            if (skipped <= 0) {
                if (in.read() < 0) {
                    break;
                }
                skipped = 1;
            }
            left -= skipped;
        }
        inPos += bytes - left;
    }

    @Override
    public void close() throws IOException {
        super.close();
        if (in != null) {
            in.close();
            in = null;
        }
    }
}
