package io.lamina.sheet.model;

/**
 * How large a sheet request may be. The defaults are Excel's own limits rounded down (a sheet holds 1,048,576 rows
 * and 16,384 columns, a cell 32,767 characters), so a request that fits here also fits an XLSX file. The gateway
 * validates with {@link #DEFAULTS}; sheet-service with its configured {@code lamina.sheets.*} values.
 *
 * @param maxRows body rows per sheet (the header row is not counted), rows from an extraction included
 * @param maxColumns columns per sheet
 * @param maxCellLength characters in one cell value or column name (formulas included)
 */
public record SheetLimits(int maxRows, int maxColumns, int maxCellLength) {

    public static final SheetLimits DEFAULTS = new SheetLimits(1_000_000, 1_000, 32_767);

    /** Excel's hard limits, which apply to XLSX output whatever the configured limits say. */
    public static final int XLSX_MAX_BODY_ROWS = 1_048_575;
    public static final int XLSX_MAX_COLUMNS = 16_384;
    public static final int XLSX_MAX_CELL_LENGTH = 32_767;

    public SheetLimits {
        if (maxRows < 0 || maxColumns < 1 || maxCellLength < 1) {
            throw new IllegalArgumentException("sheet limits must be positive: " + maxRows + ", " + maxColumns
                    + ", " + maxCellLength);
        }
    }
}
