package io.lamina.extraction.read;

import io.lamina.extraction.model.layout.Page;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The collector's own glyph path ({@code PdfTextCollector.showText} with its font cache) gives exactly the pages,
 * lines, words, boxes and font sizes that PDFBox's {@code showText}/{@code showGlyph} give, on real PDFs with
 * Identity-H TrueType fonts (babel), Type 1 fonts with built-in and custom encodings (the LaTeX manuals).
 */
class GlyphPathTest {

    private static final Path DOCS = Path.of("/usr/share/doc/texlive-doc/latex");

    @Test
    void fastGlyphPathEqualsPdfboxOwnOnRealPdfs() throws Exception {
        List<Path> pdfs = List.of(DOCS.resolve("babel/babel.pdf"), DOCS.resolve("base/usrguide.pdf"),
                DOCS.resolve("base/fntguide.pdf"), DOCS.resolve("base/clsguide.pdf"));
        ExecutorService threads = Executors.newSingleThreadExecutor();
        PdfReader reader = new PdfReader(OcrEngines.disabled("off"), threads, 1);
        int compared = 0;
        try {
            for (Path pdf : pdfs) {
                if (!Files.exists(pdf)) {
                    continue;
                }
                byte[] bytes = Files.readAllBytes(pdf);
                PdfReader.ReadPage[] fast = read(reader, bytes, true);
                PdfReader.ReadPage[] reference = read(reader, bytes, false);
                assertEquals(reference.length, fast.length);
                for (int i = 0; i < fast.length; i++) {
                    Page f = fast[i] == null ? null : fast[i].page();
                    Page r = reference[i] == null ? null : reference[i].page();
                    assertEquals(r, f, pdf.getFileName() + " page " + (i + 1));
                    if (fast[i] != null) {
                        for (int l = 0; l < fast[i].sized().size(); l++) {
                            assertEquals(reference[i].sized().get(l).fontSize(), fast[i].sized().get(l).fontSize());
                        }
                    }
                }
                compared++;
            }
        } finally {
            threads.shutdownNow();
        }
        assertTrue(compared >= 2, "install texlive-latex-base-doc (extraction-service/packages.txt)");
    }

    private static PdfReader.ReadPage[] read(PdfReader reader, byte[] bytes, boolean fast) throws Exception {
        try (PDDocument doc = PdfReader.load(bytes)) {
            int count = doc.getNumberOfPages();
            PdfReader.ReadPage[] pages = new PdfReader.ReadPage[count];
            ReadBudget budget = new ReadBudget(ReadLimits.defaults(), null);
            budget.reservePages(count);
            reader.readPages(doc, 1, count, budget, pages, new PdfTextCollector.Fonts(fast));
            return pages;
        }
    }
}
