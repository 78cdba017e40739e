package io.lamina.docgen.service;

import com.fasterxml.jackson.databind.JsonNode;
import io.lamina.blobs.BlobStore;
import io.lamina.docgen.config.DocgenConfig;
import io.lamina.docgen.fonts.FontLibrary;
import io.lamina.docgen.model.DocumentRequest;
import io.lamina.docgen.render.Assets;
import io.lamina.docgen.render.RenderLimits;
import io.lamina.docgen.render.docx.DocxRenderer;
import io.lamina.docgen.render.epub.EpubRenderer;
import io.lamina.docgen.render.pptx.PptxRenderer;
import io.lamina.docgen.render.pdf.PdfMerge;
import io.lamina.docgen.render.pdf.PdfRenderer;
import io.quarkus.runtime.Startup;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;

/**
 * Renders a {@link DocumentRequest} in its format. Built at start ({@link Startup}): the bundled fonts are read then,
 * so a machine without them fails to start instead of failing documents.
 */
@ApplicationScoped
@Startup
public class DocumentGenerator {

    private static final Logger LOG = Logger.getLogger(DocumentGenerator.class);

    /** The generated file. */
    public record Result(byte[] bytes, String fileName, String mimeType, int pages) {
    }

    private final DocgenConfig config;
    private final PdfRenderer pdf;
    private final DocxRenderer docx;
    private final EpubRenderer epub;
    private final PptxRenderer pptx;

    public DocumentGenerator(DocgenConfig config) {
        this.config = config;
        FontLibrary fonts = new FontLibrary(config.fontDirs());
        this.pdf = new PdfRenderer(fonts);
        this.docx = new DocxRenderer();
        this.epub = new EpubRenderer(fonts, config.epubEmbedBundledFonts());
        this.pptx = new PptxRenderer();
        warmUp();
        LOG.infof("docgen-service (AGPL-3.0): document_generation to pdf, docx, epub, pptx; bundled fonts from %s",
                config.fontDirs());
    }

    /**
     * Renders a one-line document in every format once, so that the first real document does not pay for class
     * loading (POI's XML schema types take seconds) inside its render-time budget.
     */
    private void warmUp() {
        try {
            JsonNode tiny = new com.fasterxml.jackson.databind.ObjectMapper().readTree(
                    "{\"content\":[{\"type\":\"paragraph\",\"markdown\":\"warm-up\"}]}");
            RenderLimits limits = RenderLimits.of(1, 1, java.time.Duration.ofMinutes(5));
            pdf.render(tiny, false, new Assets(null, 0), limits, OutputStream.nullOutputStream());
            docx.render(tiny, new Assets(null, 0), limits, OutputStream.nullOutputStream());
            epub.render(tiny, new Assets(null, 0), limits, OutputStream.nullOutputStream());
            pptx.render(tiny, new Assets(null, 0), limits, OutputStream.nullOutputStream());
        } catch (Exception e) {
            throw new IllegalStateException("the renderers do not work on this machine", e);
        }
    }

    public Result generate(DocumentRequest request, BlobStore blobs) throws Exception {
        Assets assets = new Assets(blobs, config.maxInputBytes());
        RenderLimits limits = RenderLimits.of(config.maxPages(), config.maxImagePixels(), config.maxRenderTime());
        JsonNode document = request.document();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        switch (request.format()) {
            case "pdf" -> {
                int pages = pdf.render(document, request.pdfA(), assets, limits, out);
                byte[] bytes = out.toByteArray();
                if (!request.prepend().isEmpty() || !request.append().isEmpty()) {
                    PdfMerge.Merged merged = PdfMerge.merge(bytes, request.prepend(), request.append(), assets,
                            config.maxPages());
                    bytes = merged.bytes();
                    pages = merged.pages();
                }
                return new Result(bytes, "document.pdf", "application/pdf", pages);
            }
            case "docx" -> {
                docx.render(document, assets, limits, out);
                return new Result(out.toByteArray(), "document.docx",
                        "application/vnd.openxmlformats-officedocument.wordprocessingml.document", 0);
            }
            case "epub" -> {
                int sections = epub.render(document, assets, limits, out);
                return new Result(out.toByteArray(), "document.epub", EpubRenderer.MIME_TYPE, sections);
            }
            case "pptx" -> {
                int slides = pptx.render(document, assets, limits, out);
                return new Result(out.toByteArray(), "document.pptx", PptxRenderer.MIME_TYPE, slides);
            }
            default -> throw new io.lamina.ops.runtime.OperationException(io.lamina.contracts.ErrorInfo.permanent(
                    "unsupported_format", "format: " + request.format() + " is not one of pdf, docx, epub, pptx"));
        }
    }
}
