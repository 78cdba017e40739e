package io.lamina.extraction.read;

import com.fasterxml.jackson.databind.JsonNode;
import io.lamina.blobs.BlobStore;
import io.lamina.contracts.BlobRef;
import io.lamina.extraction.ExtractionErrors;
import io.lamina.extraction.MarkdownDocument;
import io.lamina.extraction.config.ExtractionConfig;
import io.lamina.extraction.convert.TextDocumentConverter;
import io.lamina.extraction.model.layout.DocumentLayout;
import io.lamina.extraction.model.layout.Line;
import io.lamina.extraction.model.layout.Page;
import io.lamina.ops.runtime.OperationException;
import io.quarkus.runtime.Startup;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.apache.poi.openxml4j.util.ZipSecureFile;
import org.jboss.logging.Logger;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Reads one input file into a {@link DocumentLayout}: pages of positioned lines and words plus Markdown. The public
 * entry point of the extraction service's readers, used by {@code document_to_markdown}, {@code website_extraction}
 * and the field extractor.
 *
 * <p>The type comes from the content ({@link TypeSniffer}): PDF (text layer; pages without usable text are rendered
 * at 300 dpi and OCRed), PNG/JPEG/TIFF/WebP/GIF/BMP (OCR), DOCX, XLSX, HTML, e-mail (with its attachments read the
 * same way), and UTF-8 (or Windows-1252) text: plain, Markdown, CSV and JSON.
 *
 * <p>Every read runs under {@link ReadLimits}: size, pages, pixels, text, cells, ZIP entries and time. Each file is
 * read on a reader thread with a large stack (deeply nested PDFs) and abandoned when it overruns its time budget by
 * more than a grace period, so one hostile file cannot hold a worker. Failures are {@link OperationException}s with
 * permanent codes: {@code unsupported_format}, {@code malformed_document}, {@code encrypted_document},
 * {@code limit_exceeded}, {@code ocr_unavailable}, {@code input_missing}, {@code invalid_params}.
 */
@ApplicationScoped
@Startup
public class DocumentReaders {

    private static final Logger LOG = Logger.getLogger(DocumentReaders.class);
    private static final long STACK_BYTES = 32L * 1024 * 1024;
    private static final long GRACE_MILLIS = 10_000;

    private final ReadLimits limits;
    private final OcrEngines ocr;
    private final PdfReader pdf;
    private final ImageFileReader images;
    private final TextDocumentConverter text = new TextDocumentConverter();
    private final ExecutorService threads;

    @Inject
    public DocumentReaders(ExtractionConfig config) {
        this(ReadLimits.of(config), config.ocr().enabled()
                ? new OcrEngines(config.ocr().tessdata(), config.ocr().languages(), config.ocr().engines())
                : OcrEngines.disabled("OCR is turned off (lamina.extraction.ocr.enabled=false)"),
                config.pdfThreads());
    }

    /** For tests and tools: readers under {@code limits} with the given OCR pool. */
    public DocumentReaders(ReadLimits limits, OcrEngines ocr) {
        this(limits, ocr, 0);
    }

    /**
     * @param pdfThreads threads one large PDF is read on, in page ranges (0 = the number of processors; a PDF
     *                   needs {@value PdfReader#PAGES_PER_THREAD} pages per thread)
     */
    public DocumentReaders(ReadLimits limits, OcrEngines ocr, int pdfThreads) {
        this.limits = limits;
        this.ocr = ocr;
        AtomicInteger n = new AtomicInteger();
        ThreadFactory factory = r -> {
            Thread t = new Thread(null, r, "lamina-reader-" + n.incrementAndGet(), STACK_BYTES);
            t.setDaemon(true);
            return t;
        };
        this.threads = Executors.newCachedThreadPool(factory);
        this.pdf = new PdfReader(ocr, threads,
                pdfThreads > 0 ? pdfThreads : Runtime.getRuntime().availableProcessors());
        this.images = new ImageFileReader(ocr);
        ZipSecureFile.setMinInflateRatio(0.01);
        ZipSecureFile.setMaxEntrySize(limits.maxZipEntryBytes());
        ZipSecureFile.setMaxFileCount(limits.maxZipEntries());
    }

    public ReadLimits limits() {
        return limits;
    }

    public boolean ocrAvailable() {
        return ocr.available();
    }

    /** Reads a file given as bytes. */
    public DocumentLayout read(String name, byte[] bytes) {
        return read(name, bytes, null);
    }

