package io.lamina.extraction.read;

import io.lamina.extraction.config.ExtractionConfig;

import java.time.Duration;

/**
 * The limits one file is read under. Every reader checks them; going over fails the read with
 * {@code limit_exceeded} naming the limit and its setting.
 *
 * @param maxFileBytes   largest input in bytes ({@code lamina.extraction.max-file-bytes})
 * @param maxPages       most pages per file ({@code lamina.extraction.max-pages})
 * @param fileTimeout    time budget per file, OCR included ({@code lamina.extraction.file-timeout})
 * @param maxImagePixels largest decoded image or rendered page ({@code lamina.extraction.max-image-pixels})
 * @param maxTextChars   most characters of Markdown per file ({@code lamina.extraction.max-text-chars})
 * @param maxSheetCells  most spreadsheet cells per file ({@code lamina.extraction.max-sheet-cells})
 * @param maxZipEntries  most entries in an Office container ({@code lamina.extraction.max-zip-entries})
 * @param maxZipEntryBytes largest uncompressed container entry ({@code lamina.extraction.max-zip-entry-bytes})
 * @param maxAttachments most e-mail attachments read ({@code lamina.extraction.max-attachments})
 * @param maxNesting     how deep attached e-mails are followed ({@code lamina.extraction.max-nesting})
 * @param ocrDpi         resolution of PDF pages rendered for OCR ({@code lamina.extraction.ocr.dpi})
 * @param minTextChars   a PDF page with fewer text-layer characters is OCRed ({@code lamina.extraction.ocr.min-text-chars})
 */
public record ReadLimits(long maxFileBytes, int maxPages, Duration fileTimeout, long maxImagePixels, long maxTextChars,
                         long maxSheetCells, int maxZipEntries, long maxZipEntryBytes, int maxAttachments,
                         int maxNesting, int ocrDpi, int minTextChars) {

    /** The documented defaults. */
    public static ReadLimits defaults() {
        return new ReadLimits(50L * 1024 * 1024, 2000, Duration.ofMinutes(5), 40_000_000L, 20_000_000L, 2_000_000L,
                5000, 200L * 1024 * 1024, 20, 2, 300, 16);
    }

    public static ReadLimits of(ExtractionConfig c) {
        return new ReadLimits(c.maxFileBytes(), c.maxPages(), c.fileTimeout(), c.maxImagePixels(), c.maxTextChars(),
                c.maxSheetCells(), c.maxZipEntries(), c.maxZipEntryBytes(), c.maxAttachments(), c.maxNesting(),
                c.ocr().dpi(), c.ocr().minTextChars());
    }

    public ReadLimits withMaxPages(int pages) {
        return new ReadLimits(maxFileBytes, pages, fileTimeout, maxImagePixels, maxTextChars, maxSheetCells,
                maxZipEntries, maxZipEntryBytes, maxAttachments, maxNesting, ocrDpi, minTextChars);
    }

    public ReadLimits withFileTimeout(Duration timeout) {
        return new ReadLimits(maxFileBytes, maxPages, timeout, maxImagePixels, maxTextChars, maxSheetCells,
                maxZipEntries, maxZipEntryBytes, maxAttachments, maxNesting, ocrDpi, minTextChars);
    }

    public ReadLimits withMaxImagePixels(long pixels) {
        return new ReadLimits(maxFileBytes, maxPages, fileTimeout, pixels, maxTextChars, maxSheetCells,
                maxZipEntries, maxZipEntryBytes, maxAttachments, maxNesting, ocrDpi, minTextChars);
    }
}
