package io.lamina.extraction.service;

import io.lamina.extraction.model.layout.DocumentLayout;
import io.lamina.extraction.read.DocumentReaders;
import io.lamina.extraction.read.OcrEngines;
import io.lamina.extraction.read.ReadLimits;
import io.lamina.ops.runtime.StepContext;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.font.PDType1Font;
import org.apache.pdfbox.pdmodel.font.Standard14Fonts;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PageProgressTest {

    /** Records what the operation runtime would be told. */
    static final class Recorded implements StepContext.Signals {
        final List<long[]> reports = new ArrayList<>();

        @Override
        public synchronized void progress(long done, long total, String unit) {
            assertEquals("page", unit);
            reports.add(new long[] {done, total});
        }

        @Override
        public boolean cancelled() {
            return false;
        }
    }

    @Test
    void aThousandPagesAtOnceGiveAboutTwentyReportsNotAThousand() {
        Recorded signals = new Recorded();
        PageProgress progress = new PageProgress(signals, 1, () -> 0L); // the clock stands still: only 5 % steps
        var file = progress.file();
        file.pages(0, 1000);
        for (int p = 1; p <= 1000; p++) {
            file.pages(p, 1000);
        }
        progress.fileDone(1000);
        assertTrue(signals.reports.size() >= 20 && signals.reports.size() <= 23, "reports: " + signals.reports.size());
        long previous = -1;
        for (long[] r : signals.reports) {
            assertTrue(r[0] > previous, "done must grow");
            assertEquals(1000, r[1]);
            previous = r[0];
        }
        assertEquals(1000, signals.reports.get(signals.reports.size() - 1)[0]);
    }

    @Test
    void slowPagesAreEachReportedOnceAQuarterSecondHasPassed() {
        Recorded signals = new Recorded();
        AtomicLong now = new AtomicLong();
        PageProgress progress = new PageProgress(signals, 1, now::get);
        var file = progress.file();
        file.pages(0, 1000);
        for (int p = 1; p <= 10; p++) {
            now.addAndGet(100_000_000L); // 100 ms: not yet
            file.pages(p, 1000);
        }
        // 0 reported first; then 250 ms passed at pages 3, 6 and 9 (100 ms steps)
        assertEquals(List.of(0L, 3L, 6L, 9L), signals.reports.stream().map(r -> r[0]).toList());
    }

    @Test
    void filesNotOpenedYetCountOnePageUntilTheirPagesAreKnown() {
        Recorded signals = new Recorded();
        PageProgress progress = new PageProgress(signals, 2, () -> 0L);
        var first = progress.file();
        first.pages(0, 4);
        assertEquals(List.of(0L, 5L), List.of(signals.reports.get(0)[0], signals.reports.get(0)[1]));
        for (int p = 1; p <= 4; p++) {
            first.pages(p, 4);
        }
        progress.fileDone(4);
        var second = progress.file();
        second.pages(0, 10);
        second.pages(10, 10);
        progress.fileDone(10);
        long[] last = signals.reports.get(signals.reports.size() - 1);
        assertEquals(14, last[0]);
        assertEquals(14, last[1]);
        assertTrue(signals.reports.stream().anyMatch(r -> r[0] == 4 && r[1] == 5), "after the first file: 4 of 5");
    }

    @Test
    void aMultiPagePdfReadInParallelPageRangesReportsManyIncreasingValues() throws Exception {
        int pages = 60;
        byte[] pdf = pdf(pages);
        Recorded signals = new Recorded();
        PageProgress progress = new PageProgress(signals, 1, () -> 0L);
        DocumentLayout layout;
        try (Closer c = new Closer(new DocumentReaders(ReadLimits.defaults(), OcrEngines.disabled("test"), 2))) {
            layout = c.readers.read("long.pdf", pdf, progress.file());
        }
        progress.fileDone(layout.pages().size());
        assertEquals(pages, layout.pages().size());
        for (int p = 1; p <= pages; p++) {
            assertEquals(p, layout.pages().get(p - 1).number());
            assertEquals("Page " + p + " of the report", layout.pages().get(p - 1).lines().get(0).text());
        }
        List<Long> done = signals.reports.stream().map(r -> r[0]).toList();
        assertTrue(done.size() >= 10, "several progress values: " + done);
        for (int i = 1; i < done.size(); i++) {
            assertTrue(done.get(i) > done.get(i - 1), "increasing: " + done);
        }
        assertEquals(List.of((long) pages, (long) pages), List.of(done.get(done.size() - 1),
                signals.reports.get(signals.reports.size() - 1)[1]));
    }

    record Closer(DocumentReaders readers) implements AutoCloseable {
        @Override
        public void close() {
            readers.close();
        }
    }

    static byte[] pdf(int pages) throws Exception {
        try (PDDocument doc = new PDDocument(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            PDType1Font font = new PDType1Font(Standard14Fonts.FontName.HELVETICA);
            for (int p = 1; p <= pages; p++) {
                PDPage page = new PDPage(PDRectangle.A4);
                doc.addPage(page);
                try (PDPageContentStream cs = new PDPageContentStream(doc, page)) {
                    cs.beginText();
                    cs.setFont(font, 11);
                    cs.newLineAtOffset(72, 780);
                    cs.showText("Page " + p + " of the report");
                    cs.newLineAtOffset(0, -16);
                    cs.showText("Some more words so that the page has a text layer.");
                    cs.endText();
                }
            }
            doc.save(out);
            return out.toByteArray();
        }
    }
}
