package io.lamina.extraction.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/** {@code lamina.extraction.*}: limits of the extraction operations. */
@ConfigMapping(prefix = "lamina.extraction")
public interface ExtractionConfig {

    /** Largest input file in bytes (default 50 MiB); a larger one fails with {@code limit_exceeded}. */
    @WithDefault("52428800")
    long maxFileBytes();

    /** Most files in one request ({@code files}); more fail with {@code invalid_params}. */
    @WithDefault("20")
    int maxFiles();

    /** Most pages read from one file (PDF pages, TIFF frames, e-mail parts); more fail with {@code limit_exceeded}. */
    @WithDefault("2000")
    int maxPages();

    /** Most pages read in one request, all files together. */
    @WithDefault("5000")
    int maxPagesPerRequest();

    /** Time budget for reading one file (all its pages, OCR included); over it fails with {@code limit_exceeded}. */
    @WithDefault("PT5M")
    Duration fileTimeout();

    /** Largest decoded image (or rendered page) in pixels; a larger image fails with {@code limit_exceeded}. */
    @WithDefault("40000000")
    long maxImagePixels();

    /** Most characters of text one file may yield (markdown); more fail with {@code limit_exceeded}. */
    @WithDefault("20000000")
    long maxTextChars();

    /** Most cells read from one spreadsheet (all sheets). */
    @WithDefault("2000000")
    long maxSheetCells();

    /** Most entries in an Office (ZIP) container, and the largest uncompressed entry in bytes. */
    @WithDefault("5000")
    int maxZipEntries();

    @WithDefault("209715200")
    long maxZipEntryBytes();

    /** Most attachments read from one e-mail, and how deep attached e-mails are followed. */
    @WithDefault("20")
    int maxAttachments();

    @WithDefault("2")
    int maxNesting();

    /** Threads one large PDF is read on, in page ranges (0 = the number of processors). */
    @WithDefault("0")
    int pdfThreads();

    /** OCR settings. */
    Ocr ocr();

    /** website_extraction fetch settings. */
    Web web();

    interface Ocr {
        /** Turn OCR off: scanned pages and images then fail with {@code unsupported_format}. */
        @WithDefault("true")
        boolean enabled();

        /** Tesseract's tessdata folder; checked at start (a wrong one would crash the JVM on first use). */
        @WithDefault("/usr/share/tesseract-ocr/5/tessdata")
        String tessdata();

        /** Tesseract languages, e.g. {@code eng} or {@code eng+deu}. */
        @WithDefault("eng")
        String languages();

        /** Tesseract engines kept ready (one per worker thread; 0 = the number of processors). */
        @WithDefault("0")
        int engines();

        /** Resolution PDF pages without usable text are rendered at for OCR. */
        @WithDefault("300")
        int dpi();

        /** A PDF page with fewer text-layer characters than this is OCRed. */
        @WithDefault("16")
        int minTextChars();
    }

    interface Web {
        /** Time budget for the whole fetch (robots.txt, redirects and body). */
        @WithDefault("PT20S")
        Duration timeout();

        /** Largest page body in bytes. */
        @WithDefault("10485760")
        long maxBytes();

        /** Most redirects followed (each target re-checked by the SSRF guard). */
        @WithDefault("5")
        int maxRedirects();

        /** User agent sent, and the one robots.txt rules are matched against. */
        @WithDefault("LaminaBot/0.1 (+https://lamina.io/bot)")
        String userAgent();

        /** Hosts or CIDRs exempt from the SSRF guard (tests only; empty in production). */
        Optional<List<String>> allowedHosts();

        /** Honour robots.txt (default on). */
        @WithDefault("true")
        boolean respectRobots();
    }
}
