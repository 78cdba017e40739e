package io.lamina.sheet.model;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.lamina.contracts.Operation;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SheetRequestParserTest {

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final String THREE_COLUMNS = "[{'name':'a'},{'name':'b','width':12},{'name':'c'}]";

    static JsonNode json(String json) {
        try {
            return MAPPER.readTree(json.indexOf('"') >= 0 ? json : json.replace('\'', '"'));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String request(String format, String columns, String rows) {
        return "{'format':'" + format + "','sheets':[{'columns':" + columns + ",'rows':" + rows + "}]}";
    }

    /** What the gateway would answer: every problem as {@code path: message}. */
    private static List<String> problems(String request) {
        return problems(request, SheetLimits.DEFAULTS);
    }

    private static List<String> problems(String request, SheetLimits limits) {
        return new SheetParamsValidator(limits).validate(Operation.SHEET_GENERATION, json(request)).stream()
                .map(p -> p.describe("")).toList();
    }

    private static String only(String request) {
        List<String> problems = problems(request);
        assertEquals(1, problems.size(), problems.toString());
        return problems.get(0);
    }

    @Test
    void acceptsAValidRequestAndShorterRows() {
        SheetRequestParser.Parsed parsed = new SheetRequestParser(SheetLimits.DEFAULTS)
                .parse(json(request("csv", THREE_COLUMNS, "[[1,2,3],[1],[]]")));
        assertTrue(parsed.valid(), parsed.problems().toString());
        assertEquals(OutputFormat.CSV, parsed.request().format());
        assertFalse(parsed.request().includeBom());
        Sheet sheet = parsed.request().sheets().get(0);
        assertEquals(3, sheet.rowCount());
        assertEquals(12.0, sheet.columns().get(1).width());
        assertTrue(sheet.freezeHeader() && sheet.autofilter());
    }

    @Test
    void reportsEveryProblemWithItsPath() {
        List<String> problems = problems("""
                {'format':'xlsx','include_bom':'yes','sheets':[{'columns':[{'name':'a'},{'title':'b'}],
                 'rows':[[1,2,3],{'a':1},[[2]],[{'value':3,'format':'money'},{'value':'x','number_style':'dot'}]]}]}""");
        assertEquals(List.of(
                "include_bom: must be true or false",
                "sheets[0].columns[1]: must be an object with a string 'name'",
                "sheets[0].rows[0]: 3 cells but the sheet has 2 columns",
                "sheets[0].rows[1]: must be an array of cells",
                "sheets[0].rows[2][0]: a cell must be a string, number, boolean, null or a cell object",
                "sheets[0].rows[3][0].format: unknown format 'money'; expected one of text, number, decimal, "
                        + "currency, percentage, date, datetime, time, custom",
                "sheets[0].rows[3][1].number_style: unknown number style 'dot'; expected one of comma_period, "
                        + "period_comma, space_comma, space_period"), problems);
    }

    @Test
    void rejectsMissingOrUnknownFormatAndEmptySheets() {
        assertEquals(List.of("format: required: one of csv, markdown, xlsx", "sheets: must be a non-empty array of "
                + "sheets"), problems("{'sheets':[]}"));
        assertEquals("format: unknown format 'pdf'; expected one of csv, markdown, xlsx",
                only("{'format':'pdf','sheets':[{'columns':[{'name':'a'}]}]}"));
        assertEquals("sheets[0].columns: must be a non-empty array of columns", only(request("csv", "[]", "[]")));
        assertEquals("sheets[0].columns[0].width: must be a positive number of at most 255 (characters)",
                only(request("csv", "[{'name':'a','width':-3}]", "[]")));
        assertEquals("sheets[0].columns[0].name: must not be empty", only(request("csv", "[{'name':''}]", "[]")));
    }

    @Test
    void rejectsSeveralSheetsInCsvButNotInXlsx() {
        String sheet = "{'columns':[{'name':'a'}],'rows':[]}";
        assertEquals("sheets: CSV output holds exactly one sheet, got 2; use markdown or xlsx for several",
                only("{'format':'csv','sheets':[" + sheet + "," + sheet + "]}"));
        assertTrue(problems("{'format':'xlsx','sheets':[" + sheet + "," + sheet + "]}").isEmpty());
    }

    @Test
    void checksValuesAgainstTheirFormats() {
        List<String> problems = problems(request("xlsx", "[{'name':'v'}]", """
                [[{'value':'12 EUR','format':'currency'}],[{'value':'17/03/2026','format':'date'}],
                 [{'value':'2026-02-30','format':'date'}],[{'value':'25:00','format':'time'}],
                 [{'value':1,'currency_code':'EURO'}],[{'value':'2026-01-01','format':'date','date_style':'d MMM #'}],
                 [{'value':'=SUM(A1:A2)','format':'currency'}],[{'value':'2026-11-24T07:05:00+01:00','format':'datetime'}]]"""));
        assertEquals(List.of(
                "sheets[0].rows[0][0].value: format 'currency' needs a number, got a string",
                "sheets[0].rows[1][0].value: format 'date' needs an ISO 8601 date such as 2026-11-24, got '17/03/2026'",
                "sheets[0].rows[2][0].value: format 'date' needs an ISO 8601 date such as 2026-11-24, got '2026-02-30'",
                "sheets[0].rows[3][0].value: format 'time' needs a time such as 07:05 or 07:05:30, got '25:00'",
                "sheets[0].rows[4][0].currency_code: must be an ISO 4217 currency code such as EUR, got 'EURO'",
                "sheets[0].rows[5][0].date_style: 'd MMM #' is not an Excel date/time code Lamina can write; use codes"
                        + " such as dd/mm/yyyy, yyyy-mm-dd hh:mm:ss, d mmm yyyy, hh:mm AM/PM"), problems);
    }

    @Test
    void checksStylesAndFonts() {
        List<String> problems = problems("""
                {'format':'xlsx','styles':{'header':{'background_color':'blue','font_size_in_pt':0},
                 'body':{'horizontal_alignment':'justify','is_bold':'yes'}},
                 'fonts':[{'name':'Inter','weight':'regular','style':'normal','file':{'type':'file','file_id':'f1'}},
                          {'name':'','style':'oblique'}],
                 'sheets':[{'columns':[{'name':'a'}],'rows':[[{'value':1,'styles':{'font_color':'#12345G'}}]]}]}""");
        assertEquals(List.of(
                "styles.header.background_color: must be a 6-digit hex colour such as 1F4E79",
                "styles.header.font_size_in_pt: must be a number from 1 to 409",
                "styles.body.horizontal_alignment: must be one of left, center, right",
                "styles.body.is_bold: must be true or false",
                "fonts[1].name: required: a font family name of 1 to 31 characters",
                "fonts[1].weight: required: a weight such as regular or bold",
                "fonts[1].style: required: normal or italic",
                "fonts[1].file: required: a file input {\"type\":\"base64\"|\"url\"|\"file\", …}",
                "sheets[0].rows[0][0].styles.font_color: must be a 6-digit hex colour such as 1F4E79"), problems);
    }

    @Test
    void checksXlsxSheetNames() {
        String sheet = "{'name':'%s','columns':[{'name':'a'}]}";
        assertEquals(List.of("sheets[1].name: another sheet is already called 'sales' (Excel compares sheet names "
                        + "ignoring case)", "sheets[2].name: an XLSX sheet name cannot contain any of []:*?/\\",
                        "sheets[3].name: an XLSX sheet name has 1 to 31 characters, got 32"),
                problems("{'format':'xlsx','sheets':[" + sheet.formatted("Sales") + "," + sheet.formatted("sales")
                        + "," + sheet.formatted("Q1/Q2") + "," + sheet.formatted("x".repeat(32)) + "]}"));
        assertTrue(problems("{'format':'markdown','sheets':[" + sheet.formatted("Q1/Q2") + "]}").isEmpty());
    }

    @Test
    void checksFormulasCsvAndMarkdownCanEvaluateButLeavesXlsxFormulasToExcel() {
        String rows = "[[1],['=VLOOKUP(A2,A2:A3,1)']]";
        assertEquals("sheets[0].rows[1][0]: cannot evaluate '=VLOOKUP(A2,A2:A3,1)': CSV and Markdown output "
                        + "evaluate SUM, AVERAGE, COUNT, MIN, MAX over A1-style cell references and ranges of the "
                        + "same sheet, e.g. =SUM(B2:B10)", only(request("csv", "[{'name':'n'}]", rows)));
        assertTrue(problems(request("xlsx", "[{'name':'n'}]", rows)).isEmpty());
        assertTrue(problems(request("csv", "[{'name':'n'}]", "[[{'value':'=VLOOKUP(x)','format':'text'}]]"))
                .isEmpty(), "a text cell is not a formula");
    }

    @Test
    void checksMergedRanges() {
        String columns = "[{'name':'a'},{'name':'b'},{'name':'c'}]";
        SheetRequestParser.Parsed ok = new SheetRequestParser(SheetLimits.DEFAULTS).parse(json(request("xlsx",
                columns, "[[{'value':'t','to_col':2}],[{'value':'x','from_row':1,'to_row':2}],[]]")));
        assertTrue(ok.valid(), ok.problems().toString());
        assertEquals(List.of(new Merge(0, 0, 0, 2), new Merge(1, 2, 0, 0)), ok.request().sheets().get(0).merges());

        assertEquals(List.of(
                "sheets[0].rows[0][0].to_col: 3 is beyond the last column (2)",
                "sheets[0].rows[1][1]: a merged range starts at the cell that holds its value: from_col must be 1 "
                        + "and from_row 1 here (0-based), got 0 and 1",
                "sheets[0].rows[2][1]: the merged range overlaps another one at rows[2][1]",
                "sheets[0].rows[3][0].from_row: must be a non-negative integer (a 0-based index)"),
                problems(request("xlsx", columns, """
                        [[{'value':'t','to_col':3}],[null,{'value':'x','from_col':0}],
                         [{'value':1,'to_col':1}, {'value':2,'to_col':2}],[{'value':1,'from_row':-1}]]""")));
    }

    @Test
    void enforcesConfiguredLimits() {
        SheetLimits small = new SheetLimits(2, 2, 5);
        assertEquals(List.of("sheets[0].rows: 3 rows, the limit is 2 per sheet"),
                problems(request("csv", "[{'name':'a'}]", "[[1],[2],[3]]"), small));
        assertEquals(List.of("sheets[0].columns: 3 columns, the limit is 2"),
                problems(request("csv", THREE_COLUMNS, "[]"), small));
        assertEquals(List.of("sheets[0].columns[0].name: 6 characters, the limit is 5",
                        "sheets[0].rows[1][0]: 6 characters, the limit is 5"),
                problems(request("csv", "[{'name':'abcdef'}]", "[['12345'],[{'value':'123456'}]]"), small));
        assertTrue(new SheetRequestParser(small).parse(json(request("csv", "[{'name':'a'}]", "[[1],[2],[3]]")))
                .limitExceeded());
    }

    @Test
    void acceptsPipelineReferencesWhereAnEarlierStepCouldSupplyTheValue() {
        String ref = "{'$step':'extract','path':'/total'}";
        for (String request : List.of(
                request("csv", "[{'name':'a'},{'name':'b'}]", "[['Total'," + ref + "]]"),
                request("csv", "[{'name':'a'}]", "[[{'value':" + ref + ",'format':'decimal'}]]"),
                request("csv", "[{'name':'a'}]", ref),
                request("csv", "[{'name':'a'}]", "[" + ref + "]"),
                request("xlsx", ref, "[[1,2,3]]"),
                "{'format':'xlsx','sheets':" + ref + "}",
                "{'format':'csv','sheets':[{'columns':[{'name':'a'}],'rows_from':{'extraction':" + ref
                        + ",'fields':['total']}}]}")) {
            SheetRequestParser.Parsed parsed = new SheetRequestParser(SheetLimits.DEFAULTS).parse(json(request));
            assertTrue(parsed.valid(), request + " → " + parsed.problems());
            assertNull(parsed.request(), "a request with references is not complete: " + request);
        }
        assertNotNull(new SheetRequestParser(SheetLimits.DEFAULTS)
                .parse(json(request("csv", "[{'name':'a'}]", "[[1]]"))).request());
    }

    @Test
    void rejectsParamsThatAreNotAnObject() {
        assertEquals("must be an object with 'format' and 'sheets'", only("[1]"));
    }
}
