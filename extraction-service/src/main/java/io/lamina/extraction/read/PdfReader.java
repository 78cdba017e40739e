package io.lamina.extraction.read;

import io.lamina.extraction.ExtractionErrors;
import io.lamina.extraction.model.layout.Box;
import io.lamina.extraction.model.layout.Line;
import io.lamina.extraction.model.layout.Page;
import io.lamina.extraction.model.layout.Word;
import io.lamina.ops.runtime.OperationException;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.encryption.InvalidPasswordException;
import org.apache.pdfbox.rendering.ImageType;
import org.apache.pdfbox.rendering.PDFRenderer;
import org.apache.pdfbox.text.PDFTextStripper;
import org.apache.pdfbox.text.TextPosition;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.Writer;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;

/**
 * PDF with PDFBox: the text layer with word positions (points from the page's top-left, rotation applied), and for
 * pages without usable text (fewer letters and digits than {@code ocr.min-text-chars}) the page rendered at
 * {@code ocr.dpi} (300) in grey and OCRed. Encrypted files that need a password fail with {@code encrypted_document},
 * files PDFBox cannot parse with {@code malformed_document}.
 */
final class PdfReader {

    /** One line of the text layer with the font size it was set in (for headings in the Markdown). */
    record SizedLine(Line line, double fontSize) {
    }

    /** One page as read: its layout page and, for text-layer pages, the sized lines. */
    record ReadPage(Page page, List<SizedLine> sized) {
    }

    /** Documents with at least this many pages per thread are read in page ranges on several threads. */
    static final int PAGES_PER_THREAD = 24;

    private final OcrEngines ocr;
    private final ExecutorService threads;
    private final int parallelism;

    PdfReader(OcrEngines ocr, ExecutorService threads, int parallelism) {
        this.ocr = ocr;
        this.threads = threads;
        this.parallelism = Math.max(1, parallelism);
    }

    List<ReadPage> read(byte[] bytes, ReadBudget budget) {
        try (PDDocument doc = load(bytes)) {
            int count = doc.getNumberOfPages();
            budget.reservePages(count);
            int chunks = Math.min(parallelism, count / PAGES_PER_THREAD);
            if (chunks <= 1) {
                return readPages(doc, 1, count, budget);
            }
            // Page ranges on several threads, each with its own parse of the file (PDDocument is not thread-safe).
            int per = (count + chunks - 1) / chunks;
            List<Future<List<ReadPage>>> rest = new ArrayList<>();
            for (int c = 1; c < chunks; c++) {
                int from = c * per + 1;
                int to = Math.min(count, (c + 1) * per);
                rest.add(threads.submit(() -> {
                    try (PDDocument own = load(bytes)) {
                        return readPages(own, from, to, budget);
                    }
                }));
            }
            List<ReadPage> pages;
            try {
                pages = new ArrayList<>(readPages(doc, 1, per, budget));
                for (Future<List<ReadPage>> f : rest) {
                    pages.addAll(f.get());
                }
            } catch (ExecutionException e) {
                if (e.getCause() instanceof RuntimeException re) {
                    throw re;
                }
                if (e.getCause() instanceof Error err) {
                    throw err;
                }
                throw new IOException(e.getCause());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw ExtractionErrors.fail(ExtractionErrors.LIMIT_EXCEEDED, "reading the PDF was interrupted");
            } finally {
                for (Future<List<ReadPage>> f : rest) {
                    f.cancel(true);
                }
            }
            return pages;
        } catch (IOException e) {
            throw ExtractionErrors.fail(ExtractionErrors.MALFORMED_DOCUMENT, "the PDF could not be read: "
                    + e.getMessage());
        }
    }

