package io.lamina.sheet.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * {@code lamina.sheets.*}: how large a sheet request may be. The defaults are Excel's own limits (a sheet of 1,048,576
 * rows, cells of 32,767 characters) rounded down, so that a request that fits here also fits an XLSX file later.
 * A request over a limit fails with {@code limit_exceeded}.
 */
@ConfigMapping(prefix = "lamina.sheets")
public interface SheetLimits {

    /** Body rows per sheet (the header row is not counted). */
    @WithDefault("1000000")
    int maxRows();

    /** Columns per sheet. */
    @WithDefault("1000")
    int maxColumns();

    /** Characters in one cell value or column name (formulas included). */
    @WithDefault("32767")
    int maxCellLength();
}
