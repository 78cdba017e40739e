package io.lamina.sheet.render;

import io.lamina.sheet.SheetErrors;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.StringReader;
import java.util.List;

import static io.lamina.sheet.Requests.csv;
import static io.lamina.sheet.Requests.csvRequest;
import static io.lamina.sheet.Requests.failure;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CsvSheetWriterTest {

    /** Reads CSV back with Apache Commons CSV, an RFC 4180 parser independent of the writer under test. */
    private static List<List<String>> read(String csv) throws IOException {
        try (var parser = CSVFormat.RFC4180.parse(new StringReader(csv))) {
            return parser.getRecords().stream().map(CSVRecord::toList).toList();
        }
    }

    @Test
    void writesColumnNamesThenOneCrlfTerminatedRecordPerRow() {
        String out = csv(csvRequest("[{'name':'a'},{'name':'b'}]", "[['x',1.5],['y',2]]"));
        assertEquals("a,b\r\nx,1.5\r\ny,2\r\n", out);
    }

    @Test
    void quotesFieldsWithCommasAndNewlines() throws IOException {
        String request = """
                {"format":"csv","sheets":[{"columns":[{"name":"name, full"},{"name":"note"}],
                 "rows":[["y,z","line 1\\nline 2"],["cr\\rhere","lf\\r\\ncrlf"]]}]}""";
        String out = csv(request);
        assertTrue(out.startsWith("\"name, full\",note\r\n\"y,z\",\"line 1\nline 2\"\r\n"), out);
        assertEquals(List.of(List.of("name, full", "note"), List.of("y,z", "line 1\nline 2"),
                List.of("cr\rhere", "lf\r\ncrlf")), read(out));
    }

    @Test
    void doublesQuotesInsideQuotedFields() throws IOException {
        String request = """
                {"format":"csv","sheets":[{"columns":[{"name":"q"}],"rows":[["say \\"hi\\""],["plain"]]}]}""";
        String out = csv(request);
        assertEquals("q\r\n\"say \"\"hi\"\"\"\r\nplain\r\n", out);
        assertEquals(List.of(List.of("q"), List.of("say \"hi\""), List.of("plain")), read(out));
    }

    @Test
    void writesNumbersCanonicallyWithoutExponentOrTrailingZero() throws IOException {
        String out = csv(csvRequest("[{'name':'n'}]",
                "[[120.5],[99],[99.0],[1e21],[-0.0],[0.000001],[123456789012345678901234567890],[-42.10]]"));
        List<String> values = read(out).stream().skip(1).map(r -> r.get(0)).toList();
        assertEquals(List.of("120.5", "99", "99", "1000000000000000000000", "0", "0.000001",
                "123456789012345678901234567890", "-42.1"), values);
    }

    @Test
    void writesBooleansAsWordsAndNullAsEmpty() throws IOException {
        String out = csv(csvRequest("[{'name':'a'},{'name':'b'},{'name':'c'}]",
                "[[true,false,null],[{'value':null},{'format':'text'},'']]"));
        assertEquals(List.of(List.of("a", "b", "c"), List.of("true", "false", ""), List.of("", "", "")), read(out));
    }

    @Test
    void fillsCellsMissingFromShortRowsWithEmptyFields() {
        String out = csv(csvRequest("[{'name':'a'},{'name':'b'},{'name':'c'}]", "[['x'],[]]"));
        assertEquals("a,b,c\r\nx,,\r\n,,\r\n", out);
    }

    @Test
    void addsUtf8ByteOrderMarkOnlyWhenAsked() {
        String plain = csv(csvRequest("[{'name':'a'}]", "[['ü']]"));
        String withBom = csv("{'format':'csv','include_bom':true,'sheets':[{'columns':[{'name':'a'}],'rows':[['ü']]}]}");
        assertFalse(plain.startsWith("\uFEFF"));
        assertEquals("\uFEFFa\r\nü\r\n", withBom);
    }

    @Test
    void appliesNumberStyleToFormattedCells() throws IOException {
        String out = csv(csvRequest("[{'name':'v'}]", """
                [[{'value':1234.5,'format':'decimal','number_style':'period_comma'}],
                 [{'value':1234.5,'format':'currency','currency_code':'eur'}],
                 [{'value':0.25,'format':'percentage'}],
                 [{'value':1234567.125,'format':'number','number_style':'space_comma'}],
                 [{'value':-1234.567,'format':'decimal','number_style':'space_period'}],
                 [{'value':0.12345,'format':'percentage','number_style':'period_comma'}],
                 [{'value':499,'format':'currency'}],
                 [{'value':1234.5,'format':'currency','currency_code':'JPY'}]]"""));
        List<String> values = read(out).stream().skip(1).map(r -> r.get(0)).toList();
        assertEquals(List.of("1.234,50", "EUR 1,234.50", "25%", "1 234 567,125", "-1 234.57", "12,35%", "USD 499.00", "JPY 1,235"),
                values);
    }

    @Test
    void writesDatesAsGivenUnlessAnExcelDateCodeAsksOtherwise() throws IOException {
        String out = csv(csvRequest("[{'name':'d'}]", """
                [[{'value':'2026-03-17','format':'date'}],
                 [{'value':'2026-03-17','format':'date','date_style':'dd.MM.yyyy'}],
                 [{'value':'2026-03-17','format':'date','date_style':'mm/dd/yy'}],
                 [{'value':'2026-11-24T07:05:09Z','format':'datetime','date_style':'dd/mm/yyyy hh:mm:ss'}],
                 [{'value':'2026-11-24T19:05:09+01:00','format':'datetime','date_style':'d mmmm yyyy h:mm AM/PM'}],
                 [{'value':'2026-03-17','format':'date','date_style':'dddd, d mmm'}],
                 [{'value':'07:30:00','format':'time'}],
                 [{'value':'07:30','format':'time','date_style':'h:mm a/p'}]]"""));
        List<String> values = read(out).stream().skip(1).map(r -> r.get(0)).toList();
        assertEquals(List.of("2026-03-17", "17.03.2026", "03/17/26", "24/11/2026 07:05:09",
                "24 November 2026 7:05 PM", "Tuesday, 17 Mar", "07:30:00", "7:30 a"), values);
    }

    @Test
    void writesEvaluatedFormulasInTheCellsFormat() throws IOException {
        String out = csv(csvRequest("[{'name':'item'},{'name':'amount'}]", """
                [['a',1.25],['b',2.5],['total',{'value':'=SUM(B2:B3)','format':'currency','currency_code':'USD'}]]"""));
        assertEquals(List.of("total", "USD 3.75"), read(out).get(3));
    }

    @Test
    void rejectsNumericFormatOnText() {
        String message = failure(SheetErrors.INVALID_PARAMS,
                () -> csv(csvRequest("[{'name':'v'}]", "[[1],[{'value':'12 EUR','format':'currency'}]]")));
        assertEquals("sheets[0].rows[1][0].value: format 'currency' needs a number, got a string", message);
    }

    @Test
    void rejectsDatesThatAreNotIso8601() {
        String message = failure(SheetErrors.INVALID_PARAMS,
                () -> csv(csvRequest("[{'name':'d'}]", "[[{'value':'17/03/2026','format':'date','date_style':'dd.MM.yyyy'}]]")));
        assertEquals("sheets[0].rows[0][0].value: format 'date' needs an ISO 8601 date such as 2026-11-24, got "
                + "'17/03/2026'", message);
    }
}