    static PDDocument load(byte[] bytes) {
        try {
            return Loader.loadPDF(bytes);
        } catch (InvalidPasswordException e) {
            throw ExtractionErrors.fail(ExtractionErrors.ENCRYPTED_DOCUMENT,
                    "the PDF is encrypted with a password; send it decrypted");
        } catch (IOException e) {
            throw ExtractionErrors.fail(ExtractionErrors.MALFORMED_DOCUMENT, "not a readable PDF: " + e.getMessage());
        } catch (OutOfMemoryError e) {
            throw ExtractionErrors.fail(ExtractionErrors.LIMIT_EXCEEDED, "the PDF needs more memory than allowed");
        } catch (RuntimeException | StackOverflowError e) {
            throw ExtractionErrors.fail(ExtractionErrors.MALFORMED_DOCUMENT, "not a readable PDF: " + e);
        }
    }

    /** Reads pages {@code from..to} (1-based, inclusive) of an open document. */
    List<ReadPage> readPages(PDDocument doc, int from, int to, ReadBudget budget) throws IOException {
        PositionStripper stripper = new PositionStripper(budget);
        stripper.setStartPage(from);
        stripper.setEndPage(to);
        try {
            stripper.writeText(doc, Writer.nullWriter());
        } catch (OperationException e) {
            throw e;
        } catch (StackOverflowError e) {
            throw ExtractionErrors.fail(ExtractionErrors.MALFORMED_DOCUMENT, "the PDF's structure loops on itself");
        } catch (RuntimeException e) {
            throw ExtractionErrors.fail(ExtractionErrors.MALFORMED_DOCUMENT, "the PDF's text could not be read: " + e);
        }
        List<ReadPage> pages = stripper.pages;
        PDFRenderer renderer = null;
        for (int i = 0; i < pages.size(); i++) {
            ReadPage read = pages.get(i);
            if (usableChars(read.page()) >= budget.limits().minTextChars()) {
                budget.pageDone();
                continue;
            }
            if (!ocr.available()) {
                // The text layer as it is (possibly empty); OCR being off is not the file's fault.
                budget.pageDone();
                continue;
            }
            if (renderer == null) {
                renderer = new PDFRenderer(doc);
            }
            int pageIndex = read.page().number() - 1;
            int dpi = renderDpi(doc.getPage(pageIndex), budget);
            BufferedImage image;
            try {
                image = renderer.renderImageWithDPI(pageIndex, dpi, ImageType.GRAY);
            } catch (OutOfMemoryError e) {
                throw ExtractionErrors.fail(ExtractionErrors.LIMIT_EXCEEDED, "page " + read.page().number()
                        + " needs more memory to render than allowed");
            } catch (IOException | RuntimeException e) {
                throw ExtractionErrors.fail(ExtractionErrors.MALFORMED_DOCUMENT, "page " + read.page().number()
                        + " could not be rendered for OCR: " + e.getMessage());
            }
            budget.check();
            Page ocred = ocr.recognize(image, dpi, read.page().number(), budget);
            pages.set(i, new ReadPage(ocred, List.of()));
            budget.pageDone();
        }
        return pages;
    }

    /** 300 dpi (the setting), lowered for huge pages so the render stays within the pixel budget. */
    private static int renderDpi(PDPage page, ReadBudget budget) {
        PDRectangle box = page.getCropBox();
        double w = Math.max(1, box.getWidth()) / 72.0;
        double h = Math.max(1, box.getHeight()) / 72.0;
        int dpi = budget.limits().ocrDpi();
        double pixels = w * h * dpi * dpi;
        if (pixels > budget.limits().maxImagePixels()) {
            dpi = (int) Math.floor(Math.sqrt(budget.limits().maxImagePixels() / (w * h)));
        }
        if (dpi < 50) {
            throw ExtractionErrors.fail(ExtractionErrors.LIMIT_EXCEEDED, "a page of " + Math.round(w) + "×"
                    + Math.round(h) + " inches is too large to OCR within lamina.extraction.max-image-pixels");
        }
        return dpi;
    }

