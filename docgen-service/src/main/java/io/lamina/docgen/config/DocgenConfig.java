package io.lamina.docgen.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;
import java.util.List;

/** {@code lamina.docgen.*}: limits of one document and where the bundled fonts are. */
@ConfigMapping(prefix = "lamina.docgen")
public interface DocgenConfig {

    /**
     * Pages one generated document may have (PDF, the merged files included); also the slides of a PPTX and the
     * content documents (page-break sections) of an EPUB.
     */
    @WithDefault("500")
    int maxPages();

    /** Bytes of the generated file. */
    @WithDefault("100000000")
    long maxOutputBytes();

    /** Bytes of all images, fonts and merged PDFs one document reads, together. */
    @WithDefault("100000000")
    long maxInputBytes();

    /** Pixels (width × height) of one image. */
    @WithDefault("40000000")
    long maxImagePixels();

    /** Wall-clock time of one rendering; beyond it the step fails with {@code limit_exceeded}. */
    @WithDefault("PT60S")
    Duration maxRenderTime();

    /**
     * Folders searched (recursively) for the bundled fonts' files, checked at start: Debian's
     * {@code fonts-liberation2} and {@code fonts-dejavu-core} install them here.
     */
    @WithDefault("/usr/share/fonts/truetype")
    List<String> fontDirs();

    /**
     * EPUB: also embed the bundled font families a book uses (all four faces of each, about 0.3–0.7 MB per face), so
     * that it looks the same in every reading system; without it, the book names them with common fallbacks.
     * Fonts supplied in {@code document.fonts} are always embedded.
     */
    @WithDefault("false")
    boolean epubEmbedBundledFonts();
}