    /** Reads a file given as bytes, telling {@code progress} the pages read so far after each page. */
    public DocumentLayout read(String name, byte[] bytes, ReadProgress progress) {
        checkSize(name, bytes.length);
        ReadBudget budget = new ReadBudget(limits, progress);
        Future<DocumentLayout> future = threads.submit(() -> {
            try {
                return readAt(name, bytes, budget, 0);
            } catch (OperationException e) {
                throw named(name, e);
            }
        });
        try {
            return future.get(limits.fileTimeout().toMillis() + GRACE_MILLIS, TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof OperationException oe) {
                throw oe;
            }
            if (cause instanceof OutOfMemoryError) {
                throw ExtractionErrors.fail(ExtractionErrors.LIMIT_EXCEEDED, name + ": reading it needs more memory "
                        + "than this server allows");
            }
            LOG.warnf(cause, "reading %s failed", name);
            throw ExtractionErrors.fail(ExtractionErrors.MALFORMED_DOCUMENT, name + ": the file could not be read ("
                    + cause + ")");
        } catch (TimeoutException e) {
            future.cancel(true);
            throw ExtractionErrors.fail(ExtractionErrors.LIMIT_EXCEEDED, name + ": reading took longer than "
                    + limits.fileTimeout().toSeconds() + " s (lamina.extraction.file-timeout)");
        } catch (InterruptedException e) {
            future.cancel(true);
            Thread.currentThread().interrupt();
            throw ExtractionErrors.fail(ExtractionErrors.LIMIT_EXCEEDED, name + ": reading was interrupted");
        }
    }

    /** Reads a stream (at most {@code max-file-bytes}; longer fails with {@code limit_exceeded}). */
    public DocumentLayout read(String name, InputStream in) throws IOException {
        long limit = Math.min(limits.maxFileBytes(), Integer.MAX_VALUE - 8);
        byte[] bytes = in.readNBytes((int) limit + 1);
        checkSize(name, bytes.length);
        return read(name, bytes);
    }

    /** Reads a file on disk. */
    public DocumentLayout read(String name, Path file) throws IOException {
        checkSize(name, Files.size(file));
        try (InputStream in = Files.newInputStream(file)) {
            return read(name, in);
        }
    }

    /**
     * Reads a run-time file parameter, a blob reference {@code {"type":"blob","blob_id","name",...}}, from the
     * step's blob store; {@code path} names the parameter in error messages ({@code "files[2]"}).
     */
    public DocumentLayout read(BlobStore blobs, JsonNode fileRef, String path) throws IOException {
        return read(blobs, fileRef, path, null);
    }

    public DocumentLayout read(BlobStore blobs, JsonNode fileRef, String path, ReadProgress progress)
            throws IOException {
        if (fileRef == null || !BlobRef.TYPE.equals(fileRef.path("type").asText())
                || !fileRef.path("blob_id").isTextual()) {
            throw ExtractionErrors.fail(ExtractionErrors.INVALID_PARAMS, path
                    + ": expected a file reference {\"type\":\"blob\",\"blob_id\",...}");
        }
        String blobId = fileRef.get("blob_id").textValue();
        String name = fileRef.path("name").isTextual() ? fileRef.get("name").textValue() : "document";
        long size = blobs.size(blobId).orElseThrow(() -> ExtractionErrors.fail(ExtractionErrors.INPUT_MISSING,
                path + ": the file is no longer in the blob store"));
        checkSize(path + " (" + name + ")", size);
        byte[] bytes;
        try (InputStream in = blobs.open(blobId).orElseThrow(() -> ExtractionErrors.fail(
                ExtractionErrors.INPUT_MISSING, path + ": the file is no longer in the blob store"))) {
            bytes = in.readNBytes((int) Math.min(limits.maxFileBytes(), Integer.MAX_VALUE - 8) + 1);
        }
        checkSize(path + " (" + name + ")", bytes.length);
        return read(name, bytes, progress);
    }

    /** The failure with the file's name in front of its message (unless the message starts with it already). */
    private static OperationException named(String name, OperationException e) {
        String message = e.error().message() == null ? "" : e.error().message();
        if (message.startsWith(name)) {
            return e;
        }
        return new OperationException(new io.lamina.contracts.ErrorInfo(e.error().code(), name + ": " + message,
                e.error().retryable()));
    }

    private void checkSize(String name, long size) {
        if (size > limits.maxFileBytes()) {
            throw ExtractionErrors.fail(ExtractionErrors.LIMIT_EXCEEDED, name + ": " + size + " bytes, the limit is "
                    + limits.maxFileBytes() + " bytes (lamina.extraction.max-file-bytes)");
        }
    }

