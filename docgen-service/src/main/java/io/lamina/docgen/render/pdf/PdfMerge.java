package io.lamina.docgen.render.pdf;

import com.fasterxml.jackson.databind.JsonNode;
import com.itextpdf.kernel.exceptions.BadPasswordException;
import com.itextpdf.kernel.pdf.PdfDocument;
import com.itextpdf.kernel.pdf.PdfReader;
import com.itextpdf.kernel.pdf.PdfWriter;
import com.itextpdf.kernel.utils.PdfMerger;
import io.lamina.contracts.ErrorInfo;
import io.lamina.docgen.render.Assets;
import io.lamina.ops.runtime.OperationException;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;

/** Lamina's {@code merge}: PDFs put before and after the generated one, in the order given. */
public final class PdfMerge {

    public record Merged(byte[] bytes, int pages) {
    }

    private PdfMerge() {
    }

    public static Merged merge(byte[] generated, List<JsonNode> prepend, List<JsonNode> append, Assets assets,
                               int maxPages) {
        List<byte[]> parts = new ArrayList<>();
        List<String> paths = new ArrayList<>();
        for (int i = 0; i < prepend.size(); i++) {
            paths.add("merge.prepend[" + i + "]");
            parts.add(assets.read(prepend.get(i), paths.get(paths.size() - 1)));
        }
        paths.add(null);
        parts.add(generated);
        for (int i = 0; i < append.size(); i++) {
            paths.add("merge.append[" + i + "]");
            parts.add(assets.read(append.get(i), paths.get(paths.size() - 1)));
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int pages = 0;
        try (PdfDocument target = new PdfDocument(new PdfWriter(out))) {
            PdfMerger merger = new PdfMerger(target);
            for (int i = 0; i < parts.size(); i++) {
                PdfDocument source = open(parts.get(i), paths.get(i));
                try {
                    pages += source.getNumberOfPages();
                    if (pages > maxPages) {
                        throw new OperationException(ErrorInfo.permanent("limit_exceeded", "the merged document "
                                + "has more than " + maxPages + " pages (lamina.docgen.max-pages)"));
                    }
                    merger.merge(source, 1, source.getNumberOfPages());
                } finally {
                    source.close();
                }
            }
        }
        return new Merged(out.toByteArray(), pages);
    }

    private static PdfDocument open(byte[] bytes, String path) {
        try {
            return new PdfDocument(new PdfReader(new ByteArrayInputStream(bytes)));
        } catch (BadPasswordException e) {
            throw new OperationException(ErrorInfo.permanent("malformed_document", path
                    + ": the PDF is encrypted; send it without a password"));
        } catch (Exception e) {
            throw new OperationException(ErrorInfo.permanent("malformed_document", path + ": not a readable PDF ("
                    + e.getMessage() + ")"));
        }
    }
}
