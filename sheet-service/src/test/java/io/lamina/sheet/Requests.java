package io.lamina.sheet;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.lamina.ops.runtime.OperationException;
import io.lamina.sheet.config.SheetConfig;
import io.lamina.sheet.model.SheetException;
import io.lamina.sheet.model.SheetLimits;
import io.lamina.sheet.model.SheetRequest;
import io.lamina.sheet.model.SheetRequestParser;
import io.lamina.sheet.render.CsvSheetWriter;
import io.lamina.sheet.render.MarkdownSheetWriter;
import io.lamina.sheet.render.XlsxSheetWriter;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Test fixtures: requests written as JSON, parsed and rendered like the operation does. JSON without any double quote
 * may use single quotes instead, which keeps the requests in the tests readable.
 */
public final class Requests {

    public static final ObjectMapper MAPPER = new ObjectMapper();

    public static final SheetLimits DEFAULT_LIMITS = SheetLimits.DEFAULTS;

    /** The service's configuration with the default limits. */
    public record Config(int maxRows, int maxColumns, int maxCellLength, int maxXlsxStyles, int xlsxCompressionLevel)
            implements SheetConfig {
    }

    public static final SheetConfig DEFAULT_CONFIG = new Config(1_000_000, 1_000, 32_767, 60_000, 1);

    private Requests() {
    }

    public static JsonNode json(String json) {
        try {
            return MAPPER.readTree(json.indexOf('"') >= 0 ? json : json.replace('\'', '"'));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Parses like the service: an invalid request throws the operation's failure. */
    public static SheetRequest parse(String json) {
        return parse(json, DEFAULT_LIMITS);
    }

    public static SheetRequest parse(String json, SheetLimits limits) {
        SheetRequestParser.Parsed parsed = new SheetRequestParser(limits).parse(json(json));
        if (!parsed.valid()) {
            throw SheetErrors.of(parsed);
        }
        return parsed.request();
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

    public static byte[] xlsx(String request) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            new XlsxSheetWriter(60_000, 1).write(parse(request), out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /** Runs {@code action}, which must fail with {@code code}; returns the message. */
    public static String failure(String code, Runnable action) {
        try {
            action.run();
        } catch (OperationException e) {
            assertEquals(code, e.error().code(), e.getMessage());
            return e.getMessage();
        } catch (SheetException e) {
            assertEquals(code, e.code(), e.getMessage());
            return e.getMessage();
        }
        return fail("expected a failure with " + code);
    }
}
