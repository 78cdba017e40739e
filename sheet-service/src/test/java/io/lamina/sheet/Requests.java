package io.lamina.sheet;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.lamina.ops.runtime.OperationException;
import io.lamina.sheet.config.SheetLimits;
import io.lamina.sheet.render.CsvSheetWriter;
import io.lamina.sheet.render.MarkdownSheetWriter;
import io.lamina.sheet.service.SheetRequestParser;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * Test fixtures: requests written as JSON, parsed and rendered like the operation does. JSON without any double quote
 * may use single quotes instead, which keeps the requests in the tests readable.
 */
public final class Requests {

    public static final ObjectMapper MAPPER = new ObjectMapper();

    public record Limits(int maxRows, int maxColumns, int maxCellLength) implements SheetLimits {
    }

    public static final SheetLimits DEFAULT_LIMITS = new Limits(1_000_000, 1_000, 32_767);

    private Requests() {
    }

    public static JsonNode json(String json) {
        try {
            return MAPPER.readTree(json.indexOf('"') >= 0 ? json : json.replace('\'', '"'));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static SheetRequest parse(String json) {
        return new SheetRequestParser(DEFAULT_LIMITS).parse(json(json));
    }

    /** A one-sheet CSV request with these columns and rows (JSON arrays, single quotes allowed). */
    public static String csvRequest(String columns, String rows) {
        return "{'format':'csv','sheets':[{'columns':" + columns + ",'rows':" + rows + "}]}";
    }

    public static String csv(String request) {
        StringWriter out = new StringWriter();
        try {
            new CsvSheetWriter().write(parse(request), out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }

    public static String markdown(String request) {
        StringWriter out = new StringWriter();
        try {
            new MarkdownSheetWriter().write(parse(request), out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }

    /** Runs {@code action}, which must fail with {@code code}; returns the message. */
    public static String failure(String code, Runnable action) {
        OperationException e = assertThrows(OperationException.class, action::run);
        assertEquals(code, e.error().code(), e.getMessage());
        return e.getMessage();
    }
}
