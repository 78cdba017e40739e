package io.lamina.extraction.read;

import io.lamina.extraction.ExtractionErrors;
import io.lamina.extraction.model.layout.DocumentLayout;
import io.lamina.ops.runtime.OperationException;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.encryption.AccessPermission;
import org.apache.pdfbox.pdmodel.encryption.StandardProtectionPolicy;
import org.apache.poi.xssf.streaming.SXSSFWorkbook;
import org.apache.poi.xssf.streaming.SXSSFSheet;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.zip.CRC32;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The hostile-file set: every file either reads or fails with one of the documented codes, quickly, and the same
 * readers then still read a good file. OCR is off here (hostile inputs are about parsing).
 */
class HostileFilesTest {

    private static final Set<String> CODES = Set.of(ExtractionErrors.MALFORMED_DOCUMENT,
            ExtractionErrors.ENCRYPTED_DOCUMENT, ExtractionErrors.LIMIT_EXCEEDED, ExtractionErrors.UNSUPPORTED_FORMAT);

    static DocumentReaders readers;
    static byte[] goodPdf;

    @BeforeAll
    static void start() throws Exception {
        readers = new DocumentReaders(ReadLimits.defaults().withFileTimeout(Duration.ofSeconds(20)),
                OcrEngines.disabled("off in this test"));
        goodPdf = Fixtures.textPdf("Good file", List.of(List.of("Line one of the good file", "Line two")));
    }

    @AfterAll
    static void stop() {
        readers.close();
    }

    private static String code(DocumentReaders r, String name, byte[] bytes) {
        OperationException e = assertThrows(OperationException.class, () -> r.read(name, bytes));
        assertTrue(e.getMessage() != null && !e.getMessage().isBlank());
        return e.error().code();
    }

    private static void stillServes() {
        DocumentLayout ok = readers.read("good.pdf", goodPdf);
        assertEquals("# Good file", ok.markdown().lines().findFirst().orElse(""));
    }

    @Test
    void garbageAfterAPdfHeaderIsMalformed() {
        byte[] bytes = "%PDF-1.7\n%âãÏÓ\nthis is not a pdf body at all\n".getBytes(StandardCharsets.ISO_8859_1);
        assertEquals(ExtractionErrors.MALFORMED_DOCUMENT, code(readers, "bad.pdf", bytes));
        stillServes();
    }

    @Test
    void passwordProtectedPdfIsEncrypted() throws Exception {
        byte[] encrypted;
        try (PDDocument doc = Loader.loadPDF(goodPdf); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            StandardProtectionPolicy policy = new StandardProtectionPolicy("owner-secret", "user-secret",
                    new AccessPermission());
            policy.setEncryptionKeyLength(128);
            doc.protect(policy);
            doc.save(out);
            encrypted = out.toByteArray();
        }
        String code = code(readers, "locked.pdf", encrypted);
        assertEquals(ExtractionErrors.ENCRYPTED_DOCUMENT, code);
        stillServes();
    }

    @Test
    void pageTreeThatLoopsOnItselfFailsCleanly() {
        String pdf = "%PDF-1.4\n"
                + "1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n"
                + "2 0 obj << /Type /Pages /Kids [3 0 R] /Count 1 >> endobj\n"
                + "3 0 obj << /Type /Pages /Parent 2 0 R /Kids [2 0 R] /Count 1 >> endobj\n"
                + "trailer << /Root 1 0 R /Size 4 >>\n%%EOF\n";
        byte[] bytes = pdf.getBytes(StandardCharsets.ISO_8859_1);
        long start = System.nanoTime();
        try {
            DocumentLayout layout = readers.read("loop.pdf", bytes);
            assertEquals(0, layout.pages().size(), "a looping page tree has no real pages");
        } catch (OperationException e) {
            assertTrue(CODES.contains(e.error().code()), e.error().code());
        }
        assertTrue(System.nanoTime() - start < 10_000_000_000L, "the loop is not followed forever");
        stillServes();
    }

    @Test
    void truncatedAndFuzzedPdfsNeverEscapeAsOtherErrors() {
        int read = 0;
        int failed = 0;
        for (int cut : new int[] {goodPdf.length / 3, goodPdf.length / 2, goodPdf.length - 40}) {
            if (outcome(Arrays.copyOf(goodPdf, cut))) {
                read++;
            } else {
                failed++;
            }
        }
        Random random = new Random(42);
        for (int i = 0; i < 25; i++) {
            byte[] fuzzed = goodPdf.clone();
            for (int k = 0; k < 12; k++) {
                fuzzed[9 + random.nextInt(fuzzed.length - 9)] = (byte) random.nextInt(256);
            }
            if (outcome(fuzzed)) {
                read++;
            } else {
                failed++;
            }
        }
        assertEquals(28, read + failed);
        stillServes();
    }

    /** True when the file read, false when it failed with a documented code; anything else fails the test. */
    private static boolean outcome(byte[] bytes) {
        try {
            readers.read("fuzz.pdf", bytes);
            return true;
        } catch (OperationException e) {
            assertTrue(CODES.contains(e.error().code()), e.error().code() + ": " + e.getMessage());
            return false;
        }
    }

