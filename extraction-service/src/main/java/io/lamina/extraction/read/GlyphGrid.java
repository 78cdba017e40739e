package io.lamina.extraction.read;

import java.util.Arrays;

/**
 * The glyphs already shown on a page, hashed by position, to drop text that is drawn twice at (almost) the same
 * place (fake bold, shadows): the same character within a third of its width in x and y. PDFBox's own check keeps a
 * {@code TreeMap<Float, TreeSet<Float>>} per character and allocates sub-maps on every glyph; this is an open-addressed
 * table of 4-point cells over flat arrays, cleared per page without reallocating.
 */
final class GlyphGrid {

    private static final float CELL = 4f;
    /** Beyond these (a glyph over 36 pt wide, coordinates far off the page) the page's glyphs are scanned instead. */
    private static final float MAX_TOLERANCE = 3 * CELL;
    private static final float MAX_COORDINATE = 1e7f;
    private static final int MAX_BIG_SCAN = 1000;
    private static final int MAX_CELL_SCAN = 256;

    private long[] cellKeys = new long[1024];
    private int[] cellHeads = new int[1024];
    private int cellsUsed;

    private float[] xs = new float[512];
    private float[] ys = new float[512];
    private String[] texts = new String[512];
    private int[] next = new int[512];
    private int count;
    private int[] big = new int[16];
    private int bigCount;

    GlyphGrid() {
        Arrays.fill(cellHeads, -1);
    }

    /** Forgets every glyph (a new page). */
    void clear() {
        if (cellsUsed > 0) {
            Arrays.fill(cellHeads, -1);
            cellsUsed = 0;
        }
        Arrays.fill(texts, 0, count, null);
        count = 0;
        bigCount = 0;
    }

    /**
     * True if the same text was shown within {@code tolerance} of ({@code x}, {@code y}) on this page already;
     * otherwise remembers it and returns false.
     */
    boolean seenElseAdd(String text, float x, float y, float tolerance) {
        if (!Float.isFinite(x) || !Float.isFinite(y)) {
            return false;
        }
        float tol = Float.isFinite(tolerance) ? Math.abs(tolerance) : 0;
        if (tol > MAX_TOLERANCE || Math.abs(x) > MAX_COORDINATE || Math.abs(y) > MAX_COORDINATE) {
            // Glyphs over 36 pt wide: their copies are as wide, so only the other big ones are compared (the last
            // MAX_BIG_SCAN of them, so that a page of thousands of huge glyphs stays linear).
            for (int b = bigCount - 1, seen = 0; b >= 0 && seen < MAX_BIG_SCAN; b--, seen++) {
                if (near(big[b], text, x, y, tol)) {
                    return true;
                }
            }
            int i = store(text, x, y);
            if (bigCount == big.length) {
                big = Arrays.copyOf(big, bigCount * 2);
            }
            big[bigCount++] = i;
            return false;
        } else {
            long cx1 = cell(x + tol), cy0 = cell(y - tol), cy1 = cell(y + tol);
            for (long cx = cell(x - tol); cx <= cx1; cx++) {
                for (long cy = cy0; cy <= cy1; cy++) {
                    int slot = find(key(cx, cy));
                    if (slot >= 0) {
                        // newest first, at most MAX_CELL_SCAN (thousands of glyphs piled on one spot stay linear)
                        int seen = 0;
                        for (int i = cellHeads[slot]; i >= 0 && seen < MAX_CELL_SCAN; i = next[i], seen++) {
                            if (near(i, text, x, y, tol)) {
                                return true;
                            }
                        }
                    }
                }
            }
        }
        add(store(text, x, y), x, y);
        return false;
    }

    private boolean near(int i, String text, float x, float y, float tol) {
        // PDFBox's test: x in [x - tol, x + tol), y in [y - tol, y + tol)
        return xs[i] >= x - tol && xs[i] < x + tol && ys[i] >= y - tol && ys[i] < y + tol && text.equals(texts[i]);
    }

    private int store(String text, float x, float y) {
        if (count == xs.length) {
            int n = count * 2;
            xs = Arrays.copyOf(xs, n);
            ys = Arrays.copyOf(ys, n);
            texts = Arrays.copyOf(texts, n);
            next = Arrays.copyOf(next, n);
        }
        int i = count++;
        xs[i] = x;
        ys[i] = y;
        texts[i] = text;
        return i;
    }

    private void add(int i, float x, float y) {
        if ((cellsUsed + 1) * 2 > cellKeys.length) {
            grow();
        }
        long key = key(cell(x), cell(y));
        int mask = cellKeys.length - 1;
        int slot = mix(key) & mask;
        while (cellHeads[slot] >= 0 && cellKeys[slot] != key) {
            slot = (slot + 1) & mask;
        }
        if (cellHeads[slot] < 0) {
            cellKeys[slot] = key;
            cellsUsed++;
            next[i] = -1;
        } else {
            next[i] = cellHeads[slot];
        }
        cellHeads[slot] = i;
    }

    private int find(long key) {
        int mask = cellKeys.length - 1;
        int slot = mix(key) & mask;
        while (cellHeads[slot] >= 0) {
            if (cellKeys[slot] == key) {
                return slot;
            }
            slot = (slot + 1) & mask;
        }
        return -1;
    }

    private void grow() {
        long[] oldKeys = cellKeys;
        int[] oldHeads = cellHeads;
        cellKeys = new long[oldKeys.length * 2];
        cellHeads = new int[oldKeys.length * 2];
        Arrays.fill(cellHeads, -1);
        int mask = cellKeys.length - 1;
        for (int s = 0; s < oldKeys.length; s++) {
            if (oldHeads[s] >= 0) {
                int slot = mix(oldKeys[s]) & mask;
                while (cellHeads[slot] >= 0) {
                    slot = (slot + 1) & mask;
                }
                cellKeys[slot] = oldKeys[s];
                cellHeads[slot] = oldHeads[s];
            }
        }
    }

    private static long cell(float v) {
        return (long) Math.floor(v / CELL);
    }

    private static long key(long cx, long cy) {
        return (cx << 32) ^ (cy & 0xFFFFFFFFL);
    }

    private static int mix(long key) {
        // the finaliser of MurmurHash3 (every key bit reaches every low bit)
        long h = key;
        h ^= h >>> 33;
        h *= 0xFF51AFD7ED558CCDL;
        h ^= h >>> 33;
        h *= 0xC4CEB9FE1A85EC53L;
        h ^= h >>> 33;
        return (int) h;
    }
}
