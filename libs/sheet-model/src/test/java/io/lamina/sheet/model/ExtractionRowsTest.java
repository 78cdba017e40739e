package io.lamina.sheet.model;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static io.lamina.sheet.model.SheetRequestParserTest.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Extraction outputs (shaped as in EXTRACTION-CONTRACT: field results keyed by field name) turned into rows. */
class ExtractionRowsTest {

    /** An invoice as document_extraction returns it: typed values with confidence, citations and positions. */
    private static String invoice(String number, String date, double total, String items) {
        return """
                {"invoice_number": {"value": "%s", "confidence": 0.97, "citations": ["Invoice %s"],
                                    "source": "%s.pdf", "type": "TEXT", "page": 1,
                                    "bounding_box": {"x": 72, "y": 90, "width": 80, "height": 12}},
                 "invoice_date": {"value": "%s", "confidence": 0.91, "citations": ["Date: %s"], "source": "%s.pdf",
                                  "type": "DATE", "page": 1, "bounding_box": null},
                 "total": {"value": %s, "confidence": 0.88, "citations": ["Total %s"], "source": "%s.pdf",
                           "type": "CURRENCY_AMOUNT", "page": 2, "bounding_box": null},
                 "supplier_address": {"value": {"street": "1 Main St", "city": "Springfield", "postal_code": "12345",
                                                "region": null, "country": "US"},
                                      "confidence": 0.8, "citations": [], "source": "%s.pdf", "type": "ADDRESS",
                                      "page": 1, "bounding_box": null},
                 "line_items": {"value": %s, "confidence": 0.9, "citations": [], "source": "%s.pdf", "type": "ARRAY",
                                "page": 1, "bounding_box": null}}"""
                .formatted(number, number, number, date, date, number, total, total, number, number, items, number);
    }

    private static String item(String description, int quantity, double amount) {
        return """
                {"description": {"value": "%s", "confidence": 0.9, "citations": ["%s"], "source": "x.pdf",
                                 "type": "TEXT", "page": 1, "bounding_box": null},
                 "quantity": {"value": %d, "confidence": 0.9, "citations": [], "source": "x.pdf", "type": "INTEGER",
                              "page": 1, "bounding_box": null},
                 "amount": {"value": %s, "confidence": 0.9, "citations": [], "source": "x.pdf",
                            "type": "CURRENCY_AMOUNT", "page": 1, "bounding_box": null}}"""
                .formatted(description, description, quantity, amount);
    }

    private static final String INV_1 = invoice("INV-1", "2026-03-17", 150.0,
            "[" + item("Paper", 10, 50.0) + "," + item("Ink", 2, 100.0) + "]");
    private static final String INV_2 = invoice("INV-2", "2026-04-01", 12.5, "[]");

    private static SheetRequestParser.Parsed parse(String extraction, String fields, int columns) {
        List<String> names = new ArrayList<>();
        for (int i = 0; i < columns; i++) {
            names.add("{\"name\": \"c" + i + "\"}");
        }
        return new SheetRequestParser(SheetLimits.DEFAULTS).parse(json("""
                {"format": "xlsx", "sheets": [{"columns": %s,
                  "rows_from": {"extraction": %s, "fields": %s},
                  "rows": %s}]}""".formatted(names, extraction, fields,
                columns >= 4 ? "[[\"Total\", null, null, \"=SUM(D2:D4)\"]]" : "[]")));
    }

    private static List<String> rows(SheetRequestParser.Parsed parsed) {
        assertTrue(parsed.valid(), parsed.problems().toString());
        Sheet sheet = parsed.request().sheets().get(0);
        List<String> rows = new ArrayList<>();
        for (int r = 0; r < sheet.rowCount(); r++) {
            rows.add(sheet.rows().row(r).toString());
        }
        return rows;
    }

    @Test
    void oneRowPerOutputFromAGatheredFanOut() {
        List<String> rows = rows(parse("[" + INV_1 + "," + INV_2 + "]", """
                ["invoice_number", "invoice_date", {"field": "total", "attribute": "confidence"},
                 {"field": "total", "format": "currency", "currency_code": "EUR"}]""", 4));
        assertEquals(List.of(
                "[\"INV-1\",{\"format\":\"date\",\"value\":\"2026-03-17\"},0.88,"
                        + "{\"format\":\"currency\",\"currency_code\":\"EUR\",\"value\":150.0}]",
                "[\"INV-2\",{\"format\":\"date\",\"value\":\"2026-04-01\"},0.88,"
                        + "{\"format\":\"currency\",\"currency_code\":\"EUR\",\"value\":12.5}]",
                "[\"Total\",null,null,\"=SUM(D2:D4)\"]"), rows);
    }

