package io.lamina.docgen.render.pdf;

import com.fasterxml.jackson.databind.JsonNode;
import com.itextpdf.kernel.colors.DeviceRgb;
import com.itextpdf.kernel.geom.PageSize;
import com.itextpdf.kernel.geom.Rectangle;
import com.itextpdf.kernel.pdf.PdfAConformance;
import com.itextpdf.kernel.pdf.PdfDocument;
import com.itextpdf.kernel.pdf.PdfDocumentInfo;
import com.itextpdf.kernel.pdf.PdfOutputIntent;
import com.itextpdf.kernel.pdf.PdfPage;
import com.itextpdf.kernel.pdf.PdfString;
import com.itextpdf.kernel.pdf.PdfViewerPreferences;
import com.itextpdf.kernel.pdf.PdfWriter;
import com.itextpdf.kernel.pdf.WriterProperties;
import com.itextpdf.kernel.pdf.canvas.PdfCanvas;
import com.itextpdf.layout.Canvas;
import com.itextpdf.layout.Document;
import com.itextpdf.layout.element.AreaBreak;
import com.itextpdf.layout.element.IBlockElement;
import com.itextpdf.layout.element.IElement;
import com.itextpdf.layout.element.Image;
import com.itextpdf.layout.properties.AreaBreakType;
import com.itextpdf.pdfa.PdfADocument;
import io.lamina.contracts.ErrorInfo;
import io.lamina.docgen.fonts.FontLibrary;
import io.lamina.docgen.render.Assets;
import io.lamina.docgen.render.Layout;
import io.lamina.docgen.render.RenderLimits;
import io.lamina.ops.runtime.OperationException;

import java.awt.color.ColorSpace;
import java.awt.color.ICC_Profile;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A document model to PDF with iText Community's layout engine. Body blocks flow through a {@link Document};
 * the header and footer are drawn afterwards on every page, when the page count is known ("Page X of Y"). A table of
 * contents needs the pages of the headlines: the document is then laid out twice, the first time into nothing.
 */
public final class PdfRenderer {

    private final FontLibrary fonts;

    public PdfRenderer(FontLibrary fonts) {
        this.fonts = fonts;
    }

    /** Renders into {@code out}; returns the page count. */
    public int render(JsonNode document, boolean pdfA, Assets assets, RenderLimits limits, OutputStream out) {
        Layout layout = new Layout(document);
        Map<Integer, Integer> headlinePages = null;
        if (hasTableOfContents(document.path("content"))) {
            headlinePages = new HashMap<>();
            layOut(layout, false, assets, limits, OutputStream.nullOutputStream(), headlinePages, null);
        }
        return layOut(layout, pdfA, assets, limits, out, new HashMap<>(), headlinePages);
    }

