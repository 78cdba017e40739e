package io.lamina.docgen.model;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.lamina.contracts.Operation;
import io.lamina.params.ParamsProblem;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DocumentParamsValidatorTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private final DocumentParamsValidator validator = new DocumentParamsValidator();

    private List<String> problems(String json) throws Exception {
        JsonNode params = JSON.readTree(json.replace('\'', '"'));
        return validator.validate(Operation.DOCUMENT_GENERATION, params).stream()
                .map(p -> p.describe("")).toList();
    }

    private static String doc(String content) {
        return "{'format':'pdf','document':{'metadata':{'title':'T'},'content':[" + content + "]}}";
    }

    @Test
    void acceptsAMinimalDocumentAndEveryBlockType() throws Exception {
        assertEquals(List.of(), problems(doc("""
                {'type':'headline','level':'h1','text':'Invoice'},
                {'type':'paragraph','runs':[{'text':'Hello ','font_weight':'bold'},{'text':'world','is_italic':true,
                  'is_underlined':true,'color':'#FF0000','font_size_in_pt':14,'link_url':'https://example.com'}]},
                {'type':'paragraph','markdown':'**bold** and *italic*','text_alignment':'justify'},
                {'type':'list','variant':'ordered','items':[{'text':'a','items':[{'text':'a.1'}]},{'text':'b'}]},
                {'type':'table','column_widths_in_percent':[50,25,25],
                  'header':{'cells':[{'text':'Item'},{'text':'Qty'},{'text':'Price'}]},
                  'rows':[{'cells':[{'text':'A','row_span':2},{'text':'1'},{'text':'2'}]},
                          {'cells':[{'text':'1'},{'text':'2'}]},
                          {'cells':[{'text':'Total','column_span':2},{'text':'4'}]}]},
                {'type':'grid','columns':[{'column_span':6,'blocks':[{'type':'qr-code','value':'x','width_in_pt':50,
                  'height_in_pt':50}]},{'column_span':6,'blocks':[{'type':'barcode','format':'ean13',
                  'value':'400638133393','width_in_pt':100,'height_in_pt':40}]}]},
                {'type':'table-of-contents','levels':['h1','h2'],'leader':'dots'},
                {'type':'separator'},{'type':'page-break'},
                {'type':'image','file':{'type':'file','file_id':'x'},'width_in_pt':100,'height_in_pt':50}
                """)));
    }

    @Test
    void namesTheRowWithTooManyCells() throws Exception {
        List<String> found = problems(doc("""
                {'type':'paragraph','markdown':'x'},{'type':'paragraph','markdown':'y'},{'type':'separator'},
                {'type':'table','header':{'cells':[{'text':'a'},{'text':'b'},{'text':'c'}]},
                 'rows':[{'cells':[{'text':'1'},{'text':'2'},{'text':'3'}]},{'cells':[{'text':'1'},{'text':'2'},
                 {'text':'3'}]},{'cells':[{'text':'1'},{'text':'2'},{'text':'3'},{'text':'4'}]}]}
                """));
        assertEquals(List.of("document.content[3].rows[2]: 4 cells but the table has 3 columns (from header)"), found);
    }

    @Test
    void countsRowSpansFromAboveAndColumnSpans() throws Exception {
        List<String> found = problems(doc("""
                {'type':'table','column_widths_in_percent':[40,30,30],
                 'rows':[{'cells':[{'text':'a','row_span':2},{'text':'b'},{'text':'c'}]},
                         {'cells':[{'text':'d'},{'text':'e'},{'text':'f'}]},
                         {'cells':[{'text':'g','column_span':2}]},
                         {'cells':[{'text':'h','row_span':3},{'text':'i'},{'text':'j'}]}]}
                """));
        assertEquals(List.of(
                "document.content[0].rows[1]: cells cover 4 columns (1 taken by row spans from above) but the table "
                        + "has 3 columns (from column_widths_in_percent)",
                "document.content[0].rows[2]: cells cover 2 columns (with their column spans) but the table has 3 "
                        + "columns (from column_widths_in_percent)",
                "document.content[0].rows[3].cells[0].row_span: spans 3 rows but only 1 rows are left in the table"),
                found);
    }

    @Test
    void refusesUnknownTypesFieldsFontsAndBadValues() throws Exception {
        List<String> found = problems("""
                {'format':'odt','document':{'page':{'size':{'preset':'A9'},'margins':{'top_in_pt':-1}},
                 'styles':{'text':{'font_family':'Comic Sans','colour':'#000000','font_size_in_pt':0}},
                 'content':[{'type':'video'},{'type':'headline','level':'h7','text':''},
                 {'type':'grid','columns':[{'column_span':8,'blocks':[{'type':'page-break'}]},
                   {'column_span':6,'blocks':[]}]},
                 {'type':'barcode','format':'ean13','value':'4006381333932','width_in_pt':10,'height_in_pt':10},
                 {'type':'page-number'}]}}
                """.replace('\'', '"'));
        assertTrue(found.contains("format: required; one of pdf, docx, epub, pptx"), found::toString);
        assertTrue(found.contains("document.page.size.preset: unknown page size; one of A0, A1, A2, A3, A4, A5, A6, "
                + "B0, B1, B2, B3, B4, B5, B6, Letter, Legal, Tabloid, Executive, Statement"), found::toString);
        assertTrue(found.contains("document.page.margins.top_in_pt: must be from 0 to 14400 (got -1)"), found::toString);
        assertTrue(found.stream().anyMatch(p -> p.startsWith("document.styles.text.font_family: unknown font family "
                + "'Comic Sans'")), found::toString);
        assertTrue(found.stream().anyMatch(p -> p.startsWith("document.styles.text.colour: unknown style")),
                found::toString);
        assertTrue(found.contains("document.styles.text.font_size_in_pt: must be from 1 to 1000 (got 0)"),
                found::toString);
        assertTrue(found.stream().anyMatch(p -> p.startsWith("document.content[0].type: unknown block type 'video'")),
                found::toString);
        assertTrue(found.contains("document.content[1].level: required; one of h1, h2, h3, h4, h5, h6"),
                found::toString);
        assertTrue(found.contains("document.content[1].text: must not be empty"), found::toString);
        assertTrue(found.contains("document.content[2].columns[0].blocks[0].type: a page break cannot be inside a "
                + "grid"), found::toString);
        assertTrue(found.contains("document.content[2].columns: column spans add up to 14; a grid has 12 columns"),
                found::toString);
        assertTrue(found.contains("document.content[3].value: the check digit is 2 but should be 1"),
                found::toString);
        assertTrue(found.contains("document.content[4].type: page-number is only allowed in the header and footer"),
                found::toString);
    }

    @Test
    void acceptsSuppliedFontsAndPipelineReferences() throws Exception {
        assertEquals(List.of(), problems("""
                {'format':'docx','document':{'fonts':[{'name':'Brand','file':{'$step':'font'},'style':'normal',
                 'weight':'regular'}],'styles':{'text':{'font_family':'Brand'}},
                 'footer':[{'type':'page-number','format':'Page {page} of {pages}'}],
                 'content':[{'type':'image','file':{'$step':'chart','path':'/file'},'width_in_pt':10,
                 'height_in_pt':10}]}}
                """));
        assertEquals(List.of(), problems("{'format':'pdf','document':{'$step':'model'}}"));
    }

    @Test
    void rendersTemplatesAtSubmitAndReportsTheirErrors() throws Exception {
        String template = """
                {'format':'pdf','template':{'content':[{'type':'headline','level':'h1','text':'Invoice {{number}}'},
                 {'type':'table','rows':[{'type':'repeat','items':'{{lines}}','as':'line',
                  'content':[{'cells':[{'text':'{{line.name}}'},{'text':'{{line.total}}'}]}]}]}]},
                 'data':%s}
                """;
        assertEquals(List.of(), problems(template.formatted(
                "{'number':'A-1','lines':[{'name':'x','total':1},{'name':'y','total':2}]}")));
        assertEquals(List.of("template.content[1].rows[0].content[0].cells[1].text: {{line.total}} is not in the "
                        + "data (write {{line.total?}} for an optional value)"),
                problems(template.formatted("{'number':'A-1','lines':[{'name':'x'}]}")));
        assertEquals(List.of("template.content[1].rows: a table needs a header or at least one row (in the document "
                + "rendered from the template)"), problems(template.formatted("{'number':'A-1','lines':[]}")));
    }

    @Test
    void acceptsIterationLayersFourFormatsExactly() throws Exception {
        for (String format : List.of("pdf", "docx", "epub", "pptx")) {
            assertEquals(List.of(), problems(doc("{'type':'paragraph','markdown':'x'}").replace("'pdf'",
                    "'" + format + "'")), format);
        }
        assertEquals(List.of("format: required; one of pdf, docx, epub, pptx"),
                problems(doc("{'type':'paragraph','markdown':'x'}").replace("'pdf'", "'EPUB'")));
        assertEquals(List.of("pdf_standard: only for format pdf"), problems("""
                {'format':'pptx','pdf_standard':'pdf_a_2b','document':{'content':[]}}
                """));
    }

    @Test
    void mergeAndPdfStandardAreForPdfOnly() throws Exception {
        List<String> found = problems("""
                {'format':'docx','pdf_standard':'pdf_a_2b','merge':{'append':[{'type':'file','file_id':'x'},3]},
                 'document':{'content':[]}}
                """);
        assertEquals(List.of("pdf_standard: only for format pdf", "merge: merging is only for format pdf",
                "merge.append[1]: must be a PDF file input such as {\"type\":\"file\",\"file_id\":…} or an earlier "
                        + "step's output {\"$step\":…}",
                "merge: cannot be combined with pdf_standard: merged files are not converted to PDF/A"), found);
    }

    @Test
    void problemPathsJoinTheStepPrefix() {
        assertEquals("steps[0].params.document.content[3]: x",
                new ParamsProblem("document.content[3]", "x").describe("steps[0].params"));
    }
}
