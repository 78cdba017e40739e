package io.lamina.extraction.read;

import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jsoup.nodes.Node;
import org.jsoup.nodes.TextNode;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * HTML to Markdown with jsoup: headings {@code h1–h6}, paragraphs, ordered and unordered lists (nested by two
 * spaces), tables (the first row as header), links as {@code [text](href)}, {@code pre} as fenced code, block quotes,
 * bold and italics. Scripts, styles, templates, forms' hidden parts and navigation chrome are dropped.
 */
public final class HtmlMarkdown {

    private static final Set<String> SKIP = Set.of("script", "style", "noscript", "template", "head", "svg",
            "iframe", "object", "canvas", "button", "select", "input", "textarea");
    private static final Set<String> BLOCKS = Set.of("p", "div", "section", "article", "main", "header", "footer",
            "aside", "nav", "form", "fieldset", "figure", "figcaption", "address", "dl", "dt", "dd", "center",
            "details", "summary", "body", "html");

    private HtmlMarkdown() {
    }

    /** Title and Markdown of an HTML document. */
    public record Result(String title, String markdown) {
    }

    public static Result convert(String html, String baseUri) {
        Document doc = Jsoup.parse(html, baseUri == null ? "" : baseUri);
        return convert(doc);
    }

    public static Result convert(Document doc) {
        StringBuilder out = new StringBuilder();
        block(doc.body() == null ? doc : doc.body(), out, 0);
        String md = out.toString().replaceAll("[ \\t]+\\n", "\n").replaceAll("\\n{3,}", "\n\n").strip();
        return new Result(doc.title(), md.isEmpty() ? "" : md + "\n");
    }

    private static void block(Element parent, StringBuilder out, int depth) {
        StringBuilder inline = new StringBuilder();
        for (Node node : parent.childNodes()) {
            if (node instanceof TextNode t) {
                inline.append(t.text());
                continue;
            }
            if (!(node instanceof Element e)) {
                continue;
            }
            String tag = e.normalName();
            if (SKIP.contains(tag) || e.hasAttr("hidden")) {
                continue;
            }
            if (isBlock(tag)) {
                flushInline(inline, out);
                element(e, tag, out, depth);
            } else {
                inline(e, inline);
            }
        }
        flushInline(inline, out);
    }

    private static boolean isBlock(String tag) {
        return BLOCKS.contains(tag) || tag.matches("h[1-6]") || tag.equals("ul") || tag.equals("ol")
                || tag.equals("table") || tag.equals("pre") || tag.equals("blockquote") || tag.equals("hr")
                || tag.equals("li");
    }

    private static void element(Element e, String tag, StringBuilder out, int depth) {
        switch (tag) {
            case "h1", "h2", "h3", "h4", "h5", "h6" -> {
                String text = inlineText(e);
                if (!text.isBlank()) {
                    out.append("\n").append("#".repeat(tag.charAt(1) - '0')).append(' ').append(text.strip())
                            .append("\n\n");
                }
            }
            case "ul", "ol" -> {
                list(e, tag.equals("ol"), out, depth);
                out.append('\n');
            }
            case "table" -> {
                List<List<String>> rows = new ArrayList<>();
                for (Element tr : e.select("tr")) {
                    if (tr.closest("table") != e) {
                        continue;
                    }
                    List<String> cells = new ArrayList<>();
                    for (Element cell : tr.children()) {
                        if (cell.normalName().equals("td") || cell.normalName().equals("th")) {
                            cells.add(inlineText(cell).strip());
                        }
                    }
                    if (!cells.isEmpty()) {
                        rows.add(cells);
                    }
                }
                if (!rows.isEmpty()) {
                    out.append('\n').append(Markdown.table(rows)).append('\n');
                }
            }
            case "pre" -> out.append("\n```\n").append(e.wholeText().stripTrailing()).append("\n```\n\n");
            case "blockquote" -> {
                StringBuilder inner = new StringBuilder();
                block(e, inner, depth);
                for (String line : inner.toString().strip().split("\n")) {
                    out.append("> ").append(line).append('\n');
                }
                out.append('\n');
            }
            case "hr" -> out.append("\n---\n\n");
            default -> {
                block(e, out, depth);
                if (tag.equals("p") || tag.equals("div")) {
                    out.append('\n');
                }
            }
        }
    }

    private static void list(Element list, boolean ordered, StringBuilder out, int depth) {
        int n = 1;
        for (Element li : list.children()) {
            if (!li.normalName().equals("li")) {
                continue;
            }
            StringBuilder inline = new StringBuilder();
            List<Element> nested = new ArrayList<>();
            for (Node node : li.childNodes()) {
                if (node instanceof TextNode t) {
                    inline.append(t.text());
                } else if (node instanceof Element c) {
                    if (c.normalName().equals("ul") || c.normalName().equals("ol")) {
                        nested.add(c);
                    } else if (!SKIP.contains(c.normalName())) {
                        inline(c, inline);
                    }
                }
            }
            out.append("  ".repeat(depth)).append(ordered ? (n++) + ". " : "- ")
                    .append(collapse(inline.toString()).strip()).append('\n');
            for (Element c : nested) {
                list(c, c.normalName().equals("ol"), out, depth + 1);
            }
        }
    }

    private static String inlineText(Element e) {
        StringBuilder sb = new StringBuilder();
        for (Node node : e.childNodes()) {
            if (node instanceof TextNode t) {
                sb.append(t.text());
            } else if (node instanceof Element c && !SKIP.contains(c.normalName())) {
                inline(c, sb);
            }
        }
        return collapse(sb.toString());
    }

    private static void inline(Element e, StringBuilder sb) {
        String tag = e.normalName();
        switch (tag) {
            case "br" -> sb.append('\n');
            case "img" -> {
                String alt = e.attr("alt");
                if (!alt.isBlank()) {
                    sb.append(alt);
                }
            }
            case "a" -> {
                String text = inlineText(e).strip();
                String href = e.absUrl("href");
                if (href.isEmpty()) {
                    href = e.attr("href");
                }
                if (text.isEmpty()) {
                    return;
                }
                if (href.isEmpty() || href.startsWith("javascript:")) {
                    sb.append(text);
                } else {
                    sb.append('[').append(text).append("](").append(href).append(')');
                }
            }
            case "strong", "b" -> wrap(sb, inlineText(e), "**");
            case "em", "i" -> wrap(sb, inlineText(e), "*");
            case "code" -> wrap(sb, e.text(), "`");
            default -> {
                if (isBlock(tag)) {
                    sb.append(' ').append(inlineText(e)).append(' ');
                } else {
                    sb.append(inlineText(e));
                }
            }
        }
    }

    private static void wrap(StringBuilder sb, String text, String mark) {
        String t = text.strip();
        if (t.isEmpty()) {
            return;
        }
        if (sb.length() > 0 && !Character.isWhitespace(sb.charAt(sb.length() - 1)) && text.startsWith(" ")) {
            sb.append(' ');
        }
        sb.append(mark).append(t).append(mark);
        if (text.endsWith(" ")) {
            sb.append(' ');
        }
    }

    private static String collapse(String s) {
        return s.replace('\u00A0', ' ').replaceAll("[ \\t\\r\\f]+", " ").replaceAll(" ?\\n ?", "\n");
    }

    private static void flushInline(StringBuilder inline, StringBuilder out) {
        String text = collapse(inline.toString()).strip();
        if (!text.isEmpty()) {
            out.append(text).append("\n\n");
        }
        inline.setLength(0);
    }
}
