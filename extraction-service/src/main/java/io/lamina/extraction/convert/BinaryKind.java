package io.lamina.extraction.convert;

import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * Recognises the binary formats people most often send by their first bytes, so that an unsupported input fails
 * with a message naming what it is ("PDF input is not supported by this version yet") instead of "binary".
 */
enum BinaryKind {
    PDF("PDF"),
    PNG("PNG image"),
    JPEG("JPEG image"),
    GIF("GIF image"),
    WEBP("WebP image"),
    TIFF("TIFF image"),
    DOCX("DOCX (Word)"),
    XLSX("XLSX (Excel)"),
    PPTX("PPTX (PowerPoint)"),
    OPEN_DOCUMENT("OpenDocument"),
    ZIP("ZIP archive"),
    LEGACY_OFFICE("Legacy Office (DOC/XLS/PPT)"),
    GZIP("Gzip archive"),
    RTF("RTF"),
    HTML("HTML"),
    BINARY("Binary");

    private final String label;

    BinaryKind(String label) {
        this.label = label;
    }

    String label() {
        return label;
    }

    /** The kind announced by the first bytes, or empty when they announce nothing known. */
    static Optional<BinaryKind> sniff(byte[] bytes) {
        if (startsWith(bytes, 0, "%PDF-")) {
            return Optional.of(PDF);
        }
        if (startsWith(bytes, 0, 0x89, 'P', 'N', 'G')) {
            return Optional.of(PNG);
        }
        if (startsWith(bytes, 0, 0xFF, 0xD8, 0xFF)) {
            return Optional.of(JPEG);
        }
        if (startsWith(bytes, 0, "GIF87a") || startsWith(bytes, 0, "GIF89a")) {
            return Optional.of(GIF);
        }
        if (startsWith(bytes, 0, "RIFF") && startsWith(bytes, 8, "WEBP")) {
            return Optional.of(WEBP);
        }
        if (startsWith(bytes, 0, 'I', 'I', '*', 0) || startsWith(bytes, 0, 'M', 'M', 0, '*')) {
            return Optional.of(TIFF);
        }
        if (startsWith(bytes, 0, 'P', 'K', 3, 4)) {
            return Optional.of(zipKind(bytes));
        }
        if (startsWith(bytes, 0, 0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1)) {
            return Optional.of(LEGACY_OFFICE);
        }
        if (startsWith(bytes, 0, 0x1F, 0x8B)) {
            return Optional.of(GZIP);
        }
        if (startsWith(bytes, 0, "{\\rtf")) {
            return Optional.of(RTF);
        }
        return Optional.empty();
    }

    /** Office Open XML and OpenDocument files are ZIPs; their entry names (stored uncompressed) tell them apart. */
    private static BinaryKind zipKind(byte[] bytes) {
        String head = new String(bytes, 0, Math.min(bytes.length, 64 * 1024), StandardCharsets.ISO_8859_1);
        if (head.contains("mimetypeapplication/vnd.oasis.opendocument")) {
            return OPEN_DOCUMENT;
        }
        if (head.contains("word/")) {
            return DOCX;
        }
        if (head.contains("xl/")) {
            return XLSX;
        }
        if (head.contains("ppt/")) {
            return PPTX;
        }
        return ZIP;
    }

    private static boolean startsWith(byte[] bytes, int offset, String ascii) {
        return startsWith(bytes, offset, ascii.chars().toArray());
    }

    private static boolean startsWith(byte[] bytes, int offset, int... expected) {
        if (bytes.length < offset + expected.length) {
            return false;
        }
        for (int i = 0; i < expected.length; i++) {
            if ((bytes[offset + i] & 0xFF) != expected[i]) {
                return false;
            }
        }
        return true;
    }
}