    private int layOut(Layout layout, boolean pdfA, Assets assets, RenderLimits limits, OutputStream out,
                       Map<Integer, Integer> recordPages, Map<Integer, Integer> knownPages) {
        WriterProperties properties = new WriterProperties().setFullCompressionMode(true);
        if (!pdfA) {
            properties.addXmpMetadata();
        }
        PdfWriter writer = new PdfWriter(out, properties);
        PdfDocument pdf = pdfA ? new PdfADocument(writer, PdfAConformance.PDF_A_2B, srgbIntent()) : new PdfDocument(writer);
        PageSize size = new PageSize(layout.page.width(), layout.page.height());
        try (Document doc = new Document(pdf, size, false)) {
            doc.setMargins(layout.top, layout.right, layout.bottom, layout.left);
            metadata(pdf, layout);
            PdfFonts pdfFonts = new PdfFonts(fonts, layout.document.get("fonts"), assets, pdf);
            Elements elements = new Elements(layout, pdf, pdfFonts, assets, limits, recordPages, knownPages);
            doc.setFont(pdfFonts.font(layout.text(null)));
            JsonNode content = layout.document.path("content");
            for (int i = 0; i < content.size(); i++) {
                limits.checkTime();
                JsonNode block = content.get(i);
                if ("page-break".equals(block.path("type").asText())) {
                    doc.add(new AreaBreak(AreaBreakType.NEXT_PAGE));
                    continue;
                }
                for (IElement element : elements.block(block, "document.content[" + i + "]", null)) {
                    if (element instanceof IBlockElement b) {
                        doc.add(b);
                    } else if (element instanceof Image image) {
                        doc.add(image);
                    }
                }
                if (pdf.getNumberOfPages() > limits.maxPages()) {
                    throw tooManyPages(limits);
                }
            }
            doc.getRenderer().flush();
            int pages = pdf.getNumberOfPages();
            if (pages > limits.maxPages()) {
                throw tooManyPages(limits);
            }
            String background = layout.backgroundColor();
            for (int p = 1; p <= pages; p++) {
                PdfPage page = pdf.getPage(p);
                if (background != null) {
                    PdfCanvas under = new PdfCanvas(page.newContentStreamBefore(), page.getResources(), pdf);
                    under.saveState().setFillColor(Elements.color(background))
                            .rectangle(0, 0, layout.page.width(), layout.page.height()).fill().restoreState();
                }
                edge(layout.document.get("header"), elements, page, p, pages,
                        new Rectangle(layout.left, layout.page.height() - layout.top, layout.contentWidth(),
                                Math.max(1, layout.top - layout.headerDistance)), "document.header");
                edge(layout.document.get("footer"), elements, page, p, pages,
                        new Rectangle(layout.left, layout.footerDistance, layout.contentWidth(),
                                Math.max(1, layout.bottom - layout.footerDistance)), "document.footer");
            }
            return pages;
        }
    }

    /** Draws header or footer blocks into {@code area} of one page; page numbers are this page's. */
    private static void edge(JsonNode blocks, Elements elements, PdfPage page, int number, int total, Rectangle area,
                             String path) {
        if (blocks == null || !blocks.isArray() || blocks.isEmpty()) {
            return;
        }
        try (Canvas canvas = new Canvas(page, area)) {
            for (int i = 0; i < blocks.size(); i++) {
                for (IElement element : elements.block(blocks.get(i), path + "[" + i + "]",
                        new int[] {number, total})) {
                    if (element instanceof IBlockElement b) {
                        canvas.add(b);
                    } else if (element instanceof Image image) {
                        canvas.add(image);
                    }
                }
            }
        }
    }

    private static void metadata(PdfDocument pdf, Layout layout) {
        JsonNode meta = layout.metadata();
        PdfDocumentInfo info = pdf.getDocumentInfo();
        info.setTitle(layout.title().isEmpty() ? "Document" : layout.title());
        if (meta.has("author")) {
            info.setAuthor(meta.get("author").asText());
        }
        if (meta.has("subject")) {
            info.setSubject(meta.get("subject").asText());
        }
        if (meta.has("keywords")) {
            info.setKeywords(meta.get("keywords").asText());
        }
        info.setCreator("Lamina docgen-service");
        pdf.getCatalog().setLang(new PdfString(layout.language()));
        pdf.getCatalog().setViewerPreferences(new PdfViewerPreferences().setDisplayDocTitle(true));
    }

    private static PdfOutputIntent srgbIntent() {
        byte[] icc = ICC_Profile.getInstance(ColorSpace.CS_sRGB).getData();
        return new PdfOutputIntent("Custom", "", "http://www.color.org", "sRGB IEC61966-2.1",
                new ByteArrayInputStream(icc));
    }

    private static boolean hasTableOfContents(JsonNode blocks) {
        for (JsonNode block : blocks) {
            if ("table-of-contents".equals(block.path("type").asText())) {
                return true;
            }
        }
        return false;
    }

    private static OperationException tooManyPages(RenderLimits limits) {
        return new OperationException(ErrorInfo.permanent("limit_exceeded", "the document has more than "
                + limits.maxPages() + " pages (lamina.docgen.max-pages)"));
    }

    /** Renders into a byte array (tests, benchmarks). */
    public byte[] render(JsonNode document, Assets assets, RenderLimits limits) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        render(document, false, assets, limits, out);
        return out.toByteArray();
    }

    static List<IElement> one(IElement element) {
        return List.of(element);
    }

    static DeviceRgb rgb(String hex) {
        return Elements.color(hex);
    }
}
