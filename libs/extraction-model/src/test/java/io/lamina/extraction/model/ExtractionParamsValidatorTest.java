package io.lamina.extraction.model;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.lamina.contracts.Operation;
import io.lamina.params.ParamsProblem;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ExtractionParamsValidatorTest {

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final String FILE = "{\"type\":\"file\",\"file_id\":\"f1\"}";
    private final ExtractionParamsValidator validator = new ExtractionParamsValidator();

    private List<String> problems(Operation op, String json) throws Exception {
        List<ParamsProblem> list = validator.validate(op, MAPPER.readTree(json));
        return list.stream().map(p -> p.describe("")).collect(Collectors.toList());
    }

    private List<String> extraction(String fields) throws Exception {
        return problems(Operation.DOCUMENT_EXTRACTION, "{\"files\":[" + FILE + "],\"schema\":{\"fields\":" + fields + "}}");
    }

    @Test
    void acceptsEveryFieldTypeWithItsOptions() throws Exception {
        assertEquals(List.of(), extraction("""
                [{"name":"a","type":"TEXT","description":"","max_length":20,"default_value":"x","is_required":true},
                 {"name":"b","type":"TEXTAREA","description":""},
                 {"name":"c","type":"INTEGER","description":"","min":0,"max":10,"default_value":3,"unit":"pcs"},
                 {"name":"d","type":"DECIMAL","description":"","decimal_points":2},
                 {"name":"e","type":"DATE","description":"","allow_future_dates":false,"default_value":"2024-01-31"},
                 {"name":"f","type":"DATETIME","description":""},
                 {"name":"g","type":"TIME","description":""},
                 {"name":"h","type":"ENUM","description":"","values":["x","y"],"max_selected":1,"default_value":["x"]},
                 {"name":"i","type":"BOOLEAN","description":"","default_value":false},
                 {"name":"j","type":"EMAIL","description":"","default_value":"a@b.example"},
                 {"name":"k","type":"IBAN","description":"","default_value":"DE89 3704 0044 0532 0130 00"},
                 {"name":"l","type":"COUNTRY","description":"","default_value":"DE"},
                 {"name":"m","type":"CURRENCY_CODE","description":"","default_value":"EUR"},
                 {"name":"n","type":"CURRENCY_AMOUNT","description":"","min":0,"default_value":0},
                 {"name":"o","type":"ADDRESS","description":"","allowed_country_codes":["DE","AT"]},
                 {"name":"p","type":"ARRAY","description":"","fields":[
                    {"name":"q","type":"DECIMAL","description":""},
                    {"name":"r","type":"CALCULATED","description":"","operation":"multiply","source_field_names":["q","q"]}]},
                 {"name":"s","type":"CALCULATED","description":"","operation":"sum","source_field_names":["p.q","n"]}]
                """));
    }

    @Test
    void reportsSchemaErrorsWithTheirPaths() throws Exception {
        List<String> problems = extraction("""
                [{"name":"a","type":"CALCULATED","description":"","operation":"sum","source_field_names":["b"]},
                 {"name":"b","type":"CALCULATED","description":"","operation":"sum","source_field_names":["a"]},
                 {"name":"c","type":"INTEGER","description":"","default_value":"seven"},
                 {"name":"d","type":"CALCULATED","description":"","operation":"divide","source_field_names":["zzz","e"]},
                 {"name":"e","type":"EMAIL","description":"","default_value":"not-an-address"},
                 {"name":"f","type":"IBAN","description":"","default_value":"DE00370400440532013000"},
                 {"name":"g","type":"COLOR","description":""},
                 {"name":"a","type":"TEXT","description":"","max_lenght":3}]
                """);
        String all = String.join("\n", problems);
        assertTrue(all.contains("schema.fields[0].source_field_names: cycle among CALCULATED fields: a → b → a"), all);
        assertTrue(all.contains("schema.fields[2].default_value: must be a number for a INTEGER field"), all);
        assertTrue(all.contains("schema.fields[3].source_field_names[0]: unknown field reference 'zzz'"), all);
        assertTrue(all.contains("schema.fields[3].source_field_names[1]: 'e' is a EMAIL field"), all);
        assertTrue(all.contains("schema.fields[4].default_value: must be a valid e-mail address"), all);
        assertTrue(all.contains("schema.fields[5].default_value: must be a valid IBAN"), all);
        assertTrue(all.contains("schema.fields[6].type: required: one of"), all);
        assertTrue(all.contains("schema.fields[7].max_lenght: unknown property"), all);
        assertTrue(all.contains("schema.fields[7].name: duplicate field name 'a' (also at index 0)"), all);
    }

    @Test
    void checksFilesAndReferences() throws Exception {
        String many = ("{\"type\":\"file\",\"file_id\":\"f\"},").repeat(21);
        assertEquals(List.of("files: 21 files, at most 20 per request"), problems(Operation.DOCUMENT_EXTRACTION,
                "{\"files\":[" + many.substring(0, many.length() - 1) + "],\"schema\":{\"$step\":\"s0\"}}"));
        assertEquals(List.of("files[1]: expected a file input: {\"type\":\"base64\",\"name\",\"base64\"}, "
                + "{\"type\":\"url\",\"url\"}, {\"type\":\"file\",\"file_id\"} or a step reference"),
                problems(Operation.DOCUMENT_EXTRACTION, "{\"files\":[" + FILE + ",{\"type\":\"disk\"}],"
                        + "\"schema\":{\"fields\":[{\"name\":\"a\",\"type\":\"TEXT\",\"description\":\"\"}]}}"));
        assertEquals(List.of("schema: required: {\"fields\": [ … ]}"), problems(Operation.DOCUMENT_EXTRACTION,
                "{\"files\":{\"$step\":\"s0\",\"path\":\"/files\"}}"));
        assertEquals(List.of(), problems(Operation.DOCUMENT_TO_MARKDOWN, "{\"file\":" + FILE + "}"));
        assertEquals(List.of("file: required: a file input"), problems(Operation.DOCUMENT_TO_MARKDOWN, "{}"));
        assertEquals(List.of(), problems(Operation.WEBSITE_EXTRACTION, "{\"file\":{\"type\":\"url\",\"url\":\"https://example.com/\"}}"));
        assertEquals(List.of("file.url: must be an absolute http or https URL"), problems(Operation.WEBSITE_EXTRACTION,
                "{\"file\":{\"type\":\"url\",\"url\":\"ftp://example.com/\"}}"));
        assertEquals(List.of("file: required: {\"type\":\"url\",\"url\":\"https://…\"}"),
                problems(Operation.WEBSITE_EXTRACTION, "{\"file\":" + FILE + "}"));
    }
}