    private DocumentLayout readAt(String name, byte[] bytes, ReadBudget budget, int depth) {
        String type = TypeSniffer.sniff(bytes, name, limits.maxZipEntries());
        try {
            return switch (type) {
                case TypeSniffer.PDF -> {
                    List<PdfReader.ReadPage> pages = pdf.read(bytes, budget);
                    List<Page> plain = new ArrayList<>(pages.size());
                    for (PdfReader.ReadPage p : pages) {
                        plain.add(p.page());
                    }
                    String md = PdfMarkdown.of(pages);
                    budget.checkText(md.length());
                    yield new DocumentLayout(name, type, List.copyOf(plain), md);
                }
                case "image/png", "image/jpeg", "image/tiff", "image/webp", "image/gif", "image/bmp" -> {
                    List<Page> pages = images.read(bytes, type, budget);
                    List<PdfReader.ReadPage> read = new ArrayList<>();
                    for (Page p : pages) {
                        read.add(new PdfReader.ReadPage(p, List.of()));
                    }
                    yield new DocumentLayout(name, type, List.copyOf(pages), PdfMarkdown.of(read));
                }
                case TypeSniffer.DOCX -> single(name, type, DocxReader.markdown(bytes, budget), budget);
                case TypeSniffer.XLSX -> {
                    Path tmp = Files.createTempFile("lamina-xlsx-", ".xlsx");
                    try {
                        Files.write(tmp, bytes);
                        yield single(name, type, XlsxReader.markdown(tmp.toFile(), budget), budget);
                    } finally {
                        Files.deleteIfExists(tmp);
                    }
                }
                case TypeSniffer.HTML -> {
                    String html = decode(bytes);
                    yield single(name, type, HtmlMarkdown.convert(html, null).markdown(), budget);
                }
                case TypeSniffer.EML -> email(name, bytes, budget, depth);
                case "application/x-tika-ooxml-protected" -> throw ExtractionErrors.fail(
                        ExtractionErrors.ENCRYPTED_DOCUMENT, name + ": the Office file is password-protected; send "
                                + "it without a password");
                default -> {
                    if (type.startsWith("text/") || type.equals("application/json") || type.equals("application/xml")) {
                        yield textFile(name, bytes, budget);
                    }
                    throw ExtractionErrors.fail(ExtractionErrors.UNSUPPORTED_FORMAT, name + ": "
                            + TypeSniffer.label(type) + " is not a supported input; supported are PDF, PNG, JPEG, "
                            + "TIFF, WebP, GIF, BMP, DOCX, XLSX, HTML, EML, CSV, JSON, Markdown and plain text");
                }
            };
        } catch (OperationException e) {
            throw e;
        } catch (org.apache.poi.util.RecordFormatException | org.apache.poi.ooxml.POIXMLException
                 | org.apache.poi.openxml4j.exceptions.NotOfficeXmlFileException e) {
            throw malformedOrBomb(name, type, e);
        } catch (IOException e) {
            throw malformedOrBomb(name, type, e);
        } catch (StackOverflowError e) {
            throw ExtractionErrors.fail(ExtractionErrors.MALFORMED_DOCUMENT, name + ": the file's structure nests "
                    + "too deep or loops on itself");
        } catch (RuntimeException e) {
            if (e.getCause() instanceof OperationException oe) {
                throw oe;
            }
            throw malformedOrBomb(name, type, e);
        }
    }

