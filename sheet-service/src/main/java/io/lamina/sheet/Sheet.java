package io.lamina.sheet;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.List;

/**
 * One validated sheet. The rows stay the request's JSON array: copying a million rows into another structure would
 * double the memory a large request needs, and the cells are read once per output anyway.
 *
 * @param path where the sheet sits in the request ({@code sheets[0]}), the prefix of every error message
 */
public record Sheet(String name, List<String> columnNames, JsonNode rows, String path) {

    public int rowCount() {
        return rows.size();
    }

    public int columnCount() {
        return columnNames.size();
    }

    /** The raw cell (a primitive or a cell object), or {@code null} when the row is shorter than the sheet. */
    public JsonNode rawCell(int row, int column) {
        JsonNode cells = rows.get(row);
        return column < cells.size() ? cells.get(column) : null;
    }

    public Cell cell(int row, int column) {
        return Cell.parse(rawCell(row, column), cellPath(row, column));
    }

    public String cellPath(int row, int column) {
        return path + ".rows[" + row + "][" + column + "]";
    }
}
