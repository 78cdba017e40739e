package io.lamina.image.codec;

import javax.imageio.stream.ImageInputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;

/** A JPEG's header read from a stream: the markers and segments before its first scan, not the image data. */
final class JpegHeader {

    private JpegHeader() {
    }

    /** The header of {@code source} (read through a small window, not the whole file). */
    static byte[] read(ImageSource source) throws IOException {
        try (SourceImageInputStream in = new SourceImageInputStream(source)) {
            return read(in);
        }
    }

    /**
     * The segments of a JPEG before its first scan (where EXIF and ICC live), read from its start; as much of them as
     * there is when the file is damaged (the reader then tells what is wrong).
     */
    static byte[] read(ImageInputStream in) throws IOException {
        ByteArrayOutputStream header = new ByteArrayOutputStream();
        try {
            readHeader(in, header);
        } catch (EOFException e) {
            // truncated inside the header
        }
        return header.toByteArray();
    }

    private static void readHeader(ImageInputStream in, ByteArrayOutputStream header) throws IOException {
        header.write(in.readUnsignedByte());
        header.write(in.readUnsignedByte());
        while (true) {
            int b = in.read();
            if (b != 0xFF) {
                break;
            }
            int marker = in.read();
            while (marker == 0xFF) {
                marker = in.read();
            }
            if (marker < 0) {
                break;
            }
            header.write(0xFF);
            header.write(marker);
            if (marker == 0xDA || marker == 0xD9) {
                break;
            }
            if (marker == 0x01 || marker >= 0xD0 && marker <= 0xD8) {
                continue;
            }
            int length = in.readUnsignedShort();
            header.write(length >> 8);
            header.write(length);
            if (length < 2) {
                break;
            }
            byte[] payload = new byte[length - 2];
            in.readFully(payload);
            header.write(payload);
        }
    }
}
