package io.lamina.docgen.render.pptx;

import io.lamina.docgen.render.Tables;
import com.fasterxml.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.List;

/**
 * A table block laid on its grid: each cell with the row and column it starts in (cells covered by a row span from
 * above are skipped, as in the model), and the places between rows where the table may continue on another slide
 * (no row span crosses them).
 */
final class TableModel {

    record Placed(int row, int column, int columnSpan, int rowSpan, JsonNode cell, boolean header) {
    }

    private final JsonNode block;
    private final int columns;
    private final List<Placed> header = new ArrayList<>();
    private final List<Placed> body = new ArrayList<>();
    private final int rows;
    /** groupEnd[r]: the first row after r's group (rows tied together by row spans). */
    private final int[] groupEnd;

    TableModel(JsonNode block) {
        this.block = block;
        this.columns = Tables.columns(block);
        JsonNode h = block.get("header");
        if (h != null) {
            place(h.path("cells"), 0, new int[columns], header, true);
        }
        JsonNode rowNodes = block.path("rows");
        rows = rowNodes.size();
        int[] carried = new int[columns];
        int[] reach = new int[rows];
        for (int r = 0; r < rows; r++) {
            List<Placed> row = new ArrayList<>();
            place(rowNodes.get(r).path("cells"), r, carried, row, false);
            body.addAll(row);
            reach[r] = r + 1;
            for (Placed p : row) {
                reach[r] = Math.max(reach[r], Math.min(rows, r + p.rowSpan()));
            }
        }
        groupEnd = new int[rows];
        for (int r = rows - 1; r >= 0; r--) {
            int end = reach[r];
            for (int k = r + 1; k < end; k++) {
                end = Math.max(end, reach[k]);
            }
            groupEnd[r] = end;
        }
        // a group starting at r may be extended by a row above it: start groups only where nothing crosses
        for (int r = 0; r < rows; ) {
            int end = groupEnd[r];
            for (int k = r; k < end; k++) {
                end = Math.max(end, groupEnd[k]);
            }
            for (int k = r; k < end; k++) {
                groupEnd[k] = end;
            }
            r = end;
        }
    }

    private void place(JsonNode cells, int row, int[] carried, List<Placed> out, boolean isHeader) {
        int col = 0;
        int[] next = new int[columns];
        for (int c = 0; c < columns; c++) {
            next[c] = Math.max(0, carried[c] - 1);
        }
        for (JsonNode cell : cells) {
            while (col < columns && carried[col] > 0) {
                col++;
            }
            if (col >= columns) {
                break;
            }
            int colSpan = Math.max(1, Math.min(cell.path("column_span").asInt(1), columns - col));
            int rowSpan = Math.max(1, cell.path("row_span").asInt(1));
            out.add(new Placed(row, col, colSpan, rowSpan, cell, isHeader));
            for (int k = col; k < col + colSpan; k++) {
                next[k] = Math.max(next[k], rowSpan - 1);
            }
            col += colSpan;
        }
        System.arraycopy(next, 0, carried, 0, columns);
    }

    int columns() {
        return columns;
    }

    int rows() {
        return rows;
    }

    boolean hasHeader() {
        return !header.isEmpty();
    }

    List<Placed> header() {
        return header;
    }

    /** Body cells of rows [from, to); row spans are cut at {@code to}. */
    List<Placed> body(int from, int to) {
        List<Placed> out = new ArrayList<>();
        for (Placed p : body) {
            if (p.row() >= from && p.row() < to) {
                out.add(new Placed(p.row(), p.column(), p.columnSpan(), Math.min(p.rowSpan(), to - p.row()),
                        p.cell(), false));
            }
        }
        return out;
    }

    int groupEnd(int row) {
        return groupEnd[row];
    }

    /** Column widths in points sharing {@code width} as {@code column_widths_in_percent} says (equal without it). */
    double[] widths(double width) {
        double[] widths = new double[columns];
        JsonNode given = block.get("column_widths_in_percent");
        double sum = 0;
        for (int c = 0; c < columns; c++) {
            widths[c] = given != null && c < given.size() ? given.get(c).asDouble() : 1;
            sum += widths[c];
        }
        for (int c = 0; c < columns; c++) {
            widths[c] = widths[c] / sum * width;
        }
        return widths;
    }

}
