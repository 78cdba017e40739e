package io.lamina.extraction.read;

import io.lamina.extraction.ExtractionErrors;
import org.apache.tika.Tika;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

/**
 * The media type of a file from its content (tika-core's magic), never from its name; the name only tells text
 * flavours apart (Markdown and CSV are plain text to any sniffer). ZIP containers are told apart by their entry
 * names ({@code word/document.xml} → DOCX, {@code xl/workbook.xml} → XLSX), read from the local headers only, no
 * entry is inflated.
 */
public final class TypeSniffer {

    public static final String PDF = "application/pdf";
    public static final String DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";
    public static final String XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
    public static final String PPTX = "application/vnd.openxmlformats-officedocument.presentationml.presentation";
    public static final String HTML = "text/html";
    public static final String EML = "message/rfc822";

    private static final Tika TIKA = new Tika();

    private TypeSniffer() {
    }

    public static String sniff(byte[] bytes, String name, int maxZipEntries) {
        String type;
        try {
            type = TIKA.detect(bytes);
        } catch (RuntimeException e) {
            type = "application/octet-stream";
        }
        type = type.toLowerCase(Locale.ROOT);
        if (type.equals("application/zip") || type.equals("application/x-tika-ooxml")
                || type.startsWith("application/vnd.openxmlformats")) {
            return zipKind(bytes, maxZipEntries);
        }
        if (type.equals("application/x-tika-ooxml-protected") || type.equals("application/x-tika-msoffice")) {
            return ole2Kind(bytes);
        }
        if (type.equals("application/octet-stream") && looksLikeText(bytes)) {
            return "text/plain";
        }
        if (type.equals("image/x-ms-bmp")) {
            return "image/bmp";
        }
        if (type.equals("application/xhtml+xml")) {
            return HTML;
        }
        return type;
    }

    private static String zipKind(byte[] bytes, int maxEntries) {
        boolean word = false;
        boolean excel = false;
        boolean powerpoint = false;
        int entries = 0;
        try (ZipInputStream zip = new ZipInputStream(new ByteArrayInputStream(bytes))) {
            ZipEntry entry;
            while ((entry = zip.getNextEntry()) != null) {
                String n = entry.getName();
                word |= n.equals("word/document.xml");
                excel |= n.equals("xl/workbook.xml");
                powerpoint |= n.equals("ppt/presentation.xml");
                if (n.equals("mimetype")) {
                    String mt = new String(zip.readNBytes(100), StandardCharsets.US_ASCII).strip();
                    if (mt.startsWith("application/vnd.oasis.opendocument")) {
                        return mt;
                    }
                }
                if (++entries > maxEntries) {
                    throw ExtractionErrors.fail(ExtractionErrors.LIMIT_EXCEEDED, "the ZIP container has more than "
                            + maxEntries + " entries (lamina.extraction.max-zip-entries)");
                }
            }
        } catch (IOException | IllegalArgumentException e) {
            // a streamed entry with a data descriptor, or a damaged entry: fall back on the central directory below
        }
        if (!word && !excel && !powerpoint) {
            // entry names are stored uncompressed in the central directory at the end
            String raw = new String(bytes, Math.max(0, bytes.length - (1 << 20)), Math.min(bytes.length, 1 << 20),
                    StandardCharsets.ISO_8859_1);
            word = raw.contains("word/document.xml");
            excel = raw.contains("xl/workbook.xml");
            powerpoint = raw.contains("ppt/presentation.xml");
        }
        return word ? DOCX : excel ? XLSX : powerpoint ? PPTX : "application/zip";
    }

    /** OLE2: an encrypted OOXML file (EncryptionInfo stream) or a legacy Office file. */
    private static String ole2Kind(byte[] bytes) {
        String head = new String(bytes, 0, Math.min(bytes.length, 1 << 20), StandardCharsets.UTF_16LE);
        if (head.contains("EncryptionInfo") || head.contains("EncryptedPackage")) {
            return "application/x-tika-ooxml-protected";
        }
        return "application/x-tika-msoffice";
    }

    /** No NUL and almost no C0 control bytes: text in some 8-bit charset. */
    static boolean looksLikeText(byte[] bytes) {
        if (bytes.length == 0) {
            return true;
        }
        int n = Math.min(bytes.length, 64 * 1024);
        int control = 0;
        for (int i = 0; i < n; i++) {
            int b = bytes[i] & 0xFF;
            if (b == 0) {
                return false;
            }
            if (b < 0x20 && b != '\n' && b != '\r' && b != '\t' && b != 0x0C) {
                control++;
            }
        }
        return control * 100 < n;
    }

    /** A label people recognise, for messages. */
    public static String label(String type) {
        return switch (type) {
            case PDF -> "PDF";
            case DOCX -> "DOCX (Word)";
            case XLSX -> "XLSX (Excel)";
            case PPTX -> "PPTX (PowerPoint)";
            case "application/zip" -> "ZIP archive";
            case "application/x-tika-msoffice" -> "Legacy Office (DOC/XLS/PPT)";
            case "application/x-tika-ooxml-protected" -> "password-protected Office file";
            case "application/octet-stream" -> "Binary (unrecognised)";
            default -> type;
        };
    }
}
