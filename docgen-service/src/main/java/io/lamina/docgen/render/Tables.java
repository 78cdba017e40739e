package io.lamina.docgen.render;

import com.fasterxml.jackson.databind.JsonNode;

/** Facts about a table block that every renderer needs alike. */
public final class Tables {

    private Tables() {
    }

    /**
     * The table's column count: the number of column widths when given, else the column spans of its header (or its
     * first row); at least 1.
     */
    public static int columns(JsonNode table) {
        if (table.has("column_widths_in_percent")) {
            return table.get("column_widths_in_percent").size();
        }
        JsonNode row = table.has("header") ? table.get("header") : table.path("rows").path(0);
        int n = 0;
        for (JsonNode cell : row.path("cells")) {
            n += Math.max(1, cell.path("column_span").asInt(1));
        }
        return Math.max(1, n);
    }
}
