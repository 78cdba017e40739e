package io.lamina.sheet.service;

import io.lamina.sheet.OutputFormat;
import io.lamina.sheet.Requests;
import io.lamina.sheet.SheetErrors;
import io.lamina.sheet.SheetRequest;
import org.junit.jupiter.api.Test;

import static io.lamina.sheet.Requests.csvRequest;
import static io.lamina.sheet.Requests.failure;
import static io.lamina.sheet.Requests.json;
import static io.lamina.sheet.Requests.parse;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

class SheetRequestParserTest {

    private static final String THREE_COLUMNS = "[{'name':'a'},{'name':'b','width':12},{'name':'c'}]";

    private static String invalid(String request) {
        return failure(SheetErrors.INVALID_PARAMS, () -> parse(request));
    }

    private static String overLimit(String request, Requests.Limits limits) {
        return failure(SheetErrors.LIMIT_EXCEEDED, () -> new SheetRequestParser(limits).parse(json(request)));
    }

    @Test
    void acceptsAValidRequestAndShorterRows() {
        SheetRequest request = parse(csvRequest(THREE_COLUMNS, "[[1,2,3],[1],[]]"));
        assertEquals(OutputFormat.CSV, request.format());
        assertFalse(request.includeBom());
        assertEquals(3, request.sheets().get(0).rowCount());
    }

    @Test
    void rejectsRowLongerThanColumns() {
        assertEquals("sheets[0].rows[3]: 4 cells but the sheet has 3 columns",
                invalid(csvRequest(THREE_COLUMNS, "[[1],[2],[3],[1,2,3,4]]")));
    }

    @Test
    void rejectsMissingOrUnknownFormat() {
        assertEquals("format: required: one of csv, markdown, xlsx", invalid("{'sheets':[]}"));
        assertEquals("format: unknown format 'pdf'; expected one of csv, markdown, xlsx",
                invalid("{'format':'pdf','sheets':[]}"));
    }

    @Test
    void rejectsSeveralSheetsInCsv() {
        String sheet = "{'columns':[{'name':'a'}],'rows':[]}";
        assertEquals("sheets: CSV output holds exactly one sheet, got 2; use markdown for several",
                invalid("{'format':'csv','sheets':[" + sheet + "," + sheet + "]}"));
    }

    @Test
    void rejectsMalformedSheetsColumnsAndRows() {
        assertEquals("sheets: must be a non-empty array of sheets", invalid("{'format':'csv','sheets':[]}"));
        assertEquals("sheets[0].columns: must be a non-empty array of columns",
                invalid(csvRequest("[]", "[]")));
        assertEquals("sheets[0].columns[1]: must be an object with a string 'name'",
                invalid(csvRequest("[{'name':'a'},{'title':'b'}]", "[]")));
        assertEquals("sheets[0].columns[0].width: must be a positive number",
                invalid(csvRequest("[{'name':'a','width':-3}]", "[]")));
        assertEquals("sheets[0].rows[1]: must be an array of cells",
                invalid(csvRequest(THREE_COLUMNS, "[[1],{'a':1}]")));
        assertEquals("sheets[0].rows[0][1]: a cell must be a string, number, boolean, null or a cell object",
                invalid(csvRequest(THREE_COLUMNS, "[[1,[2]]]")));
        assertEquals("include_bom: must be true or false",
                invalid("{'format':'csv','include_bom':'yes','sheets':[{'columns':[{'name':'a'}],'rows':[]}]}"));
    }

    @Test
    void rejectsBadCellObjectsWithTheirPath() {
        assertEquals("sheets[0].rows[0][2].format: unknown format 'money'; expected one of text, number, decimal, "
                        + "currency, percentage, date, datetime, time, custom",
                invalid(csvRequest(THREE_COLUMNS, "[[1,2,{'value':3,'format':'money'}]]")));
        assertEquals("sheets[0].rows[0][0].number_style: unknown number style 'dot'; expected one of comma_period, "
                        + "period_comma, space_comma, space_period",
                invalid(csvRequest(THREE_COLUMNS, "[[{'value':1,'number_style':'dot'}]]")));
        assertEquals("sheets[0].rows[0][0].date_style: unsupported date style 'd MMM'; supported: yyyy-MM-dd, "
                        + "dd.MM.yyyy, dd/MM/yyyy, MM/dd/yyyy",
                invalid(csvRequest(THREE_COLUMNS, "[[{'value':'2026-01-01','date_style':'d MMM'}]]")));
        assertEquals("sheets[0].rows[0][0].currency_code: must be a three-letter ISO 4217 code, got 'EURO'",
                invalid(csvRequest(THREE_COLUMNS, "[[{'value':1,'currency_code':'EURO'}]]")));
        assertEquals("sheets[0].rows[0][0].value: must be a string, number, boolean or null",
                invalid(csvRequest(THREE_COLUMNS, "[[{'value':{'x':1}}]]")));
        assertEquals("sheets[0].rows[0][0].from_col: must be a non-negative integer",
                invalid(csvRequest(THREE_COLUMNS, "[[{'value':1,'from_col':-1}]]")));
    }

    @Test
    void rejectsTooManyRows() {
        assertEquals("sheets[0].rows: 3 rows, the limit is 2 per sheet",
                overLimit(csvRequest(THREE_COLUMNS, "[[1],[2],[3]]"), new Requests.Limits(2, 10, 100)));
    }

    @Test
    void rejectsTooManyColumns() {
        assertEquals("sheets[0].columns: 3 columns, the limit is 2",
                overLimit(csvRequest(THREE_COLUMNS, "[]"), new Requests.Limits(10, 2, 100)));
    }

    @Test
    void rejectsCellsAndColumnNamesOverTheLengthLimit() {
        Requests.Limits limits = new Requests.Limits(10, 10, 5);
        assertEquals("sheets[0].rows[1][0]: 6 characters, the limit is 5",
                overLimit(csvRequest(THREE_COLUMNS, "[['12345'],[{'value':'123456'}]]"), limits));
        assertEquals("sheets[0].columns[0].name: 6 characters, the limit is 5",
                overLimit(csvRequest("[{'name':'abcdef'}]", "[]"), limits));
    }
}
