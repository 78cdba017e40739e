package io.lamina.sheet.config;

import io.lamina.sheet.model.SheetLimits;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * {@code lamina.sheets.*}: how large a sheet request may be (see {@link SheetLimits}: the defaults are the same as
 * the gateway's, Excel's own limits rounded down). A request over a limit fails with {@code limit_exceeded}.
 */
@ConfigMapping(prefix = "lamina.sheets")
public interface SheetConfig {

    /** Body rows per sheet (the header row is not counted). */
    @WithDefault("1000000")
    int maxRows();

    /** Columns per sheet. */
    @WithDefault("1000")
    int maxColumns();

    /** Characters in one cell value or column name (formulas included). */
    @WithDefault("32767")
    int maxCellLength();

    /** Distinct cell styles one XLSX file may use (Excel allows 64,000). */
    @WithDefault("60000")
    int maxXlsxStyles();

    /** Zip deflate level of XLSX files: 1 (fastest, the default) to 9 (smallest). */
    @WithDefault("1")
    int xlsxCompressionLevel();

    default SheetLimits limits() {
        return new SheetLimits(maxRows(), maxColumns(), maxCellLength());
    }
}
