package io.lamina.docgen.render.epub;

import java.util.ArrayDeque;
import java.util.Deque;

/**
 * A small writer of well-formed XML: every element opened is closed by {@link #end()}, text and attribute values are
 * escaped, and characters XML 1.0 does not allow (control characters a document's text may hold) are dropped.
 */
final class Xml {

    private final StringBuilder out = new StringBuilder();
    private final Deque<String> open = new ArrayDeque<>();

    Xml() {
        out.append("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
    }

    Xml raw(String markup) {
        out.append(markup);
        return this;
    }

    /** Opens an element; {@code attributes} are name, value pairs (a null value leaves the attribute out). */
    Xml start(String name, String... attributes) {
        tag(name, attributes);
        out.append('>');
        open.push(name);
        return this;
    }

    Xml empty(String name, String... attributes) {
        tag(name, attributes);
        out.append("/>");
        return this;
    }

    Xml end() {
        out.append("</").append(open.pop()).append('>');
        return this;
    }

    /** An element holding only text. */
    Xml element(String name, String text, String... attributes) {
        return start(name, attributes).text(text).end();
    }

    Xml text(String text) {
        escape(text, false);
        return this;
    }

    int depth() {
        return open.size();
    }

    @Override
    public String toString() {
        if (!open.isEmpty()) {
            throw new IllegalStateException("unclosed elements: " + open);
        }
        return out.toString();
    }

    private void tag(String name, String... attributes) {
        out.append('<').append(name);
        for (int i = 0; i + 1 < attributes.length; i += 2) {
            if (attributes[i + 1] != null) {
                out.append(' ').append(attributes[i]).append("=\"");
                escape(attributes[i + 1], true);
                out.append('"');
            }
        }
    }

    private void escape(String text, boolean attribute) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '&' -> out.append("&amp;");
                case '"' -> out.append(attribute ? "&quot;" : "\"");
                case '\n', '\t', '\r' -> out.append(attribute ? "&#" + (int) c + ";" : String.valueOf(c));
                default -> {
                    if (allowed(c, text, i)) {
                        out.append(c);
                    }
                }
            }
        }
    }

    /** XML 1.0's Char production: no C0 controls but tab/LF/CR, no U+FFFE/FFFF, no lone surrogates. */
    private static boolean allowed(char c, String text, int i) {
        if (c < 0x20 || c == 0xFFFE || c == 0xFFFF) {
            return false;
        }
        if (Character.isHighSurrogate(c)) {
            return i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1));
        }
        if (Character.isLowSurrogate(c)) {
            return i > 0 && Character.isHighSurrogate(text.charAt(i - 1));
        }
        return true;
    }
}