    static int usableChars(Page page) {
        int n = 0;
        for (Line line : page.lines()) {
            for (int i = 0; i < line.text().length(); i++) {
                if (Character.isLetterOrDigit(line.text().charAt(i))) {
                    n++;
                }
            }
        }
        return n;
    }

    /** Collects words (split at spaces and at PDFBox's word gaps) and lines per page. */
    private static final class PositionStripper extends PDFTextStripper {

        final List<ReadPage> pages = new ArrayList<>();
        private final ReadBudget budget;
        private List<SizedLine> lines;
        private List<Word> words;
        private double sizeSum;
        private int sizeCount;
        private long chars;
        private double pageWidth;
        private double pageHeight;

        PositionStripper(ReadBudget budget) {
            this.budget = budget;
            setSortByPosition(true);
            setSuppressDuplicateOverlappingText(true);
        }

        @Override
        protected void startPage(PDPage page) {
            budget.check();
            lines = new ArrayList<>();
            words = new ArrayList<>();
            sizeSum = 0;
            sizeCount = 0;
            PDRectangle crop = page.getCropBox();
            int rotation = ((page.getRotation() % 360) + 360) % 360;
            boolean turned = rotation == 90 || rotation == 270;
            pageWidth = turned ? crop.getHeight() : crop.getWidth();
            pageHeight = turned ? crop.getWidth() : crop.getHeight();
        }

        @Override
        protected void endPage(PDPage page) {
            endLine();
            List<Line> plain = new ArrayList<>(lines.size());
            for (SizedLine s : lines) {
                plain.add(s.line());
            }
            pages.add(new ReadPage(new Page(getCurrentPageNo(), pageWidth, pageHeight, plain, Page.Source.TEXT),
                    lines));
        }

        @Override
        protected void writeString(String text, List<TextPosition> positions) {
            StringBuilder word = new StringBuilder();
            double left = 0, top = 0, right = 0, bottom = 0;
            for (TextPosition tp : positions) {
                String u = tp.getUnicode();
                if (u == null || u.isBlank()) {
                    flush(word, left, top, right, bottom);
                    word.setLength(0);
                    continue;
                }
                double h = tp.getHeightDir() > 0 ? tp.getHeightDir() : tp.getFontSizeInPt();
                double x = tp.getXDirAdj();
                double y = tp.getYDirAdj() - h;
                double r = x + Math.max(0, tp.getWidthDirAdj());
                double b = tp.getYDirAdj();
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
                word.append(u);
                sizeSum += tp.getFontSizeInPt();
                sizeCount++;
            }
            flush(word, left, top, right, bottom);
            chars += text.length();
            if ((chars & 0x3FF) < text.length()) {
                budget.check();
                budget.checkText(chars);
            }
        }

        private void flush(StringBuilder word, double left, double top, double right, double bottom) {
            if (word.length() > 0) {
                words.add(new Word(word.toString(), new Box(left, top, right - left, bottom - top), 1.0));
            }
        }

        @Override
        protected void writeLineSeparator() {
            endLine();
        }

        @Override
        protected void writeWordSeparator() {
            // words are cut in writeString
        }

        private void endLine() {
            if (words == null || words.isEmpty()) {
                return;
            }
            Box box = words.get(0).box();
            StringBuilder text = new StringBuilder();
            Word previous = null;
            for (Word w : words) {
                box = box.union(w.box());
                if (previous != null) {
                    double gap = w.box().x() - previous.box().right();
                    double em = Math.max(1, previous.box().height());
                    // Wide gaps (table columns) are kept as several spaces so the text shows the columns.
                    text.append(gap > 2 * em ? "   " : " ");
                }
                text.append(w.text());
                previous = w;
            }
            double size = sizeCount == 0 ? 0 : sizeSum / sizeCount;
            lines.add(new SizedLine(new Line(text.toString(), box, List.copyOf(words)), size));
            words = new ArrayList<>();
            sizeSum = 0;
            sizeCount = 0;
        }
    }
}
