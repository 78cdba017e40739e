package io.lamina.extraction;

import io.lamina.extraction.config.ExtractionConfig;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/** An {@link ExtractionConfig} with the documented defaults, some overridable, for plain unit tests. */
public final class TestConfigs {

    private TestConfigs() {
    }

    public static ExtractionConfig defaults() {
        return with(52428800L, 20, Optional.empty());
    }

    public static ExtractionConfig with(long maxFileBytes, int maxFiles, Optional<List<String>> allowedHosts) {
        return new ExtractionConfig() {
            public long maxFileBytes() { return maxFileBytes; }
            public int maxFiles() { return maxFiles; }
            public int maxPages() { return 2000; }
            public int maxPagesPerRequest() { return 5000; }
            public Duration fileTimeout() { return Duration.ofMinutes(5); }
            public long maxImagePixels() { return 40_000_000L; }
            public long maxTextChars() { return 20_000_000L; }
            public long maxSheetCells() { return 2_000_000L; }
            public int maxZipEntries() { return 5000; }
            public long maxZipEntryBytes() { return 209715200L; }
            public int maxAttachments() { return 20; }
            public int maxNesting() { return 2; }
            public int pdfThreads() { return 0; }
            public Ocr ocr() {
                return new Ocr() {
                    public boolean enabled() { return true; }
                    public String tessdata() { return "/usr/share/tesseract-ocr/5/tessdata"; }
                    public String languages() { return "eng"; }
                    public int engines() { return 1; }
                    public int dpi() { return 300; }
                    public int minTextChars() { return 16; }
                };
            }
            public Web web() {
                return new Web() {
                    public Duration timeout() { return Duration.ofSeconds(10); }
                    public long maxBytes() { return 1_000_000L; }
                    public int maxRedirects() { return 3; }
                    public String userAgent() { return "LaminaBot/0.1"; }
                    public Optional<List<String>> allowedHosts() { return allowedHosts; }
                    public boolean respectRobots() { return true; }
                };
            }
        };
    }
}
