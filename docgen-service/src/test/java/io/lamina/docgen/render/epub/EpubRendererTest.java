package io.lamina.docgen.render.epub;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.lamina.docgen.render.Samples;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;

import javax.imageio.ImageIO;
import javax.xml.parsers.DocumentBuilderFactory;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** Renders EPUBs and reads them back as a reading system would: the zip, the OPF, the nav and XHTML as XML. */
class EpubRendererTest {

    private static final String OPF = "http://www.idpf.org/2007/opf";
    private static final String DC = "http://purl.org/dc/elements/1.1/";
    private static final String XHTML = "http://www.w3.org/1999/xhtml";
    private static final String OPS = "http://www.idpf.org/2007/ops";

    /** The zip's bytes and its entries in order. */
    private record Book(byte[] bytes, Map<String, byte[]> entries) {

        Document xml(String name) throws Exception {
            byte[] data = entries.get(name);
            assertNotNull(data, name + " is in the container");
            DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
            factory.setNamespaceAware(true);
            return factory.newDocumentBuilder().parse(new ByteArrayInputStream(data));
        }

        String text(String name) {
            return new String(entries.get(name), StandardCharsets.UTF_8);
        }
    }

    private static Book render(JsonNode document, boolean embedBundledFonts) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        new EpubRenderer(Samples.FONTS, embedBundledFonts).render(document, Samples.assets(), Samples.limits(), out);
        Map<String, byte[]> entries = new LinkedHashMap<>();
        try (ZipInputStream zip = new ZipInputStream(new ByteArrayInputStream(out.toByteArray()))) {
            for (ZipEntry e; (e = zip.getNextEntry()) != null; ) {
                entries.put(e.getName(), zip.readAllBytes());
            }
        }
        return new Book(out.toByteArray(), entries);
    }

    private static List<Element> elements(Node root, String ns, String name) {
        NodeList list = root instanceof Document d ? d.getElementsByTagNameNS(ns, name)
                : ((Element) root).getElementsByTagNameNS(ns, name);
        List<Element> out = new ArrayList<>();
        for (int i = 0; i < list.getLength(); i++) {
            out.add((Element) list.item(i));
        }
        return out;
    }

    private static List<Element> children(Element parent, String name) {
        List<Element> out = new ArrayList<>();
        for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e && e.getLocalName().equals(name)) {
                out.add(e);
            }
        }
        return out;
    }

    /** The OPF's manifest: href → media type; and its spine as hrefs. */
    private static Map<String, String> manifest(Document opf) {
        Map<String, String> items = new LinkedHashMap<>();
        elements(opf, OPF, "item").forEach(i -> items.put(i.getAttribute("href"), i.getAttribute("media-type")));
        return items;
    }

    private static List<String> spine(Document opf) {
        Map<String, String> byId = new LinkedHashMap<>();
        elements(opf, OPF, "item").forEach(i -> byId.put(i.getAttribute("id"), i.getAttribute("href")));
        return elements(opf, OPF, "itemref").stream().map(r -> byId.get(r.getAttribute("idref"))).toList();
    }

    /** The text of the book's body elements in spine order, whitespace collapsed. */
    private static String readingOrder(Book book) throws Exception {
        StringBuilder text = new StringBuilder();
        for (String href : spine(book.xml("OEBPS/content.opf"))) {
            Document section = book.xml("OEBPS/" + href);
            text.append(elements(section, XHTML, "body").get(0).getTextContent()).append(' ');
        }
        return text.toString().replaceAll("\\s+", " ");
    }

    private static void assertInOrder(String text, String... parts) {
        int at = -1;
        for (String part : parts) {
            int next = text.indexOf(part, at + 1);
            assertTrue(next > at, "'" + part + "' after position " + at + " in: " + text);
            at = next;
        }
    }

    @Test
    void containerStartsWithTheStoredMimetypeAndNamesThePackageDocument() throws Exception {
        Book book = render(Samples.document("report"), false);
        byte[] b = book.bytes();
        // the first local file header: signature, method 0 (stored), name "mimetype", no extra field
        assertEquals(0x04034b50, le32(b, 0));
        assertEquals(0, le16(b, 8), "stored, not deflated");
        assertEquals(8, le16(b, 26));
        assertEquals(0, le16(b, 28), "no extra field");
        assertEquals("mimetype", new String(b, 30, 8, StandardCharsets.US_ASCII));
        assertEquals("application/epub+zip", new String(b, 38, 20, StandardCharsets.US_ASCII));
        assertEquals("mimetype", book.entries().keySet().iterator().next());

        Element rootfile = elements(book.xml("META-INF/container.xml"),
                "urn:oasis:names:tc:opendocument:xmlns:container", "rootfile").get(0);
        assertEquals("OEBPS/content.opf", rootfile.getAttribute("full-path"));
        assertEquals("application/oebps-package+xml", rootfile.getAttribute("media-type"));
    }

    @Test
    void packageDocumentCarriesMetadataAndListsEveryResource() throws Exception {
        Book book = render(Samples.document("report"), false);
        Document opf = book.xml("OEBPS/content.opf");
        Element pkg = opf.getDocumentElement();
        assertEquals("3.0", pkg.getAttribute("version"));
        Element identifier = elements(opf, DC, "identifier").get(0);
        assertEquals(pkg.getAttribute("unique-identifier"), identifier.getAttribute("id"));
        assertTrue(identifier.getTextContent().matches("urn:uuid:[0-9a-f-]{36}"), identifier.getTextContent());
        assertEquals("Quarterly Operations Report", elements(opf, DC, "title").get(0).getTextContent());
        assertEquals("en", elements(opf, DC, "language").get(0).getTextContent());
        assertEquals("Platform team", elements(opf, DC, "creator").get(0).getTextContent());
        Element modified = elements(opf, OPF, "meta").stream()
                .filter(m -> m.getAttribute("property").equals("dcterms:modified")).findFirst().orElseThrow();
        assertTrue(modified.getTextContent().matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ"));

        Map<String, String> manifest = manifest(opf);
        for (String href : manifest.keySet()) {
            assertTrue(book.entries().containsKey("OEBPS/" + href), href + " is in the container");
        }
        for (String name : book.entries().keySet()) {
            if (name.startsWith("OEBPS/") && !name.equals("OEBPS/content.opf")) {
                assertTrue(manifest.containsKey(name.substring(6)), name + " is in the manifest");
            }
        }
        assertEquals("nav", elements(opf, OPF, "item").stream().filter(i -> i.getAttribute("href")
                .equals("nav.xhtml")).findFirst().orElseThrow().getAttribute("properties"));
        // the report has one page break: two content documents
        assertEquals(List.of("section-1.xhtml", "section-2.xhtml"), spine(opf));
        assertEquals("image/png", manifest.get("images/image-1.png"));
    }

    @Test
    void navIsTheHeadlinesNestedByLevelPointingAtTheirIds() throws Exception {
        Book book = render(Samples.document("report"), false);
        Document nav = book.xml("OEBPS/nav.xhtml");
        Element toc = elements(nav, XHTML, "nav").stream().filter(n -> n.getAttributeNS(OPS, "type").equals("toc"))
                .findFirst().orElseThrow();
        Element ol = children(toc, "ol").get(0);
        List<String> top = children(ol, "li").stream().map(li -> children(li, "a").get(0).getTextContent()).toList();
        // the title headline says is_included: false
        assertEquals(List.of("1. Summary", "2. Pipelines", "3. Costs", "4. Outlook"), top);
        Element summary = children(ol, "li").get(0);
        assertEquals(List.of("1.1 Throughput", "1.2 Reliability"), children(children(summary, "ol").get(0), "li")
                .stream().map(li -> children(li, "a").get(0).getTextContent()).toList());
        List<Element> links = elements(toc, XHTML, "a");
        assertEquals(13, links.size());
        for (Element a : links) {
            String[] href = a.getAttribute("href").split("#");
            Document section = book.xml("OEBPS/" + href[0]);
            Element target = elements(section, XHTML, "*").stream().filter(e -> e.getAttribute("id").equals(href[1]))
                    .findFirst().orElseThrow(() -> new AssertionError("no id " + a.getAttribute("href")));
            assertTrue(target.getLocalName().matches("h[1-6]"));
            assertEquals(a.getTextContent(), target.getTextContent());
        }
    }

    @Test
    void contentDocumentsAreWellFormedXhtmlWithTheTextInReadingOrder() throws Exception {
        Book book = render(Samples.document("report"), false);
        String text = readingOrder(book);
        assertInOrder(text, "Quarterly Operations Report · Q3 2026", "Quarterly Operations Report",
                "Prepared by the platform team · Q3 2026 · internal", "Contents", "1. Summary", "2.4 Weekly figures",
                "1. Summary", "Lamina processed more", "1.1 Throughput", "Figure 1", "2.1 Extraction",
                "Extract fields", "line items", "2.4 Weekly figures", "Week 1", "Week 60", "3.2 Storage", "Compute",
                "€ 8,420", "Network", "4.1 Next quarter", "Καλημέρα κόσμε", "Добрый день, мир");
        assertFalse(text.contains("Page {page}"), "no page numbers in a reflowable book");

        Document section = book.xml("OEBPS/section-2.xhtml");
        Element weekly = elements(section, XHTML, "table").stream()
                .filter(t -> t.getTextContent().contains("Week 60")).findFirst().orElseThrow();
        assertEquals(1, elements(weekly, XHTML, "thead").size());
        assertEquals(60, elements(elements(weekly, XHTML, "tbody").get(0), XHTML, "tr").size());
        // the nested list: an item holding a list of its own
        Element nested = elements(section, XHTML, "li").stream()
                .filter(li -> !children(li, "ul").isEmpty() || !children(li, "ol").isEmpty()).findFirst()
                .orElseThrow();
        assertTrue(nested.getTextContent().contains("line items"), nested.getTextContent());
        Element img = elements(section, XHTML, "img").get(0);
        assertNotNull(ImageIO.read(new ByteArrayInputStream(book.entries().get("OEBPS/" + img.getAttribute("src")))));
        assertTrue(book.text("OEBPS/style.css").contains("\"Liberation Serif\""), "body font from the styles");
    }

    @Test
    void invoiceKeepsTableHeaderSpansGridAndCodesAsPictures() throws Exception {
        Book book = render(Samples.document("invoice"), false);
        Document section = book.xml("OEBPS/section-1.xhtml");
        Element items = elements(section, XHTML, "table").get(0);
        assertEquals(List.of("#", "Description", "Qty", "Unit price", "Amount"),
                elements(items, XHTML, "th").stream().map(Element::getTextContent).toList());
        Element total = elements(items, XHTML, "td").stream().filter(td -> td.getTextContent().equals("Total due"))
                .findFirst().orElseThrow();
        assertEquals("4", total.getAttribute("colspan"));
        Element grid = elements(section, XHTML, "div").stream()
                .filter(d -> d.getAttribute("class").equals("grid") && d.getTextContent().contains("Billed to"))
                .findFirst().orElseThrow();
        assertEquals(List.of("grid-column: span 8;", "grid-column: span 4; text-align: right;"),
                children(grid, "div").stream().map(d -> d.getAttribute("style")).toList());
        assertTrue(book.text("OEBPS/style.css").contains("grid-template-columns: repeat(12"));
        List<Element> codes = elements(section, XHTML, "img");
        assertEquals(2, codes.size());
        assertEquals("QR code: https://pay.example.com/inv/INV-2026-0042?amount=4217.50",
                codes.get(0).getAttribute("alt"));
        for (Element code : codes) {
            BufferedImage image = ImageIO.read(new ByteArrayInputStream(
                    book.entries().get("OEBPS/" + code.getAttribute("src"))));
            assertTrue(image.getWidth() > 100, "scaled up for crisp bars");
            assertEquals("image/png", manifest(book.xml("OEBPS/content.opf")).get(code.getAttribute("src")));
        }
        assertInOrder(readingOrder(book), "Northwind Analytics GmbH", "Invoice INV-2026-0042", "Billed to",
                "Data pipeline design workshop (2 days)", "€ 4,217.50", "quoting INV-2026-0042");
    }

    private static ObjectNode edgeCases() throws Exception {
        byte[] font = Files.readAllBytes(Samples.FONTS.path("DejaVu Sans", io.lamina.docgen.fonts.FontLibrary.Face.REGULAR));
        ObjectNode doc = (ObjectNode) Samples.json("""
                {'metadata': {'title': 'Edge cases', 'language': 'de-CH', 'keywords': 'a, b'},
                 'fonts': [{'name': 'Brand Sans', 'file': {'type': 'base64', 'name': 'b.ttf', 'base64': '%s'}}],
                 'content': [
                   {'type': 'page-break'},
                   {'type': 'paragraph', 'runs': [{'text': 'Brand', 'font_family': 'Brand Sans'},
                     {'text': ' bell\\u0007 <&> ', 'is_underlined': true},
                     {'text': 'link', 'link_url': 'https://example.com/?a=1&b=2'}]},
                   {'type': 'page-break'}, {'type': 'page-break'},
                   {'type': 'list', 'variant': 'ordered', 'items': [{'text': 'one', 'variant': 'unordered',
                     'items': [{'text': 'one.a'}]}, {'text': 'two'}]},
                   {'type': 'table', 'rows': [{'cells': [{'text': 'tall', 'row_span': 2}, {'text': 'r1'}]},
                     {'cells': [{'text': 'r2'}]}]}]}
                """.formatted(Base64.getEncoder().encodeToString(font)));
        return doc;
    }

    @Test
    void suppliedFontsAreEmbeddedAndOddTextStaysWellFormed() throws Exception {
        Book book = render(edgeCases(), false);
        Document opf = book.xml("OEBPS/content.opf");
        assertEquals("font/ttf", manifest(opf).get("fonts/font-1.ttf"));
        assertEquals("de-CH", elements(opf, DC, "language").get(0).getTextContent());
        assertEquals(List.of("a", "b"), elements(opf, DC, "subject").stream().map(Element::getTextContent).toList());
        assertTrue(book.text("OEBPS/style.css").contains(
                "@font-face { font-family: \"Brand Sans\"; font-style: normal; font-weight: 400; "
                        + "src: url(\"fonts/font-1.ttf\"); }"));
        // leading and doubled page breaks make no empty documents
        assertEquals(List.of("section-1.xhtml", "section-2.xhtml"), spine(opf));
        Document first = book.xml("OEBPS/section-1.xhtml");
        assertEquals("de-CH", first.getDocumentElement().getAttribute("lang"));
        assertEquals("Brand bell <&> link", elements(first, XHTML, "p").get(0).getTextContent());
        assertEquals("https://example.com/?a=1&b=2", elements(first, XHTML, "a").get(0).getAttribute("href"));
        Document second = book.xml("OEBPS/section-2.xhtml");
        Element ol = elements(second, XHTML, "ol").get(0);
        assertEquals("one.a", children(children(children(ol, "li").get(0), "ul").get(0), "li").get(0)
                .getTextContent());
        assertEquals("2", elements(second, XHTML, "td").get(0).getAttribute("rowspan"));
        assertEquals(1, book.entries().keySet().stream().filter(n -> n.startsWith("OEBPS/fonts/")).count(),
                "bundled fonts are not embedded by default");
    }

    @Test
    void bundledFontsAreEmbeddedWhenConfigured() throws Exception {
        Book book = render(Samples.json("{'content': [{'type': 'paragraph', 'markdown': 'plain and `code`'}]}"),
                true);
        Map<String, String> manifest = manifest(book.xml("OEBPS/content.opf"));
        assertEquals("font/ttf", manifest.get("fonts/LiberationSans-Regular.ttf"));
        assertEquals("font/ttf", manifest.get("fonts/LiberationMono-BoldItalic.ttf"));
        assertTrue(book.text("OEBPS/style.css").contains("font-family: \"Liberation Mono\"; font-style: italic; "
                + "font-weight: 700; src: url(\"fonts/LiberationMono-BoldItalic.ttf\")"));
    }

    /** Runs the W3C's EPUBCheck (Debian package epubcheck, in packages.txt) on a book with every block type. */
    @Test
    void epubcheckFindsNoErrors() throws Exception {
        Path epubcheck = Path.of("/usr/bin/epubcheck");
        assumeTrue(Files.isRegularFile(epubcheck), "epubcheck is not installed (apt-get install epubcheck)");
        ObjectNode doc = Samples.document("report").deepCopy();
        ObjectNode edge = edgeCases();
        doc.set("fonts", edge.get("fonts"));
        ArrayNode content = (ArrayNode) doc.get("content");
        content.add(Samples.json("{'type': 'page-break'}"));
        Samples.document("invoice").get("content").forEach(content::add);
        edge.get("content").forEach(content::add);
        Path file = Files.createTempFile("lamina-", ".epub");
        try {
            Files.write(file, render(doc, false).bytes());
            // the Debian file is an executable jar: run it with this JVM, whether or not binfmt knows jars
            boolean jar = new String(Files.readAllBytes(epubcheck), 0, 2, StandardCharsets.ISO_8859_1).equals("PK");
            String java = ProcessHandle.current().info().command().orElse("java");
            List<String> command = jar ? List.of(java, "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-jar",
                    epubcheck.toString(), file.toString())
                    : List.of(epubcheck.toString(), file.toString());
            Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertTrue(p.waitFor(120, TimeUnit.SECONDS), "epubcheck finished");
            assertEquals(0, p.exitValue(), out);
            assertTrue(out.contains("0 fatals / 0 errors / 0 warnings"), out);
        } finally {
            Files.deleteIfExists(file);
        }
    }

    private static int le16(byte[] b, int at) {
        return (b[at] & 0xFF) | (b[at + 1] & 0xFF) << 8;
    }

    private static int le32(byte[] b, int at) {
        return le16(b, at) | le16(b, at + 2) << 16;
    }
}
