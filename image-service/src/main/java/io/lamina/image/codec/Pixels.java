package io.lamina.image.codec;

import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.awt.image.DataBufferInt;

/** Images as packed-int pixel arrays: operations work on {@code TYPE_INT_ARGB} or {@code TYPE_INT_RGB} directly. */
public final class Pixels {

    private Pixels() {
    }

    /** The image itself when it already stores packed ints, else a packed-int copy (ARGB when it has alpha). */
    public static BufferedImage toInt(BufferedImage image) {
        int type = image.getType();
        if (type == BufferedImage.TYPE_INT_ARGB || type == BufferedImage.TYPE_INT_RGB) {
            return image;
        }
        return copy(image, image.getColorModel().hasAlpha() ? BufferedImage.TYPE_INT_ARGB : BufferedImage.TYPE_INT_RGB);
    }

    /** The image as {@code TYPE_INT_ARGB} (a copy unless it already is). */
    public static BufferedImage argb(BufferedImage image) {
        return image.getType() == BufferedImage.TYPE_INT_ARGB ? image : copy(image, BufferedImage.TYPE_INT_ARGB);
    }

    public static BufferedImage copy(BufferedImage image, int type) {
        BufferedImage out = new BufferedImage(image.getWidth(), image.getHeight(), type);
        Graphics2D g = out.createGraphics();
        try {
            g.drawImage(image, 0, 0, null);
        } finally {
            g.dispose();
        }
        return out;
    }

    /** The pixel array behind a packed-int image (writes go straight into the image). */
    public static int[] data(BufferedImage image) {
        return ((DataBufferInt) image.getRaster().getDataBuffer()).getData();
    }

    public static BufferedImage blank(int width, int height, boolean alpha) {
        return new BufferedImage(width, height, alpha ? BufferedImage.TYPE_INT_ARGB : BufferedImage.TYPE_INT_RGB);
    }

    /** Whether any pixel is not fully opaque. */
    public static boolean hasTransparency(BufferedImage image) {
        if (!image.getColorModel().hasAlpha()) {
            return false;
        }
        for (int p : data(argb(image))) {
            if (p >>> 24 != 0xFF) {
                return true;
            }
        }
        return false;
    }
}
