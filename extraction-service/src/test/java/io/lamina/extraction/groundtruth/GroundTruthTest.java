package io.lamina.extraction.groundtruth;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.lamina.extraction.model.extract.LayoutFieldExtractor;
import io.lamina.extraction.model.layout.DocumentLayout;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The ground-truth suite: generated invoices, receipts and forms (seeded, English and German, three invoice layouts)
 * rendered as text PDFs and DOCX, read and extracted with the built-in extractor; prints field-level accuracy per
 * kind and fails below the floors.
 */
class GroundTruthTest {

    static final long SEED = 20261124L;
    static final double TEXT_PDF_FLOOR = 0.98;
    static final double DOCX_FLOOR = 0.98;

    private final ObjectMapper mapper = new ObjectMapper();
    private final LayoutFieldExtractor extractor = new LayoutFieldExtractor();

    @Test
    void textPdfsAndDocxMeetTheirFloors() throws Exception {
        List<Sample> samples = new Generator(SEED).all(12, 6, 6);
        Score pdf = new Score();
        Score docx = new Score();
        long render = 0;
        long extract = 0;
        for (Sample sample : samples) {
            long t0 = System.nanoTime();
            DocumentLayout fromPdf = StandInReaders.pdf(sample.id() + ".pdf", Renderers.pdf(sample));
            DocumentLayout fromDocx = StandInReaders.docx(sample.id() + ".docx", Renderers.docx(sample));
            long t1 = System.nanoTime();
            render += t1 - t0;
            pdf.add(sample, extractor.extract(Schemas.of(sample.schemaName()), List.of(fromPdf)), mapper);
            docx.add(sample, extractor.extract(Schemas.of(sample.schemaName()), List.of(fromDocx)), mapper);
            extract += System.nanoTime() - t1;
        }
        System.out.printf("ground truth: %d documents per kind; rendering and reading %d ms, extraction %d ms%n",
                samples.size(), render / 1_000_000, extract / 1_000_000);
        System.out.println(pdf.report("text PDF"));
        System.out.println(docx.report("DOCX"));
        assertTrue(pdf.accuracy() >= TEXT_PDF_FLOOR, "text PDF accuracy " + pdf.accuracy() + " < " + TEXT_PDF_FLOOR);
        assertTrue(docx.accuracy() >= DOCX_FLOOR, "DOCX accuracy " + docx.accuracy() + " < " + DOCX_FLOOR);
    }

    /** Field-level tally: each expected scalar, address part and line-item cell is one field. */
    static final class Score {
        int right;
        int total;
        final Map<String, int[]> perField = new LinkedHashMap<>();
        final List<String> misses = new ArrayList<>();

        void add(Sample sample, JsonNode result, ObjectMapper mapper) throws Exception {
            for (Map.Entry<String, String> e : sample.expected().entrySet()) {
                String key = e.getKey();
                JsonNode actual;
                if (key.contains(".")) {
                    String[] parts = key.split("\\.");
                    actual = result.path(parts[0]).path("value").path(parts[1]);
                } else {
                    actual = result.path(key).path("value");
                }
                check(sample.id(), sample.kind() + "." + key, mapper.readTree(e.getValue()), actual);
            }
            JsonNode items = result.path("line_items").path("value");
            for (int i = 0; i < sample.lineItems().size(); i++) {
                for (Map.Entry<String, String> e : sample.lineItems().get(i).entrySet()) {
                    JsonNode actual = items.path(i).path(e.getKey()).path("value");
                    check(sample.id(), sample.kind() + ".line_items[]." + e.getKey(), mapper.readTree(e.getValue()), actual);
                }
            }
            if (!sample.lineItems().isEmpty() && items.size() > sample.lineItems().size()) {
                check(sample.id(), sample.kind() + ".line_items.extra", mapper.readTree("0"),
                        mapper.readTree(String.valueOf(items.size() - sample.lineItems().size())));
            }
        }

        private void check(String id, String field, JsonNode expected, JsonNode actual) {
            boolean ok = expected.isNumber() ? actual.isNumber() && expected.decimalValue().compareTo(actual.decimalValue()) == 0
                    : expected.equals(actual);
            total++;
            int[] f = perField.computeIfAbsent(field, k -> new int[2]);
            f[1]++;
            if (ok) {
                right++;
                f[0]++;
            } else {
                misses.add(id + " " + field + ": expected " + expected + ", got " + actual);
            }
        }

        double accuracy() {
            return total == 0 ? 0 : (double) right / total;
        }

        String report(String kind) {
            StringBuilder sb = new StringBuilder(String.format("%-9s field accuracy %.4f (%d/%d)", kind, accuracy(), right, total));
            for (String miss : misses.subList(0, Math.min(misses.size(), 25))) {
                sb.append("\n    miss: ").append(miss);
            }
            return sb.toString();
        }
    }
}
