package io.lamina.docgen.model;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class DocumentTemplateTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private static JsonNode json(String s) throws Exception {
        return JSON.readTree(s.replace('\'', '"'));
    }

    @Test
    void replacesPlaceholdersKeepsTypesAndRepeatsWithLoopValues() throws Exception {
        JsonNode out = DocumentTemplate.render(json("""
                {'content':[{'type':'paragraph','markdown':'No. {{invoice.number}} for {{customer.name}}'},
                 {'type':'repeat','items':'{{invoice.lines}}','as':'line','content':[
                   {'type':'paragraph','markdown':'{{loop.number}}. {{line.name}} × {{line.qty}}',
                    'styles':{'font_size_in_pt':'{{size}}'}}]},
                 {'type':'if','value':'{{invoice.paid}}','content':[{'type':'paragraph','markdown':'Paid'}],
                  'else':[{'type':'paragraph','markdown':'Due {{invoice.due?}}'}]}]}
                """), json("""
                {'invoice':{'number':'INV-7','lines':[{'name':'Tea','qty':2},{'name':'Cake','qty':1}],'paid':false},
                 'customer':{'name':'Ωmega ООО'},'size':9}
                """), "template");
        assertEquals(json("""
                {'content':[{'type':'paragraph','markdown':'No. INV-7 for Ωmega ООО'},
                 {'type':'paragraph','markdown':'1. Tea × 2','styles':{'font_size_in_pt':9}},
                 {'type':'paragraph','markdown':'2. Cake × 1','styles':{'font_size_in_pt':9}},
                 {'type':'paragraph','markdown':'Due '}]}
                """), out);
    }

    @Test
    void refusesRepeatOverANonArray() throws Exception {
        DocumentTemplate.TemplateException e = assertThrows(DocumentTemplate.TemplateException.class,
                () -> DocumentTemplate.render(json("{'content':[{'type':'repeat','items':'{{n}}','content':[]}]}"),
                        json("{'n':3}"), "template"));
        assertEquals("template.content[0].items", e.path());
        assertEquals("must be a placeholder naming an array of the data, such as \"{{lines}}\" (got a number)",
                e.getMessage());
    }
}
