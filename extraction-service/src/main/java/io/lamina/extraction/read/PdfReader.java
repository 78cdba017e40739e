package io.lamina.extraction.read;

import io.lamina.extraction.ExtractionErrors;
import io.lamina.extraction.model.layout.Line;
import io.lamina.extraction.model.layout.Page;
import io.lamina.ops.runtime.OperationException;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.encryption.InvalidPasswordException;
import org.apache.pdfbox.rendering.ImageType;
import org.apache.pdfbox.rendering.PDFRenderer;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.Writer;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

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
    /** Page ranges handed out to the threads: about this many per thread, of 4 to 16 pages each. */
    private static final int CHUNKS_PER_THREAD = 6;
    private static final int MIN_CHUNK = 4;
    private static final int MAX_CHUNK = 16;

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
            ReadPage[] pages = new ReadPage[count];
            int workers = Math.min(parallelism, count / PAGES_PER_THREAD);
            if (workers <= 1) {
                readPages(doc, 1, count, budget, pages);
            } else {
                readParallel(doc, bytes, count, workers, budget, pages);
            }
            List<ReadPage> out = new ArrayList<>(count);
            for (int i = 0; i < count; i++) {
                // a page without a content stream is blank: PDFBox does not visit it
                out.add(pages[i] != null ? pages[i] : blank(doc, i + 1, budget));
            }
            return out;
        } catch (IOException e) {
            throw ExtractionErrors.fail(ExtractionErrors.MALFORMED_DOCUMENT, "the PDF could not be read: "
                    + e.getMessage());
        }
    }

    /**
     * Page ranges on {@code workers} threads (this one and helpers), each with its own parse of the file: a
     * {@link PDDocument} is not thread-safe, and loading one (the cross-reference table; objects are parsed lazily) is
     * a few milliseconds. The ranges are small chunks handed out in order from a shared counter, so a thread that got
     * light pages takes more of them and no thread waits for another's heavy range.
     */
    private void readParallel(PDDocument doc, byte[] bytes, int count, int workers, ReadBudget budget,
                              ReadPage[] pages) throws IOException {
        int chunk = Math.max(MIN_CHUNK, Math.min(MAX_CHUNK, count / (workers * CHUNKS_PER_THREAD)));
        AtomicInteger next = new AtomicInteger();
        List<Future<?>> helpers = new ArrayList<>();
        for (int w = 1; w < workers; w++) {
            helpers.add(threads.submit(() -> {
                try (PDDocument own = load(bytes)) {
                    readChunks(own, next, chunk, count, budget, pages);
                } catch (RuntimeException | Error | IOException e) {
                    next.set(count); // the others take no more chunks: the read fails anyway
                    throw e;
                }
                return null;
            }));
        }
        try {
            readChunks(doc, next, chunk, count, budget, pages);
            for (Future<?> f : helpers) {
                f.get();
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
            next.set(count); // no more chunks for anyone (after a failure)
            for (Future<?> f : helpers) {
                f.cancel(true);
            }
        }
    }

    private void readChunks(PDDocument doc, AtomicInteger next, int chunk, int count, ReadBudget budget,
                            ReadPage[] pages) throws IOException {
        while (true) {
            int from = next.getAndAdd(chunk) + 1;
            if (from > count) {
                return;
            }
            readPages(doc, from, Math.min(count, from + chunk - 1), budget, pages);
        }
    }

    private static ReadPage blank(PDDocument doc, int number, ReadBudget budget) {
        PDPage page = doc.getPage(number - 1);
        PDRectangle crop = page.getCropBox();
        int rotation = ((page.getRotation() % 360) + 360) % 360;
        boolean turned = rotation == 90 || rotation == 270;
        budget.pageDone();
        return new ReadPage(new Page(number, turned ? crop.getHeight() : crop.getWidth(),
                turned ? crop.getWidth() : crop.getHeight(), List.of(), Page.Source.TEXT), List.of());
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

    /**
     * Reads pages {@code from..to} (1-based, inclusive) of an open document into {@code pages} (index = number - 1):
     * the text layer first, a page counted as done as soon as its text suffices; then the pages with too little
     * text are rendered and OCRed.
     */
    void readPages(PDDocument doc, int from, int to, ReadBudget budget, ReadPage[] pages) throws IOException {
        List<ReadPage> needOcr = new ArrayList<>();
        int minChars = budget.limits().minTextChars();
        boolean ocrOn = ocr.available();
        PdfTextCollector collector = new PdfTextCollector(budget, page -> {
            pages[page.page().number() - 1] = page;
            if (ocrOn && usableChars(page.page()) < minChars) {
                needOcr.add(page);
            } else {
                // enough text, or OCR off (the text layer as it is; OCR being off is not the file's fault)
                budget.pageDone();
            }
        });
        collector.setStartPage(from);
        collector.setEndPage(to);
        try {
            collector.writeText(doc, Writer.nullWriter());
        } catch (OperationException e) {
            throw e;
        } catch (StackOverflowError e) {
            throw ExtractionErrors.fail(ExtractionErrors.MALFORMED_DOCUMENT, "the PDF's structure loops on itself");
        } catch (RuntimeException e) {
            throw ExtractionErrors.fail(ExtractionErrors.MALFORMED_DOCUMENT, "the PDF's text could not be read: " + e);
        }
        PDFRenderer renderer = null;
        for (ReadPage read : needOcr) {
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
            pages[pageIndex] = new ReadPage(ocred, List.of());
            budget.pageDone();
        }
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
}