    private static OperationException malformedOrBomb(String name, String type, Exception e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof OperationException oe) {
                return oe;
            }
            String m = String.valueOf(t.getMessage());
            if (m.contains("Zip bomb") || m.contains("zip bomb") || m.contains("exceeds the max")
                    || m.contains("ZipSecureFile")) {
                return ExtractionErrors.fail(ExtractionErrors.LIMIT_EXCEEDED, name + ": the " + TypeSniffer.label(type)
                        + " container expands beyond the allowed size (zip bomb guard: "
                        + "lamina.extraction.max-zip-entry-bytes / max-zip-entries)");
            }
        }
        return ExtractionErrors.fail(ExtractionErrors.MALFORMED_DOCUMENT, name + ": not a readable "
                + TypeSniffer.label(type) + " (" + e.getMessage() + ")");
    }

    private DocumentLayout single(String name, String type, String markdown, ReadBudget budget) {
        budget.reservePages(1);
        budget.checkText(markdown.length());
        Page page = MarkdownLayout.page(markdown, 1);
        budget.pageDone();
        return new DocumentLayout(name, type, List.of(page), markdown);
    }

    private DocumentLayout textFile(String name, byte[] bytes, ReadBudget budget) {
        byte[] utf8 = bytes;
        if (!isUtf8(bytes)) {
            utf8 = new String(bytes, Charset.forName("windows-1252")).getBytes(StandardCharsets.UTF_8);
        }
        MarkdownDocument doc = text.convert(name, utf8);
        return single(name, doc.mimeType(), doc.markdown(), budget);
    }

    private DocumentLayout email(String name, byte[] bytes, ReadBudget budget, int depth) {
        EmlReader.Parsed parsed = EmlReader.read(bytes, budget, (attName, attBytes) -> {
            if (depth + 1 > limits.maxNesting()) {
                throw ExtractionErrors.fail(ExtractionErrors.LIMIT_EXCEEDED, name + ": attachments nest deeper than "
                        + limits.maxNesting() + " (lamina.extraction.max-nesting)");
            }
            checkSize(attName, attBytes.length);
            return readAt(attName, attBytes, budget, depth + 1);
        });
        budget.reservePages(1);
        List<Page> pages = new ArrayList<>();
        pages.add(MarkdownLayout.page(parsed.bodyMarkdown(), 1));
        budget.pageDone();
        StringBuilder md = new StringBuilder(parsed.bodyMarkdown());
        for (DocumentLayout att : parsed.attachments()) {
            md.append("\n## Attachment: ").append(att.fileName()).append("\n\n").append(att.markdown());
            for (Page p : att.pages()) {
                pages.add(new Page(pages.size() + 1, p.width(), p.height(), p.lines(), p.source()));
            }
        }
        for (String skipped : parsed.skipped()) {
            md.append("\n## Attachment not read: ").append(skipped).append('\n');
        }
        budget.checkText(md.length());
        return new DocumentLayout(name, TypeSniffer.EML, List.copyOf(pages), md.toString());
    }

    private static boolean isUtf8(byte[] bytes) {
        try {
            StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes));
            return true;
        } catch (CharacterCodingException e) {
            return false;
        }
    }

    /** HTML bytes as text: a BOM or meta charset when present (jsoup's rules), else UTF-8 or Windows-1252. */
    private static String decode(byte[] bytes) {
        String head = new String(bytes, 0, Math.min(bytes.length, 2048), StandardCharsets.ISO_8859_1)
                .toLowerCase(java.util.Locale.ROOT);
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("charset=[\"']?([a-z0-9_\\-]+)").matcher(head);
        if (m.find()) {
            try {
                return new String(bytes, Charset.forName(m.group(1)));
            } catch (RuntimeException ignored) {
                // unknown charset name: fall through
            }
        }
        return isUtf8(bytes) ? new String(bytes, StandardCharsets.UTF_8)
                : new String(bytes, Charset.forName("windows-1252"));
    }

    /**
     * Reads a fetched web resource: HTML with links made absolute against {@code baseUri}; anything else (a PDF,
     * an image) as an uploaded file.
     */
    public DocumentLayout readWeb(String name, byte[] bytes, String baseUri) {
        checkSize(name, bytes.length);
        if (!TypeSniffer.HTML.equals(TypeSniffer.sniff(bytes, name, limits.maxZipEntries()))) {
            return read(name, bytes);
        }
        ReadBudget budget = new ReadBudget(limits, null);
        String markdown = HtmlMarkdown.convert(decode(bytes), baseUri).markdown();
        return single(name, TypeSniffer.HTML, markdown, budget);
    }

    /** The {@code <title>} of an HTML input, or null. */
    public static String htmlTitle(DocumentLayout layout, byte[] bytes) {
        if (!TypeSniffer.HTML.equals(layout.mimeType())) {
            return null;
        }
        String title = org.jsoup.Jsoup.parse(decode(bytes)).title();
        return title == null || title.isBlank() ? null : title.strip();
    }

    /** All lines of a layout as text, page by page (a convenience for callers and tests). */
    public static String plainText(DocumentLayout layout) {
        StringBuilder sb = new StringBuilder();
        for (Page p : layout.pages()) {
            for (Line l : p.lines()) {
                sb.append(l.text()).append('\n');
            }
        }
        return sb.toString();
    }

    @PreDestroy
    public void close() {
        threads.shutdownNow();
        ocr.close();
    }
}
