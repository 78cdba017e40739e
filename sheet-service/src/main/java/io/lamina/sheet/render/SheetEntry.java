package io.lamina.sheet.render;

import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.apache.commons.compress.archivers.zip.ZipArchiveOutputStream;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.List;
import java.util.zip.CRC32;
import java.util.zip.Deflater;
import java.util.zip.ZipEntry;

/**
 * One worksheet's zip entry, put together from already compressed parts: the start of the sheet XML that POI wrote
 * (columns, views, … up to {@code <sheetData>}), the rows compressed by {@link BackgroundDeflater}, and the rest of
 * POI's XML ({@code </sheetData>}, merged cells, autofilter, …). Each part is raw deflate data ending on a byte
 * boundary (the first two with a sync flush, the last with the final block), so their concatenation is one valid
 * deflate stream; the entry's CRC-32 is combined from the parts' CRCs. The XML is the one POI's own injection writes.
 */
final class SheetEntry {

    private static final String OPEN = "<sheetData>";
    private static final String EMPTY = "<sheetData/>";
    private static final String CLOSE = "</sheetData>";

    private SheetEntry() {
    }

    /** The rows' compressed data: a stream over the compressed bytes and what {@link BackgroundDeflater} counted. */
    record Rows(InputStream compressed, long crc, long size, long compressedSize) {
    }

    /**
     * Adds the worksheet entry {@code name} to {@code zip}.
     *
     * @param template the sheet XML POI wrote for the package, with an empty {@code <sheetData/>}
     */
    static void write(ZipArchiveOutputStream zip, ZipArchiveEntry original, byte[] template, Rows rows, int level)
            throws IOException {
        String xml = new String(template, StandardCharsets.UTF_8);
        String head;
        String tail;
        int at = xml.indexOf(EMPTY);
        if (at >= 0) {
            head = xml.substring(0, at) + OPEN + "\n";
            tail = CLOSE + xml.substring(at + EMPTY.length());
        } else if ((at = xml.indexOf(CLOSE)) >= 0 && xml.indexOf(OPEN) >= 0) {
            head = xml.substring(0, at);
            tail = xml.substring(at);
        } else {
            // No sheetData element at all: POI appends one after the whole template.
            head = xml + OPEN + "\n";
            tail = CLOSE;
        }
        byte[] headBytes = head.getBytes(StandardCharsets.UTF_8);
        byte[] tailBytes = tail.getBytes(StandardCharsets.UTF_8);
        byte[] headDeflated = deflate(headBytes, level, false);
        byte[] tailDeflated = deflate(tailBytes, level, true);
        long crc = Crc32Combine.combine(crc(headBytes), rows.crc(), rows.size());
        crc = Crc32Combine.combine(crc, crc(tailBytes), tailBytes.length);

        ZipArchiveEntry entry = new ZipArchiveEntry(original.getName());
        if (original.getTime() >= 0) {
            entry.setTime(original.getTime());
        }
        entry.setMethod(ZipEntry.DEFLATED);
        entry.setSize(headBytes.length + rows.size() + tailBytes.length);
        entry.setCompressedSize(headDeflated.length + rows.compressedSize() + tailDeflated.length);
        entry.setCrc(crc);
        InputStream raw = new SequenceInputStream(Collections.enumeration(List.of(
                new ByteArrayInputStream(headDeflated), rows.compressed(), new ByteArrayInputStream(tailDeflated))));
        zip.addRawArchiveEntry(entry, raw);
    }

    /** Raw deflate data of {@code bytes}: ends with the final block if {@code last}, else with a sync flush. */
    static byte[] deflate(byte[] bytes, int level, boolean last) {
        Deflater deflater = new Deflater(level, true);
        try {
            deflater.setInput(bytes);
            if (last) {
                deflater.finish();
            }
            ByteArrayOutputStream out = new ByteArrayOutputStream(bytes.length / 4 + 64);
            byte[] buffer = new byte[8192];
            while (true) {
                int n = deflater.deflate(buffer, 0, buffer.length, last ? Deflater.NO_FLUSH : Deflater.SYNC_FLUSH);
                out.write(buffer, 0, n);
                if (last ? deflater.finished() : n < buffer.length && deflater.needsInput()) {
                    return out.toByteArray();
                }
            }
        } finally {
            deflater.end();
        }
    }

    private static long crc(byte[] bytes) {
        CRC32 crc = new CRC32();
        crc.update(bytes);
        return crc.getValue();
    }
}