    @Test
    void docxZipBombIsStoppedBeforeItExpands() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(out)) {
            zip.putNextEntry(new ZipEntry("[Content_Types].xml"));
            zip.write(("<?xml version=\"1.0\"?><Types xmlns=\"http://schemas.openxmlformats.org/package/2006/"
                    + "content-types\"><Override PartName=\"/word/document.xml\" ContentType=\"application/"
                    + "vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml\"/></Types>")
                    .getBytes(StandardCharsets.UTF_8));
            zip.putNextEntry(new ZipEntry("_rels/.rels"));
            zip.write(("<?xml version=\"1.0\"?><Relationships xmlns=\"http://schemas.openxmlformats.org/package/"
                    + "2006/relationships\"><Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/"
                    + "officeDocument/2006/relationships/officeDocument\" Target=\"word/document.xml\"/>"
                    + "</Relationships>").getBytes(StandardCharsets.UTF_8));
            zip.putNextEntry(new ZipEntry("word/document.xml"));
            byte[] spaces = new byte[1 << 20];
            Arrays.fill(spaces, (byte) ' ');
            for (int i = 0; i < 64; i++) {
                zip.write(spaces);
            }
        }
        byte[] bomb = out.toByteArray();
        assertTrue(bomb.length < 200_000, "64 MiB compressed to " + bomb.length + " bytes");
        assertEquals(ExtractionErrors.LIMIT_EXCEEDED, code(readers, "bomb.docx", bomb));
        stillServes();
    }

    @Test
    void imageDeclaringBillionsOfPixelsIsRefusedBeforeDecoding() throws Exception {
        DocumentReaders withOcr = new DocumentReaders(ReadLimits.defaults(),
                new OcrEngines("/usr/share/tesseract-ocr/5/tessdata", "eng", 1));
        try {
            byte[] png = pngHeaderOnly(100_000, 100_000);
            String message = assertThrows(OperationException.class, () -> withOcr.read("huge.png", png)).getMessage();
            assertTrue(message.contains("100000×100000 pixels"), message);
        } finally {
            withOcr.close();
        }
        stillServes();
    }

    /** A PNG signature, an IHDR chunk declaring {@code w×h} 8-bit RGB, and an empty IDAT and IEND. */
    static byte[] pngHeaderOnly(int w, int h) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        DataOutputStream data = new DataOutputStream(out);
        data.write(new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'});
        ByteArrayOutputStream ihdr = new ByteArrayOutputStream();
        DataOutputStream d = new DataOutputStream(ihdr);
        d.writeInt(w);
        d.writeInt(h);
        d.write(new byte[] {8, 2, 0, 0, 0});
        chunk(data, "IHDR", ihdr.toByteArray());
        chunk(data, "IDAT", new byte[0]);
        chunk(data, "IEND", new byte[0]);
        return out.toByteArray();
    }

    private static void chunk(DataOutputStream out, String type, byte[] body) throws Exception {
        out.writeInt(body.length);
        byte[] t = type.getBytes(StandardCharsets.US_ASCII);
        out.write(t);
        out.write(body);
        CRC32 crc = new CRC32();
        crc.update(t);
        crc.update(body);
        out.writeInt((int) crc.getValue());
    }

    @Test
    void limitsOnPagesCellsAndTimeAreEnforced() throws Exception {
        byte[] threePages = Fixtures.textPdf("Pages", List.of(List.of("a"), List.of("b"), List.of("c")));
        DocumentReaders twoPages = new DocumentReaders(ReadLimits.defaults().withMaxPages(2),
                OcrEngines.disabled("off"));
        DocumentReaders instant = new DocumentReaders(ReadLimits.defaults().withFileTimeout(Duration.ZERO),
                OcrEngines.disabled("off"));
        try {
            OperationException pages = assertThrows(OperationException.class, () -> twoPages.read("p.pdf", threePages));
            assertEquals(ExtractionErrors.LIMIT_EXCEEDED, pages.error().code());
            assertTrue(pages.getMessage().contains("3 pages, the limit is 2"), pages.getMessage());
            OperationException time = assertThrows(OperationException.class, () -> instant.read("p.pdf", threePages));
            assertEquals(ExtractionErrors.LIMIT_EXCEEDED, time.error().code());
            assertTrue(time.getMessage().contains("lamina.extraction.file-timeout"), time.getMessage());
        } finally {
            twoPages.close();
            instant.close();
        }
        ReadLimits d = ReadLimits.defaults();
        DocumentReaders fewCells = new DocumentReaders(new ReadLimits(d.maxFileBytes(), d.maxPages(), d.fileTimeout(),
                d.maxImagePixels(), d.maxTextChars(), 1000, d.maxZipEntries(), d.maxZipEntryBytes(),
                d.maxAttachments(), d.maxNesting(), d.ocrDpi(), d.minTextChars()), OcrEngines.disabled("off"));
        try (SXSSFWorkbook wb = new SXSSFWorkbook(100); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            SXSSFSheet sheet = wb.createSheet("big");
            for (int r = 0; r < 500; r++) {
                var row = sheet.createRow(r);
                for (int c = 0; c < 5; c++) {
                    row.createCell(c).setCellValue(r * c);
                }
            }
            wb.write(out);
            OperationException cells = assertThrows(OperationException.class,
                    () -> fewCells.read("big.xlsx", out.toByteArray()));
            assertEquals(ExtractionErrors.LIMIT_EXCEEDED, cells.error().code());
            assertTrue(cells.getMessage().contains("max-sheet-cells"), cells.getMessage());
        } finally {
            fewCells.close();
        }
        stillServes();
    }

    @Test
    void truncatedOfficeFilesAndEmptyFilesFailCleanly() throws Exception {
        byte[] docx;
        try (org.apache.poi.xwpf.usermodel.XWPFDocument doc = new org.apache.poi.xwpf.usermodel.XWPFDocument();
             ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            doc.createParagraph().createRun().setText("hello");
            doc.write(out);
            docx = out.toByteArray();
        }
        String code = code(readers, "cut.docx", Arrays.copyOf(docx, docx.length / 2));
        assertTrue(CODES.contains(code), code);
        assertEquals(ExtractionErrors.UNSUPPORTED_FORMAT, code(readers, "empty.bin",
                new byte[] {0, 0, 0, 0, 0, 0, 0, 0}));
        stillServes();
    }
}
