package io.lamina.image.codec;

import java.awt.image.BufferedImage;

/**
 * The EXIF orientation (tag 0x0112, values 1–8) of a JPEG, read from its APP1 segment without decoding anything,
 * and applied to decoded pixels so the output stands the way the camera meant.
 */
public final class ExifOrientation {

    private ExifOrientation() {
    }

    /** 1 (as stored) when the file has no readable orientation. */
    public static int read(byte[] jpeg) {
        try {
            int pos = 2;
            while (pos + 4 <= jpeg.length) {
                if ((jpeg[pos] & 0xFF) != 0xFF) {
                    return 1;
                }
                int marker = jpeg[pos + 1] & 0xFF;
                if (marker == 0xDA || marker == 0xD9) {
                    return 1;
                }
                int length = u16(jpeg, pos + 2, false);
                if (marker == 0xE1 && length > 14 && pos + 2 + length <= jpeg.length
                        && jpeg[pos + 4] == 'E' && jpeg[pos + 5] == 'x' && jpeg[pos + 6] == 'i' && jpeg[pos + 7] == 'f') {
                    return fromTiff(jpeg, pos + 10, pos + 2 + length);
                }
                pos += 2 + length;
            }
        } catch (RuntimeException e) {
            return 1;
        }
        return 1;
    }

    /**
     * Sets the orientation in an EXIF payload (its TIFF header at {@code tiffStart}) to 1, in place: the decoder
     * has turned the pixels upright, so a kept EXIF block must not ask viewers to turn them again.
     */
    static void reset(byte[] exif, int tiffStart) {
        try {
            boolean little = exif[tiffStart] == 'I';
            int ifd = tiffStart + (int) u32(exif, tiffStart + 4, little);
            int entries = u16(exif, ifd, little);
            for (int i = 0; i < entries; i++) {
                int entry = ifd + 2 + i * 12;
                if (entry + 12 > exif.length) {
                    return;
                }
                if (u16(exif, entry, little) == 0x0112) {
                    exif[entry + 8] = (byte) (little ? 1 : 0);
                    exif[entry + 9] = (byte) (little ? 0 : 1);
                    return;
                }
            }
        } catch (RuntimeException e) {
            // a damaged EXIF block is carried as it is
        }
    }

    private static int fromTiff(byte[] b, int start, int end) {
        boolean little = b[start] == 'I';
        int ifd = start + (int) u32(b, start + 4, little);
        if (ifd + 2 > end) {
            return 1;
        }
        int entries = u16(b, ifd, little);
        for (int i = 0; i < entries; i++) {
            int entry = ifd + 2 + i * 12;
            if (entry + 12 > end) {
                return 1;
            }
            if (u16(b, entry, little) == 0x0112) {
                int value = u16(b, entry + 8, little);
                return value >= 1 && value <= 8 ? value : 1;
            }
        }
        return 1;
    }

    /** Whether the orientation swaps width and height (values 5–8). */
    public static boolean swapsAxes(int orientation) {
        return orientation >= 5;
    }

    public static BufferedImage apply(BufferedImage image, int orientation) {
        if (orientation <= 1 || orientation > 8) {
            return image;
        }
        BufferedImage src = Pixels.toInt(image);
        int w = src.getWidth();
        int h = src.getHeight();
        int outW = swapsAxes(orientation) ? h : w;
        int outH = swapsAxes(orientation) ? w : h;
        BufferedImage out = new BufferedImage(outW, outH, src.getType());
        int[] in = Pixels.data(src);
        int[] px = Pixels.data(out);
        for (int y = 0; y < outH; y++) {
            for (int x = 0; x < outW; x++) {
                int sx;
                int sy;
                switch (orientation) {
                    case 2 -> { sx = w - 1 - x; sy = y; }
                    case 3 -> { sx = w - 1 - x; sy = h - 1 - y; }
                    case 4 -> { sx = x; sy = h - 1 - y; }
                    case 5 -> { sx = y; sy = x; }
                    case 6 -> { sx = y; sy = h - 1 - x; }
                    case 7 -> { sx = w - 1 - y; sy = h - 1 - x; }
                    default -> { sx = w - 1 - y; sy = x; }
                }
                px[y * outW + x] = in[sy * w + sx];
            }
        }
        return out;
    }

    private static int u16(byte[] b, int at, boolean little) {
        int x = b[at] & 0xFF;
        int y = b[at + 1] & 0xFF;
        return little ? x | y << 8 : x << 8 | y;
    }

    private static long u32(byte[] b, int at, boolean little) {
        long hi = u16(b, little ? at + 2 : at, little);
        long lo = u16(b, little ? at : at + 2, little);
        return hi << 16 | lo;
    }
}
