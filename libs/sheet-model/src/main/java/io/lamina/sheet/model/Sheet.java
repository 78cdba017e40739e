package io.lamina.sheet.model;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.List;

/**
 * One validated sheet.
 *
 * @param name the sheet's name, or {@code null} (XLSX calls it {@code Sheet<n>})
 * @param path where the sheet sits in the request ({@code sheets[0]}), the prefix of every error message
 * @param freezeHeader XLSX: keep the header row in view while scrolling (default true)
 * @param autofilter XLSX: filter buttons on the header row (default true)
 * @param merges merged ranges, in body coordinates, checked not to overlap
 */
public record Sheet(String name, List<Column> columns, SheetRows rows, String path, boolean freezeHeader,
                    boolean autofilter, List<Merge> merges) {

    public int rowCount() {
        return rows.size();
    }

    public int columnCount() {
        return columns.size();
    }

    public List<String> columnNames() {
        return columns.stream().map(Column::name).toList();
    }

    /** The raw cell (a primitive or a cell object), or {@code null} when the row is shorter than the sheet. */
    public JsonNode rawCell(int row, int column) {
        JsonNode cells = rows.row(row);
        return column < cells.size() ? cells.get(column) : null;
    }

    public Cell cell(int row, int column) {
        return Cell.read(rawCell(row, column));
    }

    public String cellPath(int row, int column) {
        return path + ".rows[" + row + "][" + column + "]";
    }
}
