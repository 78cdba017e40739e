package io.lamina.sheet.model;

import java.util.Arrays;
import java.util.Optional;

/** The {@code format} of a sheet request, with the name and media type of the file it produces. */
public enum OutputFormat {
    CSV("csv", "sheet.csv", "text/csv"),
    MARKDOWN("markdown", "sheet.md", "text/markdown"),
    XLSX("xlsx", "sheet.xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");

    private final String wireName;
    private final String fileName;
    private final String mimeType;

    OutputFormat(String wireName, String fileName, String mimeType) {
        this.wireName = wireName;
        this.fileName = fileName;
        this.mimeType = mimeType;
    }

    public String wireName() {
        return wireName;
    }

    public String fileName() {
        return fileName;
    }

    public String mimeType() {
        return mimeType;
    }

    public static Optional<OutputFormat> byWireName(String name) {
        return Arrays.stream(values()).filter(f -> f.wireName.equals(name)).findFirst();
    }
}
