package io.lamina.sheet.model;

import java.util.List;

/**
 * A validated sheet request: everything the writers need, nothing they have to check again.
 *
 * @param headerStyle the request's {@code styles.header} over {@link CellStyle#DEFAULT_HEADER}
 * @param bodyStyle the request's {@code styles.body} ({@link CellStyle#NONE} when absent)
 * @param fontFamilies names of the request's {@code fonts} (XLSX references fonts by name; files are not embedded)
 */
public record SheetRequest(OutputFormat format, boolean includeBom, List<Sheet> sheets, CellStyle headerStyle,
                           CellStyle bodyStyle, List<String> fontFamilies) {
}
