package io.lamina.sheet.model;

/**
 * A merged range of one sheet in body coordinates: rows are 0-based indices into the request's {@code rows} (the
 * header is not counted), columns 0-based. The cell at ({@code firstRow}, {@code firstColumn}) holds the value.
 */
public record Merge(int firstRow, int lastRow, int firstColumn, int lastColumn) {
}
