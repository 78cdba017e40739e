package io.lamina.image.codec;

import java.awt.color.ColorSpace;
import java.awt.color.ICC_Profile;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The metadata of a JPEG input that {@code convert}'s {@code keep_metadata} carries over to a JPEG output: the EXIF
 * and XMP segments (APP1) verbatim, except that the EXIF orientation is set to 1 because the decoder has already
 * turned the pixels upright; and, when the input had an ICC profile, the sRGB profile, because the decoder converted
 * the pixels to sRGB (the input's own profile would describe colours the output no longer has).
 */
public record JpegMetadata(List<byte[]> app1Segments, boolean hadIccProfile) {

    private static final byte[] EXIF = "Exif\0\0".getBytes(StandardCharsets.ISO_8859_1);
    private static final byte[] XMP = "http://ns.adobe.com/xap/1.0/\0".getBytes(StandardCharsets.ISO_8859_1);
    private static final byte[] ICC = "ICC_PROFILE\0".getBytes(StandardCharsets.ISO_8859_1);
    private static final int MAX_SEGMENT = 65533;

    public static final JpegMetadata NONE = new JpegMetadata(List.of(), false);

    public boolean isEmpty() {
        return app1Segments.isEmpty() && !hadIccProfile;
    }

    /** {@link #read(byte[])} of a source's header only: the image data is not read. */
    public static JpegMetadata read(ImageSource source) throws java.io.IOException {
        return read(JpegHeader.read(source));
    }

    /** The metadata segments of {@code jpeg} before its first scan; nothing for other formats or damaged headers. */
    public static JpegMetadata read(byte[] jpeg) {
        if (jpeg.length < 4 || (jpeg[0] & 0xFF) != 0xFF || (jpeg[1] & 0xFF) != 0xD8) {
            return NONE;
        }
        List<byte[]> app1 = new ArrayList<>();
        boolean icc = false;
        int at = 2;
        while (at + 4 <= jpeg.length && (jpeg[at] & 0xFF) == 0xFF) {
            int marker = jpeg[at + 1] & 0xFF;
            if (marker == 0xD8 || marker == 0x01 || marker >= 0xD0 && marker <= 0xD7) {
                at += 2;
                continue;
            }
            if (marker == 0xDA || marker == 0xD9) {
                break;
            }
            int length = (jpeg[at + 2] & 0xFF) << 8 | (jpeg[at + 3] & 0xFF);
            if (length < 2 || at + 2 + length > jpeg.length) {
                break;
            }
            int payload = at + 4;
            int payloadLength = length - 2;
            if (marker == 0xE1 && (startsWith(jpeg, payload, payloadLength, EXIF)
                    || startsWith(jpeg, payload, payloadLength, XMP))) {
                byte[] segment = Arrays.copyOfRange(jpeg, payload, payload + payloadLength);
                if (startsWith(segment, 0, segment.length, EXIF)) {
                    ExifOrientation.reset(segment, EXIF.length);
                }
                app1.add(segment);
            } else if (marker == 0xE2 && startsWith(jpeg, payload, payloadLength, ICC)) {
                icc = true;
            }
            at += 2 + length;
        }
        return app1.isEmpty() && !icc ? NONE : new JpegMetadata(List.copyOf(app1), icc);
    }

    /** {@code jpeg} (as the JDK writer makes it: SOI, then JFIF APP0) with these segments inserted after APP0. */
    public byte[] writeInto(byte[] jpeg) {
        if (isEmpty()) {
            return jpeg;
        }
        int insertAt = 2;
        if (jpeg.length > 6 && (jpeg[2] & 0xFF) == 0xFF && (jpeg[3] & 0xFF) == 0xE0) {
            insertAt = 4 + ((jpeg[4] & 0xFF) << 8 | (jpeg[5] & 0xFF));
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(jpeg.length + size());
        out.write(jpeg, 0, insertAt);
        for (byte[] segment : app1Segments) {
            segment(out, 0xE1, segment);
        }
        if (hadIccProfile) {
            byte[] profile = ICC_Profile.getInstance(ColorSpace.CS_sRGB).getData();
            int chunk = MAX_SEGMENT - ICC.length - 2;
            int count = (profile.length + chunk - 1) / chunk;
            for (int i = 0; i < count; i++) {
                int from = i * chunk;
                int to = Math.min(profile.length, from + chunk);
                byte[] payload = new byte[ICC.length + 2 + to - from];
                System.arraycopy(ICC, 0, payload, 0, ICC.length);
                payload[ICC.length] = (byte) (i + 1);
                payload[ICC.length + 1] = (byte) count;
                System.arraycopy(profile, from, payload, ICC.length + 2, to - from);
                segment(out, 0xE2, payload);
            }
        }
        out.write(jpeg, insertAt, jpeg.length - insertAt);
        return out.toByteArray();
    }

    /** Bytes the segments add to an output (an upper bound for the sRGB profile). */
    public int size() {
        int size = hadIccProfile ? 4 + ICC.length + 2 + 4096 : 0;
        for (byte[] segment : app1Segments) {
            size += 4 + segment.length;
        }
        return size;
    }

    private static void segment(ByteArrayOutputStream out, int marker, byte[] payload) {
        int length = payload.length + 2;
        out.write(0xFF);
        out.write(marker);
        out.write(length >> 8);
        out.write(length & 0xFF);
        out.write(payload, 0, payload.length);
    }

    private static boolean startsWith(byte[] data, int at, int length, byte[] prefix) {
        if (length < prefix.length || at + prefix.length > data.length) {
            return false;
        }
        for (int i = 0; i < prefix.length; i++) {
            if (data[at + i] != prefix[i]) {
                return false;
            }
        }
        return true;
    }
}
