package io.lamina.sheet.render;

import org.junit.jupiter.api.Test;

import static io.lamina.sheet.Requests.markdown;
import static org.junit.jupiter.api.Assertions.assertEquals;

class MarkdownSheetWriterTest {

    @Test
    void writesSingleUnnamedSheetAsBareTable() {
        String out = markdown("{'format':'markdown','sheets':[{'columns':[{'name':'a'},{'name':'b'}],"
                + "'rows':[['x',1.5],['y']]}]}");
        assertEquals("""
                | a | b |
                | --- | --- |
                | x | 1.5 |
                | y |  |
                """, out);
    }

    @Test
    void writesOneHeadedTablePerSheet() {
        String out = markdown("{'format':'markdown','sheets':["
                + "{'name':'Invoices','columns':[{'name':'n'}],'rows':[[1]]},"
                + "{'columns':[{'name':'m'}],'rows':[[2],[3],[{'value':'=MAX(A2:A3)'}]]}]}");
        assertEquals("""
                ## Invoices

                | n |
                | --- |
                | 1 |

                ## Sheet 2

                | m |
                | --- |
                | 2 |
                | 3 |
                | 3 |
                """, out);
    }

    @Test
    void headsANamedSingleSheet() {
        String out = markdown("{'format':'markdown','sheets':[{'name':'Q1','columns':[{'name':'n'}],'rows':[]}]}");
        assertEquals("## Q1\n\n| n |\n| --- |\n", out);
    }

    @Test
    void escapesPipesBackslashesAndNewlinesInCells() {
        String out = markdown("""
                {"format":"markdown","sheets":[{"columns":[{"name":"a|b"}],
                 "rows":[["x | y"],["line 1\\nline 2\\r\\nline 3"],["C:\\\\dir"]]}]}""");
        assertEquals("""
                | a\\|b |
                | --- |
                | x \\| y |
                | line 1<br>line 2<br>line 3 |
                | C:\\\\dir |
                """, out);
    }

    @Test
    void showsFormattedValuesAndEvaluatedFormulasAndIgnoresMerges() {
        String out = markdown("""
                {"format":"markdown","sheets":[{"columns":[{"name":"item"},{"name":"amount"},{"name":"date"}],
                 "rows":[[{"value":"Paper","to_col":1},null,{"value":"2026-03-17","format":"date","date_style":"d mmm yyyy"}],
                         ["Ink",{"value":1234.5,"format":"currency","currency_code":"EUR","number_style":"period_comma"}],
                         ["Share",{"value":0.125,"format":"percentage"}],
                         ["Total",{"value":"=SUM(B2:B4)","format":"decimal"}],
                         ["Mean",{"value":"=AVERAGE(C2:C3)"}]]}]}""");
        assertEquals("""
                | item | amount | date |
                | --- | --- | --- |
                | Paper |  | 17 Mar 2026 |
                | Ink | EUR 1.234,50 |  |
                | Share | 12.5% |  |
                | Total | 1,234.63 |  |
                | Mean | #DIV/0! |  |
                """, out);
    }
}
