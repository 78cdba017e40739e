package io.lamina.extraction.convert;

import io.lamina.extraction.ExtractionErrors;
import io.lamina.extraction.MarkdownDocument;
import io.lamina.ops.runtime.OperationException;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class TextDocumentConverterTest {

    private final TextDocumentConverter converter = new TextDocumentConverter();

    private MarkdownDocument convert(String name, String text) {
        return converter.convert(name, text.getBytes(StandardCharsets.UTF_8));
    }

    private String refusal(String name, byte[] bytes) {
        OperationException e = assertThrows(OperationException.class, () -> converter.convert(name, bytes));
        assertEquals(ExtractionErrors.UNSUPPORTED_FORMAT, e.error().code());
        return e.getMessage();
    }

    @Test
    void keepsMarkdownFilesAsTheyAre() {
        MarkdownDocument doc = convert("notes.MD", "# Title\r\n\r\nSome *text*, with, commas\r\nand, more\r\n");
        assertEquals("text/markdown", doc.mimeType());
        assertEquals("# Title\n\nSome *text*, with, commas\nand, more\n", doc.markdown());
    }

    @Test
    void turnsCsvIntoATableWithTheFirstRecordAsHeader() {
        MarkdownDocument doc = convert("export.bin", "name,amount\r\n\"Smith, J\",12.5\r\n\"a|b\",\"two\nlines\"\r\n");
        assertEquals("text/csv", doc.mimeType());
        assertEquals("""
                | name | amount |
                | --- | --- |
                | Smith, J | 12.5 |
                | a\\|b | two<br>lines |
                """, doc.markdown());
    }

    @Test
    void padsRaggedRecordsOfFilesNamedCsv() {
        MarkdownDocument doc = convert("data.csv", "a,b,c\n1\n2,3\n");
        assertEquals("| a | b | c |\n| --- | --- | --- |\n| 1 |  |  |\n| 2 | 3 |  |\n", doc.markdown());
    }

    @Test
    void treatsInconsistentCommaTextAsPlainText() {
        String text = "Dear team, thanks.\nSee you soon, all of you, really.\n";
        MarkdownDocument doc = convert("letter.txt", text);
        assertEquals("text/plain", doc.mimeType());
        assertEquals(text, doc.markdown());
    }

    @Test
    void fencesJsonPrettyPrinted() {
        MarkdownDocument doc = convert("payload.txt", " {\"a\":1,\"b\":[true,null]} \n");
        assertEquals("application/json", doc.mimeType());
        assertEquals("""
                ```json
                {
                  "a" : 1,
                  "b" : [ true, null ]
                }
                ```
                """, doc.markdown());
    }

    @Test
    void lengthensTheFenceWhenJsonHoldsBackticks() {
        MarkdownDocument doc = convert("x.json", "[\"```\"]");
        assertEquals("````json\n[ \"```\" ]\n````\n", doc.markdown());
    }

    @Test
    void keepsPlainTextParagraphs() {
        MarkdownDocument doc = convert("readme", "\uFEFFFirst paragraph\nstill first.\n\nSecond one.\n");
        assertEquals("text/plain", doc.mimeType());
        assertEquals("First paragraph\nstill first.\n\nSecond one.\n", doc.markdown());
    }

    @Test
    void decidesByContentNotByName() {
        byte[] pdf = "%PDF-1.7\n%\u00e2\u00e3\n1 0 obj".getBytes(StandardCharsets.ISO_8859_1);
        assertEquals("PDF input is not supported by this version yet; document_to_markdown reads UTF-8 text, "
                + "Markdown, CSV and JSON", refusal("notes.md", pdf));
    }

    @Test
    void namesTheDetectedBinaryKind() {
        assertEquals("PNG image", kindOf(new byte[]{(byte) 0x89, 'P', 'N', 'G', 13, 10, 26, 10}));
        assertEquals("JPEG image", kindOf(new byte[]{(byte) 0xFF, (byte) 0xD8, (byte) 0xFF, (byte) 0xE0}));
        assertEquals("DOCX (Word)", kindOf(zipWithEntry("word/document.xml")));
        assertEquals("XLSX (Excel)", kindOf(zipWithEntry("xl/workbook.xml")));
        assertEquals("Legacy Office (DOC/XLS/PPT)", kindOf(new byte[]{(byte) 0xD0, (byte) 0xCF, 0x11, (byte) 0xE0,
                (byte) 0xA1, (byte) 0xB1, 0x1A, (byte) 0xE1}));
        assertEquals("HTML", kindOf("<!DOCTYPE html>\n<html><body>x</body></html>".getBytes(StandardCharsets.UTF_8)));
        assertEquals("Binary (not UTF-8 text)", kindOf(new byte[]{'a', 0, 'b'}));
        assertEquals("Binary (not UTF-8 text)", kindOf(new byte[]{'a', (byte) 0xC3, 'b'}));
    }

    private String kindOf(byte[] bytes) {
        String message = refusal("file.txt", bytes);
        return message.substring(0, message.indexOf(" input is not supported"));
    }

    private static byte[] zipWithEntry(String entry) {
        var out = new java.io.ByteArrayOutputStream();
        try (var zip = new java.util.zip.ZipOutputStream(out)) {
            zip.putNextEntry(new java.util.zip.ZipEntry(entry));
            zip.write("<x/>".getBytes(StandardCharsets.UTF_8));
            zip.closeEntry();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return out.toByteArray();
    }
}
