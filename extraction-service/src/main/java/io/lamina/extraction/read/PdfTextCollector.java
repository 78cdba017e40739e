package io.lamina.extraction.read;

import io.lamina.extraction.model.layout.Box;
import io.lamina.extraction.model.layout.Line;
import io.lamina.extraction.model.layout.Page;
import io.lamina.extraction.model.layout.Word;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.font.PDFont;
import org.apache.pdfbox.pdmodel.font.PDTrueTypeFont;
import org.apache.pdfbox.pdmodel.font.PDType0Font;
import org.apache.pdfbox.pdmodel.font.PDType1CFont;
import org.apache.pdfbox.pdmodel.font.PDType1Font;
import org.apache.pdfbox.pdmodel.font.encoding.GlyphList;
import org.apache.pdfbox.pdmodel.graphics.state.PDGraphicsState;
import org.apache.pdfbox.pdmodel.graphics.state.PDTextState;
import org.apache.pdfbox.text.PDFTextStripper;
import org.apache.pdfbox.text.TextPosition;
import org.apache.pdfbox.util.Matrix;
import org.apache.pdfbox.util.Vector;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The text layer of PDF pages as positioned words and lines. PDFBox's content-stream engine makes the glyphs
 * ({@link TextPosition}s: unicode, position, size, rotation applied); everything after that is done here, because
 * {@link PDFTextStripper}'s own layout pass builds the plain text we do not use and cost about half of the CPU time
 * and most of the garbage on real documents: its duplicate-text check (a {@code TreeMap} of {@code TreeSet}s per
 * character, sub-maps allocated per glyph), its non-transitive comparator sort, a {@code java.text.Bidi} object and
 * wrapper objects per glyph and word.
 *
 * <p>Per page: glyphs drawn twice at the same place (fake bold, shadows) are dropped ({@link GlyphGrid}: same
 * character within a third of its width, PDFBox's rule); a combining diacritic drawn separately is merged into its
 * base character; glyphs are sorted by text direction and baseline into lines (a glyph belongs to the line when its
 * height reaches the line's lowest baseline, PDFBox's overlap rule), then by x; words are cut at blank glyphs and
 * where the gap after a glyph exceeds PDFBox's word-spacing estimate (half the font's space width or 0.3 of the
 * average glyph width, whichever is smaller). Ligatures and Arabic/Hebrew presentation forms are expanded (NFKC, as
 * PDFBox does). Each finished page is handed to the sink right away.
 *
 * <p>Glyphs of the common fonts (simple Type 1 / TrueType fonts and {@code Identity-H} composite fonts, written
 * horizontally on a page whose crop box starts at 0,0) are made by {@link #showText(byte[])} here: the same
 * arithmetic as PDFBox's {@code PDFStreamEngine.showText} and {@code LegacyPDFStreamEngine.showGlyph} in the same
 * order (so every {@link TextPosition} is bit-for-bit the one PDFBox would make), without its per-glyph garbage (five
 * matrices, a stream pipeline to decode each code, boxed map keys) and with each font's codes, advances, Unicode
 * texts and metrics looked up once per document ({@link Fonts}). Everything else goes through PDFBox's own code.
 */
final class PdfTextCollector extends PDFTextStripper {

    private static final float SPACING_TOLERANCE = 0.5f;
    private static final float AVERAGE_CHAR_TOLERANCE = 0.3f;

    private final ReadBudget budget;
    private final Consumer<PdfReader.ReadPage> sink;
    private final GlyphGrid shown = new GlyphGrid();
    private final StringBuilder wordText = new StringBuilder(256);

    // The page's glyphs, captured when PDFBox makes them (while the TextPosition is still in the cache)
    private int count;
    private String[] texts = new String[1024];
    private float[] xs = new float[1024];
    private float[] ys = new float[1024];
    private float[] ws = new float[1024];
    private float[] hs = new float[1024];
    private float[] sizes = new float[1024];
    private float[] spaces = new float[1024];
    private float[] fontSizes = new float[1024];
    private short[] widthCounts = new short[1024];
    private byte[] dirs = new byte[1024];
    private PDFont[] fonts = new PDFont[1024];
    /** The last glyph kept, for merging a diacritic drawn separately. */
    private TextPosition last;
    private float[] runYs = new float[1024];
    private float[] runHs = new float[1024];
    private float[] scratch = new float[256];
    private long[] keys = new long[1024];
    private long[] lineKeys = new long[256];
    private long total;
    // PDFBox's word-spacing estimate runs on across the lines of a page
    private float lastWordSpacing;
    private float previousAverage;
    private PDFont lastFont;
    private float lastFontSize;
    private double pageWidth;
    private double pageHeight;

    /** The glyph list PDFBox's text extraction maps glyph names with (Adobe's plus PDFBox's additions). */
    private static final GlyphList GLYPHS;

    static {
        try (InputStream in = GlyphList.class.getResourceAsStream("/org/apache/pdfbox/resources/glyphlist/additional.txt")) {
            GLYPHS = new GlyphList(GlyphList.getAdobeGlyphList(), in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private final Fonts fontCache;
    // the current page as PDFBox's LegacyPDFStreamEngine sees it
    private int pageRotation;
    private PDRectangle pageSize;
    private boolean cropShifted;
    private final float[] product = new float[9];
    private final float[] result = new float[9];
    private final float[] operand = new float[9];
    private final float[] textValues = new float[9];

    PdfTextCollector(ReadBudget budget, Fonts fonts, Consumer<PdfReader.ReadPage> sink) {
        this.budget = budget;
        this.fontCache = fonts;
        this.sink = sink;
        setSortByPosition(false);
        setSuppressDuplicateOverlappingText(false);
        setShouldSeparateByBeads(false);
    }

    @Override
    public void processPage(PDPage page) throws IOException {
        pageRotation = page.getRotation();
        pageSize = page.getCropBox();
        cropShifted = !(Float.compare(pageSize.getLowerLeftX(), 0) == 0
                && Float.compare(pageSize.getLowerLeftY(), 0) == 0);
        super.processPage(page);
    }

    /**
     * {@code PDFStreamEngine.showText} followed by {@code LegacyPDFStreamEngine.showGlyph} for each code, for the fonts
     * {@link Fonts.Font#fast} covers (else PDFBox's own): same formulas, same float operations in the same order,
     * the same checks, so the glyphs are identical.
     */
    @Override
    protected void showText(byte[] string) throws IOException {
        PDGraphicsState state = getGraphicsState();
        PDTextState textState = state.getTextState();
        PDFont font = textState.getFont();
        if (font == null || cropShifted || font.isVertical()) {
            super.showText(string);
            return;
        }
        Fonts.Font info = fontCache.of(font);
        if (info.codeBytes == 0) {
            super.showText(string);
            return;
        }
        float fontSize = textState.getFontSize();
        float horizontalScaling = textState.getHorizontalScaling() / 100f;
        float charSpacing = textState.getCharacterSpacing();
        // the text state parameters as a matrix: (fontSize * horizontalScaling, 0, 0, fontSize, 0, rise)
        float[] parameters = {fontSize * horizontalScaling, 0, 0, 0, fontSize, 0, 0, textState.getRise(), 1};
        Matrix textMatrix = state.getTextMatrix();
        int pos = 0;
        while (pos < string.length) {
            int code;
            int codeLength;
            if (info.codeBytes == 1) {
                code = string[pos] & 0xFF;
                codeLength = 1;
            } else if (string.length - pos >= 2) {
                code = (string[pos] & 0xFF) << 8 | string[pos + 1] & 0xFF;
                codeLength = 2;
            } else {
                InputStream in = new ByteArrayInputStream(string, pos, string.length - pos);
                int before = in.available();
                code = font.readCode(in);
                codeLength = before - in.available();
            }
            pos += codeLength;
            float wordSpacing = 0;
            if (codeLength == 1 && code == 32) {
                wordSpacing += textState.getWordSpacing();
            }
            // text rendering matrix (text space -> device space): parameters x text matrix x CTM
            Matrix ctm = state.getCurrentTransformationMatrix();
            multiply(parameters, values(textMatrix, operand), product);
            multiply(product, values(ctm, operand), result);
            Matrix textRenderingMatrix = new Matrix(result[0], result[1], result[3], result[4], result[6], result[7]);
            Vector w = info.displacement(code);
            glyph(textRenderingMatrix, info, code, w);
            float tx = (w.getX() * fontSize + charSpacing + wordSpacing) * horizontalScaling;
            textMatrix.translate(tx, 0);
        }
    }

    /** {@code LegacyPDFStreamEngine.showGlyph} for a horizontal, non-Type 3 font on a page whose crop box is at 0,0. */
    private void glyph(Matrix textRenderingMatrix, Fonts.Font info, int code, Vector displacement) throws IOException {
        PDGraphicsState state = getGraphicsState();
        Matrix ctm = state.getCurrentTransformationMatrix();
        float fontSize = state.getTextState().getFontSize();
        float horizontalScaling = state.getTextState().getHorizontalScaling() / 100f;
        Matrix textMatrix = getTextMatrix();
        // the next glyph's origin: translate(tx, ty) x text matrix x CTM, without character and word spacing
        float tx = displacement.getX() * fontSize * horizontalScaling;
        float ty = displacement.getY() * fontSize;
        float[] td = operand;
        td[0] = 1; td[1] = 0; td[2] = 0;
        td[3] = 0; td[4] = 1; td[5] = 0;
        td[6] = tx; td[7] = ty; td[8] = 1;
        multiply(td, values(textMatrix, textValues), product);
        multiply(product, values(ctm, operand), result);
        float nextX = result[6];
        float nextY = result[7];
        float dxDisplay = nextX - textRenderingMatrix.getTranslateX();
        float dyDisplay = info.height(this) * textRenderingMatrix.getScalingFactorY();
        float spaceWidthDisplay = info.spaceWidth() * textRenderingMatrix.getScalingFactorX();
        String unicode = info.unicode(code);
        if (unicode == null) {
            return; // a composite font's code without Unicode: skipped, as PDFBox does
        }
        processTextPosition(new TextPosition(pageRotation, pageSize.getWidth(), pageSize.getHeight(),
                textRenderingMatrix, nextX, nextY, Math.abs(dyDisplay), dxDisplay, Math.abs(spaceWidthDisplay),
                unicode, new int[]{code}, info.font, fontSize, (int) (fontSize * textMatrix.getScalingFactorX())));
    }

    /** PDFBox's {@code LegacyPDFStreamEngine.computeFontHeight}, for {@link Fonts}. */
    float fontHeight(PDFont font) throws IOException {
        return computeFontHeight(font);
    }

    private static float[] values(Matrix m, float[] out) {
        for (int i = 0; i < 9; i++) {
            out[i] = m.getValue(i / 3, i % 3);
        }
        return out;
    }

    /** {@code Matrix.multiply}: {@code c = a x b} with PDFBox's operation order and its check for illegal values. */
    private static void multiply(float[] a, float[] b, float[] c) {
        c[0] = a[0] * b[0] + a[1] * b[3] + a[2] * b[6];
        c[1] = a[0] * b[1] + a[1] * b[4] + a[2] * b[7];
        c[2] = a[0] * b[2] + a[1] * b[5] + a[2] * b[8];
        c[3] = a[3] * b[0] + a[4] * b[3] + a[5] * b[6];
        c[4] = a[3] * b[1] + a[4] * b[4] + a[5] * b[7];
        c[5] = a[3] * b[2] + a[4] * b[5] + a[5] * b[8];
        c[6] = a[6] * b[0] + a[7] * b[3] + a[8] * b[6];
        c[7] = a[6] * b[1] + a[7] * b[4] + a[8] * b[7];
        c[8] = a[6] * b[2] + a[7] * b[5] + a[8] * b[8];
        for (int i = 0; i < 9; i++) {
            if (!Float.isFinite(c[i])) {
                throw new IllegalArgumentException("Multiplying two matrices produces illegal values");
            }
        }
    }

    /**
     * Per-document font facts for the fast glyph path, filled as codes are met: how codes are read, each code's
     * advance (a {@link Vector}: immutable) and Unicode text, the font's height and space width. One per document
     * and thread (PDFBox fonts belong to their document).
     */
    static final class Fonts {
        private final Map<PDFont, Font> byFont = new IdentityHashMap<>();
        private final boolean fast;

        Fonts() {
            this(true);
        }

        /** @param fast false: every glyph through PDFBox's own code (the reference the tests compare with) */
        Fonts(boolean fast) {
            this.fast = fast;
        }

        Font of(PDFont font) {
            Font f = byFont.get(font);
            if (f == null) {
                f = new Font(font, fast);
                byFont.put(font, f);
            }
            return f;
        }

        static final class Font {
            private static final String NO_UNICODE = new String("no unicode");
            final PDFont font;
            /** 1: simple font (one byte a code), 2: Identity-H composite font (two bytes), 0: PDFBox's own path. */
            final int codeBytes;
            private Vector[] advances;
            private String[] unicodes;
            private float height = Float.NaN;
            private float spaceWidth = Float.NaN;

            Font(PDFont font, boolean fast) {
                this.font = font;
                if (!fast) {
                    codeBytes = 0;
                } else if (font instanceof PDType1Font || font instanceof PDTrueTypeFont || font instanceof PDType1CFont) {
                    codeBytes = 1;
                } else if (font instanceof PDType0Font
                        && font.getCOSObject().getDictionaryObject(COSName.ENCODING) == COSName.IDENTITY_H) {
                    codeBytes = 2;
                } else {
                    codeBytes = 0;
                }
                int size = codeBytes == 1 ? 256 : 512;
                advances = new Vector[size];
                unicodes = new String[size];
            }

            private void room(int code) {
                if (code >= advances.length) {
                    int size = Integer.highestOneBit(code) * 2;
                    advances = Arrays.copyOf(advances, size);
                    unicodes = Arrays.copyOf(unicodes, size);
                }
            }

            Vector displacement(int code) throws IOException {
                room(code);
                Vector v = advances[code];
                if (v == null) {
                    v = font.getDisplacement(code);
                    advances[code] = v;
                }
                return v;
            }

            /** The code's text as PDFBox's text extraction maps it, or null when a composite font's code has none. */
            String unicode(int code) throws IOException {
                room(code);
                String u = unicodes[code];
                if (u == null) {
                    u = font.toUnicode(code, GLYPHS);
                    if (u == null) {
                        // Acrobat coerces a simple font's code into Unicode; a composite font's code is skipped
                        u = codeBytes == 1 ? new String(new char[]{(char) code}) : NO_UNICODE;
                    }
                    unicodes[code] = u;
                }
                return u == NO_UNICODE ? null : u;
            }

            float height(PdfTextCollector engine) throws IOException {
                if (Float.isNaN(height)) {
                    height = engine.fontHeight(font);
                }
                return height;
            }

            /** The space width in text space, with PDFBox's fallbacks (80 % of the average width, then 1). */
            float spaceWidth() {
                if (Float.isNaN(spaceWidth)) {
                    float glyphSpaceToTextSpaceFactor = 1 / 1000f;
                    float w = 0;
                    try {
                        w = font.getSpaceWidth() * glyphSpaceToTextSpaceFactor;
                    } catch (Exception e) {
                        // PDFBOX-614: as PDFBox, fall back below
                    }
                    if (Float.compare(w, 0) == 0) {
                        w = font.getAverageFontWidth() * glyphSpaceToTextSpaceFactor;
                        w *= .80f;
                    }
                    if (Float.compare(w, 0) == 0) {
                        w = 1.0f;
                    }
                    spaceWidth = w;
                }
                return spaceWidth;
            }
        }
    }

    @Override
    protected void startPage(PDPage page) {
        budget.check();
        clearGlyphs();
        PDRectangle crop = page.getCropBox();
        int rotation = ((page.getRotation() % 360) + 360) % 360;
        boolean turned = rotation == 90 || rotation == 270;
        pageWidth = turned ? crop.getHeight() : crop.getWidth();
        pageHeight = turned ? crop.getWidth() : crop.getHeight();
    }

    private void clearGlyphs() {
        shown.clear();
        Arrays.fill(texts, 0, count, null);
        Arrays.fill(fonts, 0, count, null);
        count = 0;
        last = null;
    }

    @Override
    protected void processTextPosition(TextPosition glyph) {
        String unicode = glyph.getUnicode();
        if (unicode == null || unicode.isEmpty()) {
            return;
        }
        if (shown.seenElseAdd(unicode, glyph.getX(), glyph.getY(), glyph.getWidth() / unicode.length() / 3f)) {
            return;
        }
        if (last != null) {
            if (glyph.isDiacritic() && last.contains(glyph)) {
                last.mergeDiacritic(glyph);
                texts[count - 1] = last.getUnicode();
                return;
            }
            if (last.isDiacritic() && glyph.contains(last)) {
                glyph.mergeDiacritic(last);
                set(count - 1, glyph);
                last = glyph;
                return;
            }
        }
        if (count == xs.length) {
            grow(count * 2);
        }
        set(count++, glyph);
        last = glyph;
        if ((++total & 0x3FF) == 0) {
            budget.check();
            budget.checkText(total);
        }
    }

    private void set(int i, TextPosition g) {
        texts[i] = g.getUnicode();
        xs[i] = g.getXDirAdj();
        ys[i] = g.getYDirAdj();
        ws[i] = g.getWidthDirAdj();
        hs[i] = g.getHeightDir();
        sizes[i] = g.getFontSizeInPt();
        spaces[i] = g.getWidthOfSpace();
        fontSizes[i] = g.getFontSize();
        widthCounts[i] = (short) Math.min(Short.MAX_VALUE, g.getIndividualWidths().length);
        dirs[i] = direction(g.getDir());
        fonts[i] = g.getFont();
    }

    private void grow(int size) {
        texts = Arrays.copyOf(texts, size);
        xs = Arrays.copyOf(xs, size);
        ys = Arrays.copyOf(ys, size);
        ws = Arrays.copyOf(ws, size);
        hs = Arrays.copyOf(hs, size);
        sizes = Arrays.copyOf(sizes, size);
        spaces = Arrays.copyOf(spaces, size);
        fontSizes = Arrays.copyOf(fontSizes, size);
        widthCounts = Arrays.copyOf(widthCounts, size);
        dirs = Arrays.copyOf(dirs, size);
        fonts = Arrays.copyOf(fonts, size);
        runYs = new float[size];
        runHs = new float[size];
        keys = new long[size];
    }

    @Override
    protected void writePage() {
        int n = count;
        // Runs: glyphs drawn one after the other along a line (same direction, each overlapping the previous one
        // vertically, no jump back or far ahead). A run is placed on a line as a whole, by its median baseline and
        // height, so raised and lowered glyphs inside it (the A and E of the LaTeX logo, an exponent, a tall bullet)
        // stay on its line and do not pull it onto a neighbouring one.
        int runStart = 0;
        for (int i = 1; i <= n; i++) {
            if (i == n || breaksRun(i - 1, i)) {
                float y = median(ys, runStart, i);
                float h = median(hs, runStart, i);
                for (int j = runStart; j < i; j++) {
                    runYs[j] = y;
                    runHs[j] = h;
                }
                runStart = i;
            }
        }
        for (int i = 0; i < n; i++) {
            // direction (2 bits), the run's baseline (30 bits, order-preserving), index (30 bits)
            keys[i] = ((long) dirs[i] << 62) | ((long) (sortable(runYs[i]) >>> 2) << 30) | i;
        }
        Arrays.sort(keys, 0, n);
        lastWordSpacing = -1;
        previousAverage = -1;
        lastFont = null;
        lastFontSize = 0;
        List<PdfReader.SizedLine> lines = new ArrayList<>();
        int start = 0;
        while (start < n) {
            int first = index(keys[start]);
            long dir = keys[start] >>> 62;
            float baseline = runYs[first];
            int end = start + 1;
            while (end < n) {
                int i = index(keys[end]);
                if (keys[end] >>> 62 != dir || !onLine(runYs[i], runHs[i], baseline)) {
                    break;
                }
                end++;
            }
            line(start, end, lines);
            start = end;
        }
        clearGlyphs();
        List<Line> plain = new ArrayList<>(lines.size());
        for (PdfReader.SizedLine s : lines) {
            plain.add(s.line());
        }
        sink.accept(new PdfReader.ReadPage(new Page(getCurrentPageNo(), pageWidth, pageHeight,
                Collections.unmodifiableList(plain), Page.Source.TEXT), lines));
    }

    /** Glyphs {@code keys[start..end)} are one line: sort them by x, cut words, add the line. */
    private void line(int start, int end, List<PdfReader.SizedLine> lines) {
        int n = end - start;
        if (lineKeys.length < n) {
            lineKeys = new long[Math.max(n, lineKeys.length * 2)];
        }
        for (int k = 0; k < n; k++) {
            int i = index(keys[start + k]);
            lineKeys[k] = (((long) (sortable(xs[i]) >>> 2)) << 30) | i;
        }
        Arrays.sort(lineKeys, 0, n);
        List<Word> words = new ArrayList<>();
        double sizeSum = 0;
        int sizeCount = 0;
        StringBuilder word = wordText;
        word.setLength(0);
        double left = 0, top = 0, right = 0, bottom = 0;
        float endOfLastX = Float.NaN;
        String lastUnicode = null;
        for (int k = 0; k < n; k++) {
            int i = index(lineKeys[k]);
            String u = texts[i];
            float x = xs[i];
            float w = ws[i];
            if (fonts[i] != lastFont || fontSizes[i] != lastFontSize) {
                previousAverage = -1;
            }
            float spaceWidth = spaces[i];
            float deltaSpace;
            if (spaceWidth == 0 || Float.isNaN(spaceWidth)) {
                deltaSpace = Float.MAX_VALUE;
            } else if (lastWordSpacing < 0) {
                deltaSpace = spaceWidth * SPACING_TOLERANCE;
            } else {
                deltaSpace = (spaceWidth + lastWordSpacing) / 2f * SPACING_TOLERANCE;
            }
            int glyphCount = Math.max(1, widthCounts[i]);
            float average = previousAverage < 0 ? w / glyphCount : (previousAverage + w / glyphCount) / 2f;
            float deltaChar = average * AVERAGE_CHAR_TOLERANCE;
            if (k > 0 && endOfLastX + Math.min(deltaSpace, deltaChar) < x && !lastUnicode.endsWith(" ")) {
                if (word.length() > 0) {
                    words.add(new Word(word.toString(), new Box(left, top, right - left, bottom - top), 1.0));
                    word.setLength(0);
                }
            }
            endOfLastX = x + w;
            lastWordSpacing = spaceWidth;
            previousAverage = average;
            lastFont = fonts[i];
            lastFontSize = fontSizes[i];
            lastUnicode = u;
            if (u.isBlank()) {
                if (word.length() > 0) {
                    words.add(new Word(word.toString(), new Box(left, top, right - left, bottom - top), 1.0));
                    word.setLength(0);
                }
                continue;
            }
            double h = hs[i] > 0 ? hs[i] : sizes[i];
            double y = ys[i] - h;
            double r = (double) x + Math.max(0, w);
            double b = ys[i];
            if (word.length() == 0) {
                left = x;
                top = y;
                right = r;
                bottom = b;
            } else {
                left = Math.min(left, x);
                top = Math.min(top, y);
                right = Math.max(right, r);
                bottom = Math.max(bottom, b);
            }
            appendNormalized(word, u);
            sizeSum += sizes[i];
            sizeCount++;
        }
        if (word.length() > 0) {
            words.add(new Word(word.toString(), new Box(left, top, right - left, bottom - top), 1.0));
            word.setLength(0);
        }
        if (words.isEmpty()) {
            return;
        }
        words = logicalOrder(words);
        StringBuilder line = new StringBuilder();
        Word previous = null;
        double minX = Double.MAX_VALUE, minY = Double.MAX_VALUE, maxX = -Double.MAX_VALUE, maxY = -Double.MAX_VALUE;
        for (Word current : words) {
            Box box = current.box();
            minX = Math.min(minX, box.x());
            minY = Math.min(minY, box.y());
            maxX = Math.max(maxX, box.right());
            maxY = Math.max(maxY, box.bottom());
            if (previous != null) {
                double gap = box.x() - previous.box().right();
                double em = Math.max(1, previous.box().height());
                // Wide gaps (table columns) are kept as several spaces so the text shows the columns.
                line.append(gap > 2 * em ? "   " : " ");
            }
            line.append(current.text());
            previous = current;
        }
        double size = sizeCount == 0 ? 0 : sizeSum / sizeCount;
        lines.add(new PdfReader.SizedLine(new Line(line.toString(), new Box(minX, minY, maxX - minX, maxY - minY),
                Collections.unmodifiableList(words)), size));
    }

    /**
     * The glyphs of a line come in visual order (left to right). Hebrew and Arabic words are written right to left:
     * such a word's characters are reversed, and the words are reordered by the Unicode bidirectional algorithm's
     * levels (a right-to-left word at an odd level, a left-to-right word inside a right-to-left line at level 2), so
     * the text reads in logical order as PDFBox's own text layout gives it. Lines without right-to-left letters are
     * returned as they are.
     */
    static List<Word> logicalOrder(List<Word> words) {
        boolean anyRtl = false;
        Boolean baseRtl = null;
        boolean[] rtl = new boolean[words.size()];
        for (int k = 0; k < words.size(); k++) {
            int strong = strongDirection(words.get(k).text());
            rtl[k] = strong > 0;
            anyRtl |= rtl[k];
            if (baseRtl == null && strong != 0) {
                baseRtl = strong > 0;
            }
        }
        if (!anyRtl) {
            return words;
        }
        boolean rtlLine = Boolean.TRUE.equals(baseRtl);
        Word[] ordered = new Word[words.size()];
        byte[] levels = new byte[words.size()];
        for (int k = 0; k < words.size(); k++) {
            Word w = words.get(k);
            ordered[k] = rtl[k] ? new Word(new StringBuilder(w.text()).reverse().toString(), w.box(), w.confidence())
                    : w;
            levels[k] = (byte) (rtl[k] ? 1 : rtlLine ? 2 : 0);
        }
        java.text.Bidi.reorderVisually(levels, 0, ordered, 0, ordered.length);
        return Arrays.asList(ordered);
    }

    /** 1 when the first strong character is right-to-left, -1 when left-to-right, 0 when there is none. */
    private static int strongDirection(String text) {
        for (int c = 0; c < text.length(); ) {
            int cp = text.codePointAt(c);
            byte d = Character.getDirectionality(cp);
            if (d == Character.DIRECTIONALITY_RIGHT_TO_LEFT || d == Character.DIRECTIONALITY_RIGHT_TO_LEFT_ARABIC) {
                return 1;
            }
            if (d == Character.DIRECTIONALITY_LEFT_TO_RIGHT) {
                return -1;
            }
            c += Character.charCount(cp);
        }
        return 0;
    }

    /** Appends {@code u}, with ligatures and Arabic/Hebrew presentation forms expanded (NFKC), as PDFBox does. */
    static void appendNormalized(StringBuilder out, String u) {
        for (int c = 0; c < u.length(); c++) {
            char ch = u.charAt(c);
            if (ch >= 0xFB00 && ch <= 0xFDFF || ch >= 0xFE70 && ch <= 0xFEFF) {
                out.append(Normalizer.normalize(String.valueOf(ch), Normalizer.Form.NFKC).trim());
            } else {
                out.append(ch);
            }
        }
    }

    /**
     * Whether a glyph with baseline {@code y} and height {@code h} (sorted after the line's first glyph, so
     * {@code y >= baseline}) is on the line: on the same baseline, or reaching up across the first glyph's baseline
     * (subscripts, a larger font). Measured against the line's first baseline rather than the lowest one so far: a
     * tall glyph spanning two lines of smaller text must not chain them into one line whose glyphs would then be
     * interleaved by x.
     */
    private static boolean onLine(float y, float h, float baseline) {
        return y - baseline < .1f || y - h <= baseline;
    }

    private static byte direction(float dir) {
        int d = Math.round(dir / 90f) % 4;
        return (byte) (d < 0 ? d + 4 : d);
    }

    /** The median of {@code values[from..to)}. */
    private float median(float[] values, int from, int to) {
        int n = to - from;
        if (n == 1) {
            return values[from];
        }
        if (scratch.length < n) {
            scratch = new float[Math.max(n, scratch.length * 2)];
        }
        System.arraycopy(values, from, scratch, 0, n);
        Arrays.sort(scratch, 0, n);
        return scratch[n / 2];
    }

    /** Whether glyph {@code b}, drawn right after {@code a}, starts a new run. */
    private boolean breaksRun(int a, int b) {
        if (dirs[a] != dirs[b]) {
            return true;
        }
        float ya = ys[a], ha = hs[a], yb = ys[b], hb = hs[b];
        boolean overlap = Math.abs(ya - yb) < .1f || ya <= yb && ya >= yb - hb || yb <= ya && yb >= ya - ha;
        if (!overlap) {
            return true;
        }
        float gap = xs[b] - (xs[a] + ws[a]);
        float em = Math.max(sizes[a], sizes[b]);
        return gap < -Math.max(ws[a], 1f) || gap > 1.5f * em;
    }

    /** A float's bits as an int that sorts like the float (as unsigned), NaN last. */
    private static int sortable(float v) {
        if (Float.isNaN(v)) {
            return -1;
        }
        int bits = Float.floatToIntBits(v == 0 ? 0f : v);
        return bits < 0 ? ~bits : bits | Integer.MIN_VALUE;
    }

    private static int index(long key) {
        return (int) (key & 0x3FFFFFFF);
    }
}
