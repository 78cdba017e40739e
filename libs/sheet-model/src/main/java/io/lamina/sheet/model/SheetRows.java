package io.lamina.sheet.model;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The body rows of a sheet, each a JSON array of raw cells. Usually the request's own array (copying a million rows
 * into another structure would double the memory a large request needs); a benchmark or a streaming source may
 * produce rows on demand instead. XLSX reads them once in order; CSV and Markdown may revisit rows for formulas.
 */
public interface SheetRows {

    int size();

    JsonNode row(int index);

    static SheetRows of(JsonNode array) {
        return new SheetRows() {
            @Override
            public int size() {
                return array.size();
            }

            @Override
            public JsonNode row(int index) {
                return array.get(index);
            }
        };
    }
}
