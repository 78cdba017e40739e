package io.lamina.extraction.convert;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.lamina.extraction.ExtractionErrors;
import io.lamina.extraction.MarkdownDocument;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code document_to_markdown} for text inputs. The content decides, not the name: the bytes must be UTF-8 text
 * without NUL bytes, and anything else fails with {@code unsupported_format} naming the detected kind. Text is then
 * <ul>
 * <li>Markdown ({@code text/markdown}) when the name ends in {@code .md} or {@code .markdown}: kept as is;</li>
 * <li>CSV ({@code text/csv}) when the name ends in {@code .csv} and the content parses as CSV, or when it parses as
 * at least two comma-separated records of the same width (at least two fields): a Markdown table, the first record
 * as its header;</li>
 * <li>JSON ({@code application/json}) when the whole content is a JSON object or array: a fenced {@code json}
 * block, pretty-printed;</li>
 * <li>otherwise plain text ({@code text/plain}): kept as is, paragraphs and all.</li>
 * </ul>
 * HTML and RTF are text too, but copying their markup into Markdown would be wrong: they are refused like binaries
 * until the extraction issue brings real converters. Line breaks in the output are always {@code \n}.
 */
public final class TextDocumentConverter {

    private static final Pattern HTML_START = Pattern.compile("(?is)\\A\\s*(<!--.*?-->\\s*)*<(!doctype\\s+html|html)[\\s>]");
    private static final Pattern BACKTICK_RUN = Pattern.compile("`+");

    private final ObjectMapper json = new ObjectMapper().enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    public MarkdownDocument convert(String name, byte[] bytes) {
        Optional<BinaryKind> sniffed = BinaryKind.sniff(bytes);
        if (sniffed.isPresent()) {
            throw unsupported(sniffed.get());
        }
        String text = utf8Text(bytes).orElseThrow(() -> unsupported(BinaryKind.BINARY));
        if (text.startsWith("\uFEFF")) {
            text = text.substring(1);
        }
        text = text.replace("\r\n", "\n").replace('\r', '\n');
        if (HTML_START.matcher(text).find()) {
            throw unsupported(BinaryKind.HTML);
        }
        String lowerName = name == null ? "" : name.toLowerCase(Locale.ROOT);
        if (lowerName.endsWith(".md") || lowerName.endsWith(".markdown")) {
            return new MarkdownDocument("text/markdown", text);
        }
        Optional<List<List<String>>> rows = CsvRows.parse(text);
        if (lowerName.endsWith(".csv") && rows.isPresent() && !rows.get().isEmpty()) {
            return new MarkdownDocument("text/csv", table(rows.get()));
        }
        Optional<JsonNode> tree = jsonTree(text);
        if (tree.isPresent()) {
            return new MarkdownDocument("application/json", fencedJson(tree.get()));
        }
        if (rows.isPresent() && CsvRows.consistent(rows.get())) {
            return new MarkdownDocument("text/csv", table(rows.get()));
        }
        return new MarkdownDocument("text/plain", text);
    }

    private static Optional<String> utf8Text(byte[] bytes) {
        for (byte b : bytes) {
            if (b == 0) {
                return Optional.empty();
            }
        }
        try {
            return Optional.of(StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes))
                    .toString());
        } catch (CharacterCodingException e) {
            return Optional.empty();
        }
    }

    private Optional<JsonNode> jsonTree(String text) {
        String trimmed = text.strip();
        if (!(trimmed.startsWith("{") || trimmed.startsWith("["))) {
            return Optional.empty();
        }
        try {
            return Optional.of(json.readTree(trimmed));
        } catch (JsonProcessingException e) {
            return Optional.empty();
        }
    }

    private String fencedJson(JsonNode tree) {
        String pretty;
        try {
            pretty = json.writerWithDefaultPrettyPrinter().writeValueAsString(tree);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a parsed JSON tree always serialises", e);
        }
        int longestRun = 0;
        Matcher m = BACKTICK_RUN.matcher(pretty);
        while (m.find()) {
            longestRun = Math.max(longestRun, m.group().length());
        }
        String fence = "`".repeat(Math.max(3, longestRun + 1));
        return fence + "json\n" + pretty + "\n" + fence + "\n";
    }

    /** A GitHub-flavoured table; ragged records are padded to the widest. */
    static String table(List<List<String>> rows) {
        int width = rows.stream().mapToInt(List::size).max().orElse(0);
        StringBuilder out = new StringBuilder();
        appendRow(out, rows.get(0), width);
        out.append('|');
        out.append(" --- |".repeat(width));
        out.append('\n');
        for (List<String> row : rows.subList(1, rows.size())) {
            appendRow(out, row, width);
        }
        return out.toString();
    }

    private static void appendRow(StringBuilder out, List<String> row, int width) {
        out.append('|');
        for (int c = 0; c < width; c++) {
            out.append(' ').append(c < row.size() ? escapeCell(row.get(c)) : "").append(" |");
        }
        out.append('\n');
    }

    private static String escapeCell(String text) {
        return text.replace("\\", "\\\\").replace("|", "\\|").replace("\n", "<br>");
    }

    private static RuntimeException unsupported(BinaryKind kind) {
        String what = kind == BinaryKind.BINARY ? "Binary (not UTF-8 text)" : kind.label();
        return ExtractionErrors.fail(ExtractionErrors.UNSUPPORTED_FORMAT, what
                + " input is not supported by this version yet; document_to_markdown reads UTF-8 text, Markdown, "
                + "CSV and JSON");
    }
}
