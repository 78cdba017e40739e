package io.lamina.image.transform;

import java.awt.Color;

/** Packed-int colour helpers. */
public final class Colors {

    private Colors() {
    }

    /** {@code #RRGGBB} or {@code RRGGBB} as an opaque ARGB int. */
    public static int parse(String hex) {
        String digits = hex.startsWith("#") ? hex.substring(1) : hex;
        return 0xFF000000 | Integer.parseInt(digits, 16);
    }

    public static Color color(String hex) {
        return new Color(parse(hex), true);
    }

    public static int a(int p) {
        return p >>> 24;
    }

    public static int r(int p) {
        return (p >> 16) & 0xFF;
    }

    public static int g(int p) {
        return (p >> 8) & 0xFF;
    }

    public static int b(int p) {
        return p & 0xFF;
    }

    public static int argb(int a, int r, int g, int b) {
        return clamp(a) << 24 | clamp(r) << 16 | clamp(g) << 8 | clamp(b);
    }

    public static int clamp(int v) {
        return v < 0 ? 0 : Math.min(255, v);
    }

    public static int clamp(double v) {
        return clamp((int) Math.round(v));
    }

    /** Rec. 709 luma of the gamma-encoded channels, 0–255. */
    public static int luma(int p) {
        return (int) Math.round(0.2126 * r(p) + 0.7152 * g(p) + 0.0722 * b(p));
    }

    /** Largest channel difference, alpha included. */
    public static int distance(int p, int q) {
        return Math.max(Math.max(Math.abs(a(p) - a(q)), Math.abs(r(p) - r(q))),
                Math.max(Math.abs(g(p) - g(q)), Math.abs(b(p) - b(q))));
    }
}
