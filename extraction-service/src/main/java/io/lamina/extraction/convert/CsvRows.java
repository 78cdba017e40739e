package io.lamina.extraction.convert;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** A small RFC 4180 reader (quoted fields may hold commas, doubled quotes and line breaks) for text inputs. */
final class CsvRows {

    private CsvRows() {
    }

    /** The records of {@code text}, or empty when a quoted field is never closed or a quote sits mid-field. */
    static Optional<List<List<String>>> parse(String text) {
        List<List<String>> rows = new ArrayList<>();
        List<String> row = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        boolean quoted = false;
        boolean fieldWasQuoted = false;
        int i = 0;
        while (i < text.length()) {
            char ch = text.charAt(i);
            if (quoted) {
                if (ch == '"') {
                    if (i + 1 < text.length() && text.charAt(i + 1) == '"') {
                        field.append('"');
                        i++;
                    } else {
                        quoted = false;
                    }
                } else {
                    field.append(ch);
                }
            } else if (ch == '"') {
                if (field.length() > 0 || fieldWasQuoted) {
                    return Optional.empty();
                }
                quoted = true;
                fieldWasQuoted = true;
            } else if (ch == ',') {
                row.add(field.toString());
                field.setLength(0);
                fieldWasQuoted = false;
            } else if (ch == '\r' || ch == '\n') {
                if (ch == '\r' && i + 1 < text.length() && text.charAt(i + 1) == '\n') {
                    i++;
                }
                row.add(field.toString());
                rows.add(row);
                row = new ArrayList<>();
                field.setLength(0);
                fieldWasQuoted = false;
            } else {
                if (fieldWasQuoted) {
                    return Optional.empty();
                }
                field.append(ch);
            }
            i++;
        }
        if (quoted) {
            return Optional.empty();
        }
        if (field.length() > 0 || fieldWasQuoted || !row.isEmpty()) {
            row.add(field.toString());
            rows.add(row);
        }
        return Optional.of(rows);
    }

    /** At least two records, all with the same number (at least two) of fields. */
    static boolean consistent(List<List<String>> rows) {
        if (rows.size() < 2) {
            return false;
        }
        int width = rows.get(0).size();
        return width >= 2 && rows.stream().allMatch(r -> r.size() == width);
    }
}
