package io.lamina.extraction.read;

import io.lamina.extraction.model.layout.DocumentLayout;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Real PDFs from Debian's texlive-latex-base-doc (see packages.txt): a fixed sample (every 50th file in path order,
 * under 2 MB, to stay within the test-time budget) is read without error and with as many pages as poppler's
 * {@code pdfinfo} counts. OCR is off here: the point is the PDF parser on real files, not OCR time.
 */
class RealPdfsTest {

    private static final Path DOCS = Path.of("/usr/share/doc/texlive-doc/latex");
    private static final Pattern PAGES = Pattern.compile("(?m)^Pages:\\s+(\\d+)");

    @Test
    void sampleOfTexliveManualsReadsWithPdfinfosPageCounts() throws Exception {
        assertTrue(Files.isDirectory(DOCS), "install texlive-latex-base-doc (extraction-service/packages.txt)");
        List<Path> all;
        try (Stream<Path> files = Files.walk(DOCS)) {
            all = files.filter(p -> p.toString().endsWith(".pdf")).sorted().toList();
        }
        List<Path> sample = new ArrayList<>();
        for (int i = 0; i < all.size(); i += 50) {
            if (Files.size(all.get(i)) < 2_000_000) {
                sample.add(all.get(i));
            }
        }
        assertTrue(sample.size() >= 5, "sample of " + sample.size() + " from " + all.size());
        DocumentReaders readers = new DocumentReaders(ReadLimits.defaults(), OcrEngines.disabled("off"));
        int pages = 0;
        try {
            for (Path pdf : sample) {
                DocumentLayout layout = readers.read(pdf.getFileName().toString(), pdf);
                int expected = pdfinfoPages(pdf);
                assertEquals(expected, layout.pages().size(), pdf.toString());
                assertTrue(layout.markdown().length() > 100 * Math.min(expected, 3), pdf + " yields little text");
                pages += expected;
            }
        } finally {
            readers.close();
        }
        System.out.printf("real PDFs: %d files, %d pages, page counts equal to pdfinfo%n", sample.size(), pages);
    }

    static int pdfinfoPages(Path pdf) throws IOException, InterruptedException {
        Process p = new ProcessBuilder("pdfinfo", pdf.toString()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        p.waitFor();
        Matcher m = PAGES.matcher(out);
        assertTrue(m.find(), "pdfinfo said: " + out);
        return Integer.parseInt(m.group(1));
    }
}