    @Test
    void arrayFieldsGiveOneRowPerItemWithTheParentFieldsRepeated() {
        List<String> rows = rows(parse("[" + INV_1 + "," + INV_2 + "]", """
                ["invoice_number", "line_items.description", "line_items.quantity", "line_items.amount"]""", 4));
        assertEquals(List.of(
                "[\"INV-1\",\"Paper\",10,50.0]",
                "[\"INV-1\",\"Ink\",2,100.0]",
                "[\"INV-2\",null,null,null]",
                "[\"Total\",null,null,\"=SUM(D2:D4)\"]"), rows);
    }

    @Test
    void takesOneOutputAndOtherAttributes() {
        List<String> rows = rows(parse(INV_1, """
                [{"field": "invoice_number", "attribute": "source"}, {"field": "total", "attribute": "page"},
                 "supplier_address", {"field": "invoice_number", "attribute": "citations"}]""", 4));
        assertEquals("[\"INV-1.pdf\",2,\"1 Main St, 12345 Springfield, US\",\"Invoice INV-1\"]", rows.get(0));
    }

    @Test
    void plainObjectsOfValuesWorkTooAndExtractedTextIsNeverAFormula() {
        List<String> rows = rows(parse("[{\"name\": \"=cmd\", \"n\": 1}]", "[\"name\", \"n\"]", 2));
        assertEquals("[{\"format\":\"text\",\"value\":\"=cmd\"},1]", rows.get(0));
    }

    @Test
    void reportsUnknownFieldsMismatchedColumnsAndTwoArrays() {
        SheetRequestParser.Parsed parsed = parse(INV_1, """
                ["invoice_numbr", "line_items.description", "payments.amount"]""", 4);
        List<String> problems = parsed.problems().stream().map(p -> p.describe("")).toList();
        assertEquals(List.of(
                "sheets[0].rows_from.fields: 3 fields for 4 columns; give one field per column",
                "sheets[0].rows_from.fields[2]: items of 'line_items' and of 'payments' cannot share rows; a sheet "
                        + "expands one ARRAY field (use another sheet for the other)"), problems);

        problems = parse(INV_1, "[\"invoice_numbr\", \"total\", \"line_items.amount\", \"line_items.colour\"]", 4)
                .problems().stream().map(p -> p.describe("")).toList();
        assertEquals(2, problems.size(), problems.toString());
        assertTrue(problems.get(0).startsWith("sheets[0].rows_from.fields[0]: no field 'invoice_numbr' in the "
                + "extraction output; its fields are: invoice_number, invoice_date, total, supplier_address, "
                + "line_items.description, line_items.quantity, line_items.amount"), problems.get(0));
        assertTrue(problems.get(1).startsWith("sheets[0].rows_from.fields[3]: no field 'line_items.colour'"),
                problems.get(1));
    }

    @Test
    void reportsOutputsThatAreNotObjectsAndTheRowLimit() {
        List<String> problems = parse("[" + INV_1 + ", 42]", "[\"invoice_number\", \"total\", \"total\", \"total\"]",
                4).problems().stream().map(p -> p.describe("")).toList();
        assertEquals(List.of("sheets[0].rows_from.extraction[1]: must be an extraction output: an object keyed by "
                + "field name"), problems);

        JsonNode request = json("""
                {"format": "csv", "sheets": [{"columns": [{"name": "d"}],
                  "rows_from": {"extraction": %s, "fields": ["line_items.description"]}}]}""".formatted(INV_1));
        SheetRequestParser.Parsed parsed = new SheetRequestParser(new SheetLimits(1, 10, 100)).parse(request);
        assertTrue(parsed.limitExceeded());
        assertEquals("sheets[0].rows_from: 2 rows, the limit is 1 per sheet", parsed.problems().get(0).describe(""));
    }
}
