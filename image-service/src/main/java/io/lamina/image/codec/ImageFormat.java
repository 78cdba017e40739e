package io.lamina.image.codec;

import java.util.Locale;
import java.util.Optional;

/** The image formats Lamina knows, recognised by their first bytes (never by the file name). */
public enum ImageFormat {
    JPEG("image/jpeg", "jpg"),
    PNG("image/png", "png"),
    WEBP("image/webp", "webp"),
    GIF("image/gif", "gif"),
    TIFF("image/tiff", "tiff"),
    BMP("image/bmp", "bmp"),
    AVIF("image/avif", "avif"),
    HEIF("image/heif", "heif");

    private final String mimeType;
    private final String extension;

    ImageFormat(String mimeType, String extension) {
        this.mimeType = mimeType;
        this.extension = extension;
    }

    public String mimeType() {
        return mimeType;
    }

    public String extension() {
        return extension;
    }

    /** The lower-case name used in params ({@code jpeg}, {@code png}, …). */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    public boolean hasAlpha() {
        return this == PNG || this == WEBP || this == GIF || this == TIFF;
    }

    public static ImageFormat byId(String id) {
        return valueOf(id.toUpperCase(Locale.ROOT));
    }

    /** The format whose signature starts {@code head}, if any. */
    public static Optional<ImageFormat> sniff(byte[] head, int length) {
        if (length >= 3 && u(head[0]) == 0xFF && u(head[1]) == 0xD8 && u(head[2]) == 0xFF) {
            return Optional.of(JPEG);
        }
        if (length >= 8 && u(head[0]) == 0x89 && head[1] == 'P' && head[2] == 'N' && head[3] == 'G') {
            return Optional.of(PNG);
        }
        if (length >= 12 && head[0] == 'R' && head[1] == 'I' && head[2] == 'F' && head[3] == 'F'
                && head[8] == 'W' && head[9] == 'E' && head[10] == 'B' && head[11] == 'P') {
            return Optional.of(WEBP);
        }
        if (length >= 6 && head[0] == 'G' && head[1] == 'I' && head[2] == 'F' && head[3] == '8') {
            return Optional.of(GIF);
        }
        if (length >= 4 && ((head[0] == 'I' && head[1] == 'I' && head[2] == 42 && head[3] == 0)
                || (head[0] == 'M' && head[1] == 'M' && head[2] == 0 && head[3] == 42))) {
            return Optional.of(TIFF);
        }
        if (length >= 14 && head[0] == 'B' && head[1] == 'M') {
            return Optional.of(BMP);
        }
        if (length >= 12 && head[4] == 'f' && head[5] == 't' && head[6] == 'y' && head[7] == 'p') {
            String brand = new String(head, 8, 4, java.nio.charset.StandardCharsets.US_ASCII);
            if (brand.equals("avif") || brand.equals("avis")) {
                return Optional.of(AVIF);
            }
            if (brand.startsWith("hei") || brand.startsWith("hev")) {
                return Optional.of(HEIF);
            }
            if (brand.equals("mif1") || brand.equals("msf1")) {
                // a generic HEIF brand: the compatible brands tell AV1 (avif) from HEVC
                int boxSize = Math.min(length, (u(head[0]) << 24 | u(head[1]) << 16 | u(head[2]) << 8 | u(head[3])));
                for (int at = 16; at + 4 <= boxSize; at += 4) {
                    String compatible = new String(head, at, 4, java.nio.charset.StandardCharsets.US_ASCII);
                    if (compatible.equals("avif") || compatible.equals("avis")) {
                        return Optional.of(AVIF);
                    }
                }
                return Optional.of(HEIF);
            }
        }
        return Optional.empty();
    }

    private static int u(byte b) {
        return b & 0xFF;
    }
}
