package io.lamina.sheet.render;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.zip.CRC32;
import java.util.zip.Deflater;

/**
 * An output stream that deflates what is written to it on a second thread, into a sink (SXSSF's temporary sheet
 * file). The writing thread only copies bytes into 64 KiB chunks; the deflater thread takes them from a short queue,
 * adds them to a CRC-32 and compresses them as raw deflate data (no zlib or gzip wrapper). So writing the rows' XML
 * and compressing it run on two cores at once, and the package later copies the compressed bytes as they are instead
 * of reading the XML back and deflating it then.
 *
 * <p>The data ends with a sync flush, not a final block: it is the middle of a zip entry whose end is compressed
 * later ({@link SheetEntry}). Memory is bounded: at most {@value #QUEUED} chunks wait, plus a few recycled ones.
 * Used by one writing thread. {@link #close()} waits for the deflater thread; afterwards {@link #crc()},
 * {@link #size()} and {@link #compressedSize()} describe the data. A failure of the deflater thread (a full disk)
 * surfaces as an {@link IOException} on the next write or on close.
 */
final class BackgroundDeflater extends OutputStream {

    static final int CHUNK = 1 << 16;
    private static final int QUEUED = 4;
    private static final Chunk END = new Chunk(new byte[0], 0);

    private final BlockingQueue<Chunk> queue = new ArrayBlockingQueue<>(QUEUED);
    private final BlockingQueue<byte[]> recycled = new ArrayBlockingQueue<>(QUEUED + 2);
    private final OutputStream sink;
    private final Deflater deflater;
    private final CRC32 crc32 = new CRC32();
    private final Thread thread;
    private byte[] current = new byte[CHUNK];
    private int used;
    private boolean closed;
    private volatile Throwable failure;
    // Set by the deflater thread before it ends; read after join().
    private long crc;
    private long size;
    private long compressedSize;

    private record Chunk(byte[] bytes, int length) {
    }

    /**
     * @param sink where the compressed bytes go; closed by this stream
     * @param level the deflate level, 1 to 9
     */
    BackgroundDeflater(OutputStream sink, int level) {
        this.sink = sink;
        this.deflater = new Deflater(level, true);
        this.thread = new Thread(this::deflateAll, "xlsx-deflate");
        this.thread.setDaemon(true);
        this.thread.start();
    }

    @Override
    public void write(int b) throws IOException {
        if (used == CHUNK) {
            handOver();
        }
        current[used++] = (byte) b;
    }

    @Override
    public void write(byte[] bytes, int offset, int length) throws IOException {
        while (length > 0) {
            if (used == CHUNK) {
                handOver();
            }
            int n = Math.min(length, CHUNK - used);
            System.arraycopy(bytes, offset, current, used, n);
            used += n;
            offset += n;
            length -= n;
        }
    }

    private void handOver() throws IOException {
        enqueue(new Chunk(current, used));
        byte[] spare = recycled.poll();
        current = spare != null ? spare : new byte[CHUNK];
        used = 0;
    }

    private void enqueue(Chunk chunk) throws IOException {
        if (closed && chunk != END) {
            throw new IOException("the stream is closed");
        }
        try {
            while (!queue.offer(chunk, 100, TimeUnit.MILLISECONDS)) {
                checkFailure();
                if (!thread.isAlive()) {
                    throw new IOException("the deflater thread has ended");
                }
            }
        } catch (InterruptedException e) {
            thread.interrupt();
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while compressing the sheet");
        }
        checkFailure();
    }

    private void checkFailure() throws IOException {
        Throwable t = failure;
        if (t != null) {
            throw t instanceof IOException io ? io : new IOException("compressing the sheet failed", t);
        }
    }

    /** The deflater thread: compress every chunk, then end with a sync flush. */
    private void deflateAll() {
        byte[] out = new byte[CHUNK];
        try (OutputStream to = sink) {
            for (Chunk chunk = queue.take(); chunk != END; chunk = queue.take()) {
                crc32.update(chunk.bytes, 0, chunk.length);
                deflater.setInput(chunk.bytes, 0, chunk.length);
                while (!deflater.needsInput()) {
                    int n = deflater.deflate(out, 0, out.length, Deflater.NO_FLUSH);
                    if (n > 0) {
                        to.write(out, 0, n);
                    }
                }
                recycled.offer(chunk.bytes);
            }
            int n;
            do {
                n = deflater.deflate(out, 0, out.length, Deflater.SYNC_FLUSH);
                to.write(out, 0, n);
            } while (n == out.length);
            crc = crc32.getValue();
            size = deflater.getBytesRead();
            compressedSize = deflater.getBytesWritten();
        } catch (InterruptedException e) {
            failure = new InterruptedIOException("compressing the sheet was interrupted");
        } catch (Throwable t) {
            failure = t;
        } finally {
            deflater.end();
        }
    }

    /** Hands over the last chunk and waits until all of it is compressed into the sink (which is then closed). */
    @Override
    public void close() throws IOException {
        if (closed) {
            return;
        }
        try {
            if (used > 0) {
                handOver();
            }
        } finally {
            closed = true;
            if (thread.isAlive()) {
                enqueue(END);
            }
            try {
                thread.join();
            } catch (InterruptedException e) {
                thread.interrupt();
                Thread.currentThread().interrupt();
                throw new InterruptedIOException("interrupted while compressing the sheet");
            }
        }
        checkFailure();
    }

    /** CRC-32 of the uncompressed bytes (after {@link #close()}). */
    long crc() {
        return crc;
    }

    /** Uncompressed bytes written (after {@link #close()}). */
    long size() {
        return size;
    }

    /** Compressed bytes in the sink (after {@link #close()}). */
    long compressedSize() {
        return compressedSize;
    }
}
