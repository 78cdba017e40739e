package io.lamina.sheet.model.formula;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An A1-style reference ({@code B2}, {@code $B$2}) or range ({@code B2:B10}) in sheet coordinates: columns from 0
 * ({@code A}), rows from 1, where row 1 is the header and row 2 the first body row.
 */
record CellRange(int firstColumn, int firstRow, int lastColumn, int lastRow) {

    /** Excel's own bounds: column XFD, row 1,048,576. */
    static final int MAX_COLUMNS = 16_384;
    static final int MAX_ROW = 1_048_576;

    private static final Pattern RANGE = Pattern.compile(
            "\\$?([A-Z]{1,3})\\$?([0-9]{1,7})(?::\\$?([A-Z]{1,3})\\$?([0-9]{1,7}))?", Pattern.CASE_INSENSITIVE);

    static Optional<CellRange> parse(String text) {
        Matcher m = RANGE.matcher(text.strip());
        if (!m.matches()) {
            return Optional.empty();
        }
        int c1 = column(m.group(1));
        int r1 = Integer.parseInt(m.group(2));
        int c2 = m.group(3) == null ? c1 : column(m.group(3));
        int r2 = m.group(4) == null ? r1 : Integer.parseInt(m.group(4));
        if (!inBounds(c1, r1) || !inBounds(c2, r2)) {
            return Optional.empty();
        }
        return Optional.of(new CellRange(Math.min(c1, c2), Math.min(r1, r2), Math.max(c1, c2), Math.max(r1, r2)));
    }

    private static int column(String letters) {
        int index = 0;
        for (char ch : letters.toUpperCase().toCharArray()) {
            index = index * 26 + (ch - 'A' + 1);
        }
        return index - 1;
    }

    private static boolean inBounds(int column, int row) {
        return column < MAX_COLUMNS && row >= 1 && row <= MAX_ROW;
    }
}
