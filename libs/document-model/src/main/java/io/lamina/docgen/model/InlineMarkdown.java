package io.lamina.docgen.model;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The Markdown a paragraph's {@code markdown} may hold, turned into runs so that every renderer draws runs only:
 * {@code **bold**}, {@code __bold__}, {@code *italic*}, {@code _italic_}, {@code `code`} (monospace),
 * {@code [text](url)} and line breaks. Anything else is kept as literal text; a backslash escapes the next character.
 */
public final class InlineMarkdown {

    private InlineMarkdown() {
    }

    public static ArrayNode runs(String markdown) {
        ArrayNode runs = JsonNodeFactory.instance.arrayNode();
        new Parser(markdown, runs).parse();
        return runs;
    }

    private static final class Parser {
        private final String s;
        private final ArrayNode runs;
        private final StringBuilder text = new StringBuilder();
        private boolean bold;
        private boolean italic;

        Parser(String s, ArrayNode runs) {
            this.s = s;
            this.runs = runs;
        }

        void parse() {
            int i = 0;
            while (i < s.length()) {
                char c = s.charAt(i);
                if (c == '\\' && i + 1 < s.length()) {
                    text.append(s.charAt(i + 1));
                    i += 2;
                } else if ((s.startsWith("**", i) || s.startsWith("__", i))) {
                    flush(null, false);
                    bold = !bold;
                    i += 2;
                } else if ((c == '*' || c == '_') && (italic || closes(i, c))) {
                    flush(null, false);
                    italic = !italic;
                    i++;
                } else if (c == '`' && s.indexOf('`', i + 1) > i) {
                    flush(null, false);
                    int end = s.indexOf('`', i + 1);
                    text.append(s, i + 1, end);
                    flush(null, true);
                    i = end + 1;
                } else if (c == '[' && link(i) > 0) {
                    int close = s.indexOf("](", i);
                    int end = link(i);
                    flush(null, false);
                    text.append(s, i + 1, close);
                    flush(s.substring(close + 2, end), false);
                    i = end + 1;
                } else {
                    text.append(c);
                    i++;
                }
            }
            flush(null, false);
        }

        /** An opening * or _ counts only when a closing one follows. */
        private boolean closes(int i, char c) {
            int next = s.indexOf(c, i + 1);
            return next > i + 1 && !Character.isWhitespace(s.charAt(i + 1));
        }

        /** The index of the ')' closing a [text](url) starting at i, or -1. */
        private int link(int i) {
            int close = s.indexOf("](", i);
            if (close < 0 || s.substring(i, close).contains("\n")) {
                return -1;
            }
            int end = s.indexOf(')', close + 2);
            return end < 0 || s.substring(close + 2, end).contains(" ") ? -1 : end;
        }

        private void flush(String link, boolean code) {
            if (text.isEmpty()) {
                return;
            }
            ObjectNode run = runs.addObject();
            run.put("text", text.toString());
            if (bold) {
                run.put("font_weight", "bold");
            }
            if (italic) {
                run.put("is_italic", true);
            }
            if (link != null) {
                run.put("link_url", link);
            }
            if (code) {
                run.put("font_family", "Liberation Mono");
            }
            text.setLength(0);
        }
    }
}
