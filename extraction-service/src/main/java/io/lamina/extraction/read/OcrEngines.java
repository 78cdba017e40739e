package io.lamina.extraction.read;

import com.sun.jna.Pointer;
import io.lamina.extraction.ExtractionErrors;
import io.lamina.extraction.model.layout.Box;
import io.lamina.extraction.model.layout.Line;
import io.lamina.extraction.model.layout.Page;
import io.lamina.extraction.model.layout.Word;
import net.sourceforge.tess4j.ITessAPI;
import net.sourceforge.tess4j.TessAPI1;
import org.jboss.logging.Logger;

import java.awt.image.BufferedImage;
import java.awt.image.DataBufferByte;
import java.nio.ByteBuffer;
import java.nio.IntBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A pool of Tesseract engines (Tess4J's C API over Debian's libtesseract 5). An engine is not thread-safe, so each
 * OCR call borrows one for the page and gives it back; engines are created on demand up to the pool size (one per
 * worker thread) and kept initialised, so the ~0.2 s model load happens once per engine, not per page.
 *
 * <p>The tessdata folder and every language's {@code .traineddata} are checked when the pool is made: a wrong
 * path would crash the JVM inside libtesseract instead of throwing. If the check fails OCR is unavailable and pages
 * that need it fail with {@code ocr_unavailable}. Tesseract must run with {@code OMP_THREAD_LIMIT=1} (set by the
 * launchers): with OpenMP threads a page is 3–20× slower on two cores.
 */
