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
import java.util.concurrent.CompletableFuture;
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
    /** Files at least this large have their helper threads load their copy while the first load runs. */
    static final int EARLY_LOAD_BYTES = 256 * 1024;

    private final OcrEngines ocr;
    private final ExecutorService threads;
    private final int parallelism;

    PdfReader(OcrEngines ocr, ExecutorService threads, int parallelism) {
        this.ocr = ocr;
        this.threads = threads;
        this.parallelism = Math.max(1, parallelism);
    }

    List<ReadPage> read(byte[] bytes, ReadBudget budget) {
        // A large file's helper threads start loading their own copy while this thread loads (parses the
        // cross-reference table) and counts the pages; a file that turns out too short for page ranges sends them
        // home (one wasted load of a file that size is a few milliseconds).
        CompletableFuture<Plan> plan = new CompletableFuture<>();
        List<Future<?>> helpers = new ArrayList<>();
        if (parallelism > 1 && bytes.length >= EARLY_LOAD_BYTES) {
            startHelpers(bytes, 1, parallelism, plan, helpers);
        }
        try (PDDocument doc = load(bytes)) {
            int count = doc.getNumberOfPages();
            budget.reservePages(count);
            ReadPage[] pages = new ReadPage[count];
            int workers = Math.min(parallelism, count / PAGES_PER_THREAD);
            if (workers <= 1) {
                plan.complete(null);
                readPages(doc, 1, count, budget, pages, new PdfTextCollector.Fonts());
            } else {
                int chunk = Math.max(MIN_CHUNK, Math.min(MAX_CHUNK, count / (workers * CHUNKS_PER_THREAD)));
                Plan p = new Plan(workers, chunk, count, new AtomicInteger(), budget, pages);
                startHelpers(bytes, helpers.size() + 1, workers, plan, helpers);
                plan.complete(p);
                readParallel(doc, p, helpers);
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
        } finally {
            plan.complete(null); // helpers still waiting (the read failed or was short) go home
        }
    }

    /** How a document is shared out: {@code workers} threads take chunks of {@code chunk} pages from {@code next}. */
    private record Plan(int workers, int chunk, int count, AtomicInteger next, ReadBudget budget, ReadPage[] pages) {
    }

    /**
     * Starts helpers number {@code from} to {@code to - 1} (the calling thread is worker 0). Each loads its own
     * {@link PDDocument} from the bytes (a document is not thread-safe; a load parses the cross-reference table,
     * objects are parsed lazily), then waits for the plan: none (a short or unreadable file) or one that does not
     * need it sends it home without an error; otherwise it reads chunks until none are left.
     */
    private void startHelpers(byte[] bytes, int from, int to, CompletableFuture<Plan> plan, List<Future<?>> helpers) {
        for (int w = from; w < to; w++) {
            int number = w;
            helpers.add(threads.submit(() -> {
                PDDocument own;
                try {
                    own = load(bytes);
                } catch (RuntimeException e) {
                    Plan p = plan.get();
                    if (p == null || number >= p.workers()) {
                        return null; // this thread loads it too and reports the failure
                    }
                    p.next().set(p.count());
                    throw e;
                }
                try (own) {
                    Plan p = plan.get();
                    if (p == null || number >= p.workers()) {
                        return null;
                    }
                    try {
                        readChunks(own, p);
                    } catch (RuntimeException | Error | IOException e) {
                        p.next().set(p.count()); // the others take no more chunks: the read fails anyway
                        throw e;
                    }
                }
                return null;
            }));
        }
    }

    /**
     * Page ranges on the plan's threads (this one and the helpers, each with its own parse of the file). The ranges
     * are small chunks handed out in order from a shared counter, so a thread that got light pages takes more of
     * them and no thread waits for another's heavy range.
     */
    private void readParallel(PDDocument doc, Plan plan, List<Future<?>> helpers) throws IOException {
        try {
            readChunks(doc, plan);
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
            plan.next().set(plan.count()); // no more chunks for anyone (after a failure)
            for (Future<?> f : helpers) {
                f.cancel(true);
            }
        }
    }

    private void readChunks(PDDocument doc, Plan plan) throws IOException {
        PdfTextCollector.Fonts fonts = new PdfTextCollector.Fonts();
        while (true) {
            int from = plan.next().getAndAdd(plan.chunk()) + 1;
            if (from > plan.count()) {
                return;
            }
            readPages(doc, from, Math.min(plan.count(), from + plan.chunk() - 1), plan.budget(), plan.pages(), fonts);
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
    void readPages(PDDocument doc, int from, int to, ReadBudget budget, ReadPage[] pages,
                   PdfTextCollector.Fonts fonts) throws IOException {
        List<ReadPage> needOcr = new ArrayList<>();
        int minChars = budget.limits().minTextChars();
        boolean ocrOn = ocr.available();
        PdfTextCollector collector = new PdfTextCollector(budget, fonts, page -> {
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
