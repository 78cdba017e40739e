package io.lamina.extraction.model.extract;

import io.lamina.extraction.model.layout.Box;
import io.lamina.extraction.model.layout.DocumentLayout;
import io.lamina.extraction.model.layout.Line;
import io.lamina.extraction.model.layout.Page;
import io.lamina.extraction.model.parse.Dates;
import io.lamina.extraction.model.schema.FieldSpec;
import io.lamina.extraction.model.schema.FieldType;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * ARRAY items from the Markdown pipe tables of a document (for formats whose layout has no real geometry: DOCX,
 * HTML, …): the table whose header cells name at least two item fields; rows up to a total/tax row. Page and box come
 * from the first layout line that contains the cell's text.
 */
final class MarkdownTables {

    private MarkdownTables() {
    }

    static List<Map<String, FieldResult>> rows(FieldSpec array, DocumentLayout layout, Dates.Order order) {
        List<Map<String, FieldResult>> out = new ArrayList<>();
        if (layout.markdown() == null) {
            return out;
        }
        List<FieldSpec> columns = array.fields().stream().filter(f -> f.type() != FieldType.CALCULATED).toList();
        List<List<String>> table = new ArrayList<>();
        for (String raw : (layout.markdown() + "\n").split("\n")) {
            String line = raw.trim();
            if (line.startsWith("|")) {
                table.add(cells(line));
                continue;
            }
            if (!table.isEmpty()) {
                read(table, columns, layout, order, out);
                table = new ArrayList<>();
            }
        }
        return out;
    }

    private static void read(List<List<String>> table, List<FieldSpec> columns, DocumentLayout layout, Dates.Order order,
                             List<Map<String, FieldResult>> out) {
        if (table.size() < 3 || !table.get(1).stream().allMatch(c -> c.matches(":?-{2,}:?"))) {
            return;
        }
        List<String> header = table.get(0);
        Map<Integer, FieldSpec> byColumn = new HashMap<>();
        Set<FieldSpec> taken = new HashSet<>();
        for (int pass = 0; pass < 2; pass++) {
            for (int c = 0; c < header.size(); c++) {
                if (byColumn.containsKey(c)) {
                    continue;
                }
                List<String> tokens = Labels.tokens(header.get(c));
                for (FieldSpec f : columns) {
                    if (taken.contains(f)) {
                        continue;
                    }
                    boolean match = false;
                    for (Labels.Label label : Labels.of(f, true)) {
                        match |= pass == 0 ? label.tokens().equals(tokens)
                                : label.weight() >= 0.85 && String.join(" ", tokens).contains(String.join(" ", label.tokens()));
                    }
                    if (match) {
                        byColumn.put(c, f);
                        taken.add(f);
                        break;
                    }
                }
            }
        }
        if (byColumn.size() < Math.min(2, columns.size())) {
            return;
        }
        for (List<String> row : table.subList(2, table.size())) {
            if (!row.isEmpty() && stop(row.get(0)) || row.stream().allMatch(String::isBlank)) {
                if (!row.isEmpty() && stop(row.get(0))) {
                    break;
                }
                continue;
            }
            Map<String, FieldResult> item = new LinkedHashMap<>();
            for (Map.Entry<Integer, FieldSpec> e : byColumn.entrySet()) {
                if (e.getKey() >= row.size()) {
                    continue;
                }
                String text = row.get(e.getKey()).replace("<br>", " ").replace("\\|", "|");
                FieldSpec f = e.getValue();
                Optional<TypedValues.Read> r = TypedValues.read(f, text, order);
                if (r.isEmpty()) {
                    continue;
                }
                String quote = text.substring(r.get().start(), r.get().end()).trim();
                Integer page = null;
                Box box = null;
                search:
                for (Page p : layout.pages()) {
                    for (Line l : p.lines()) {
                        if (l.text() != null && l.text().contains(quote)) {
                            page = p.number();
                            box = l.box();
                            break search;
                        }
                    }
                }
                item.put(f.name(), new FieldResult(f, r.get().value(), 0.95 * r.get().quality(), List.of(quote),
                        layout.fileName(), page, box));
            }
            if (!item.isEmpty()) {
                out.add(item);
            }
        }
    }

    private static boolean stop(String first) {
        List<LineTokens.Token> tokens = LineTokens.tokenize(first);
        if (tokens.isEmpty()) {
            return false;
        }
        String head = tokens.get(0).text();
        return Set.of("total", "subtotal", "summe", "zwischensumme", "gesamt", "gesamtbetrag", "netto", "brutto", "mwst",
                "vat", "tax", "ust", "tva", "sous").contains(head) && tokens.size() <= 4;
    }

    private static List<String> cells(String line) {
        List<String> cells = new ArrayList<>();
        StringBuilder cell = new StringBuilder();
        String s = line.substring(1);
        if (s.endsWith("|") && !s.endsWith("\\|")) {
            s = s.substring(0, s.length() - 1);
        }
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '\\' && i + 1 < s.length() && s.charAt(i + 1) == '|') {
                cell.append("\\|");
                i++;
            } else if (c == '|') {
                cells.add(cell.toString().trim());
                cell.setLength(0);
            } else {
                cell.append(c);
            }
        }
        cells.add(cell.toString().trim());
        return cells;
    }
}