public final class OcrEngines implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(OcrEngines.class);

    private final String tessdata;
    private final String languages;
    private final int size;
    private final String unavailable;
    private final BlockingQueue<ITessAPI.TessBaseAPI> idle;
    private final List<ITessAPI.TessBaseAPI> all = new ArrayList<>();
    private final AtomicInteger created = new AtomicInteger();

    /**
     * @param tessdata  Tesseract's tessdata folder
     * @param languages e.g. {@code eng} or {@code eng+deu}
     * @param size      most engines (0 = number of processors)
     */
    public OcrEngines(String tessdata, String languages, int size) {
        this.tessdata = tessdata;
        this.languages = languages;
        this.size = size > 0 ? size : Runtime.getRuntime().availableProcessors();
        this.idle = new ArrayBlockingQueue<>(this.size);
        String problem = checkTessdata(tessdata, languages);
        if (problem == null) {
            try {
                idle.add(create());
            } catch (RuntimeException | LinkageError e) {
                problem = "Tesseract could not start: " + e;
            }
        }
        this.unavailable = problem;
        if (problem != null) {
            LOG.errorf("OCR unavailable: %s", problem);
        } else {
            String omp = System.getenv("OMP_THREAD_LIMIT");
            if (!"1".equals(omp)) {
                LOG.warnf("OMP_THREAD_LIMIT is %s, not 1: Tesseract will be several times slower", omp);
            }
            LOG.infof("OCR ready: tessdata %s, languages %s, up to %d engines", tessdata, languages, this.size);
        }
    }

    /** A pool that refuses every page (OCR turned off). */
    public static OcrEngines disabled(String why) {
        return new OcrEngines(why);
    }

    private OcrEngines(String why) {
        this.tessdata = null;
        this.languages = null;
        this.size = 0;
        this.idle = new ArrayBlockingQueue<>(1);
        this.unavailable = why;
    }

    public boolean available() {
        return unavailable == null;
    }

    /** Why OCR is unavailable, or null. */
    public String unavailableReason() {
        return unavailable;
    }

    static String checkTessdata(String tessdata, String languages) {
        Path dir = Path.of(tessdata);
        if (!Files.isDirectory(dir)) {
            return "the tessdata folder " + tessdata + " does not exist (lamina.extraction.ocr.tessdata; "
                    + "install tesseract-ocr-eng)";
        }
        for (String lang : languages.split("\\+")) {
            if (!Files.isReadable(dir.resolve(lang + ".traineddata"))) {
                return "no " + lang + ".traineddata in " + tessdata + " (install tesseract-ocr-" + lang + ")";
            }
        }
        return null;
    }

    private ITessAPI.TessBaseAPI create() {
        ITessAPI.TessBaseAPI handle = TessAPI1.TessBaseAPICreate();
        if (TessAPI1.TessBaseAPIInit3(handle, tessdata, languages) != 0) {
            TessAPI1.TessBaseAPIDelete(handle);
            throw new IllegalStateException("TessBaseAPIInit3 failed for " + languages + " in " + tessdata);
        }
        TessAPI1.TessBaseAPISetPageSegMode(handle, ITessAPI.TessPageSegMode.PSM_AUTO);
        synchronized (all) {
            all.add(handle);
        }
        created.incrementAndGet();
        return handle;
    }

    private ITessAPI.TessBaseAPI borrow(ReadBudget budget) throws InterruptedException {
        ITessAPI.TessBaseAPI handle = idle.poll();
        if (handle != null) {
            return handle;
        }
        synchronized (this) {
            if (created.get() < size) {
                return create();
            }
        }
        while (true) {
            handle = idle.poll(200, TimeUnit.MILLISECONDS);
            if (handle != null) {
                return handle;
            }
            if (budget != null) {
                budget.check();
            }
        }
    }

    /**
     * Recognises one page image. {@code pointsPerPixel} converts pixel boxes to points (72 / dpi).
     *
     * @param image    any image; it is converted to 8-bit grey first
     * @param dpi      the image's resolution (told to Tesseract)
     * @param number   the page number in the layout
     */
    public Page recognize(BufferedImage image, int dpi, int number, ReadBudget budget) {
        if (unavailable != null) {
            throw ExtractionErrors.fail(ExtractionErrors.OCR_UNAVAILABLE, "this page has no text layer and needs "
                    + "OCR, which is unavailable on this server: " + unavailable);
        }
        BufferedImage grey = toGrey(image);
        int width = grey.getWidth();
        int height = grey.getHeight();
        byte[] pixels = ((DataBufferByte) grey.getRaster().getDataBuffer()).getData();
        int stride = grey.getRaster().getSampleModel() instanceof java.awt.image.ComponentSampleModel csm
                ? csm.getScanlineStride() : width;
        ByteBuffer buffer = ByteBuffer.allocateDirect(pixels.length);
        buffer.put(pixels).flip();
        double scale = 72.0 / dpi;
        ITessAPI.TessBaseAPI handle;
        try {
            handle = borrow(budget);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw ExtractionErrors.fail(ExtractionErrors.LIMIT_EXCEEDED, "OCR was interrupted");
        }
        try {
            TessAPI1.TessBaseAPISetImage(handle, buffer, width, height, 1, stride);
            TessAPI1.TessBaseAPISetSourceResolution(handle, dpi);
            if (TessAPI1.TessBaseAPIRecognize(handle, null) != 0) {
                throw ExtractionErrors.fail(ExtractionErrors.MALFORMED_DOCUMENT, "OCR failed on page " + number);
            }
            List<Line> lines = readLines(handle, scale);
            return new Page(number, width * scale, height * scale, lines, Page.Source.OCR);
        } finally {
            TessAPI1.TessBaseAPIClear(handle);
            idle.offer(handle);
        }
    }

    private static List<Line> readLines(ITessAPI.TessBaseAPI handle, double scale) {
        List<Line> lines = new ArrayList<>();
        ITessAPI.TessResultIterator it = TessAPI1.TessBaseAPIGetIterator(handle);
        if (it == null) {
            return lines;
        }
        try {
            ITessAPI.TessPageIterator page = TessAPI1.TessResultIteratorGetPageIterator(it);
            int word = ITessAPI.TessPageIteratorLevel.RIL_WORD;
            int textline = ITessAPI.TessPageIteratorLevel.RIL_TEXTLINE;
            IntBuffer l = IntBuffer.allocate(1);
            IntBuffer t = IntBuffer.allocate(1);
            IntBuffer r = IntBuffer.allocate(1);
            IntBuffer b = IntBuffer.allocate(1);
            List<Word> current = new ArrayList<>();
            do {
                if (TessAPI1.TessPageIteratorIsAtBeginningOf(page, textline) != 0 && !current.isEmpty()) {
                    lines.add(line(current));
                    current = new ArrayList<>();
                }
                Pointer p = TessAPI1.TessResultIteratorGetUTF8Text(it, word);
                if (p == null) {
                    continue;
                }
                String text = p.getString(0, "UTF-8");
                TessAPI1.TessDeleteText(p);
                if (text.isBlank()) {
                    continue;
                }
                float confidence = TessAPI1.TessResultIteratorConfidence(it, word);
                l.clear(); t.clear(); r.clear(); b.clear();
                TessAPI1.TessPageIteratorBoundingBox(page, word, l, t, r, b);
                Box box = new Box(l.get(0) * scale, t.get(0) * scale, (r.get(0) - l.get(0)) * scale,
                        (b.get(0) - t.get(0)) * scale);
                current.add(new Word(text.strip(), box, Math.max(0, Math.min(1, confidence / 100.0))));
            } while (TessAPI1.TessResultIteratorNext(it, word) != 0);
            if (!current.isEmpty()) {
                lines.add(line(current));
            }
        } finally {
            TessAPI1.TessResultIteratorDelete(it);
        }
        return lines;
    }

    private static Line line(List<Word> words) {
        Box box = words.get(0).box();
        StringBuilder text = new StringBuilder();
        for (Word w : words) {
            box = box.union(w.box());
            if (text.length() > 0) {
                text.append(' ');
            }
            text.append(w.text());
        }
        return new Line(text.toString(), box, List.copyOf(words));
    }

    static BufferedImage toGrey(BufferedImage image) {
        if (image.getType() == BufferedImage.TYPE_BYTE_GRAY) {
            return image;
        }
        BufferedImage grey = new BufferedImage(image.getWidth(), image.getHeight(), BufferedImage.TYPE_BYTE_GRAY);
        java.awt.Graphics2D g = grey.createGraphics();
        try {
            g.setColor(java.awt.Color.WHITE);
            g.fillRect(0, 0, image.getWidth(), image.getHeight());
            g.drawImage(image, 0, 0, null);
        } finally {
            g.dispose();
        }
        return grey;
    }

    @Override
    public void close() {
        synchronized (all) {
            for (ITessAPI.TessBaseAPI handle : all) {
                TessAPI1.TessBaseAPIEnd(handle);
                TessAPI1.TessBaseAPIDelete(handle);
            }
            all.clear();
        }
    }
}
