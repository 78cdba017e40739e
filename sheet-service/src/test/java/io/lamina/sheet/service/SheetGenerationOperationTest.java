package io.lamina.sheet.service;

import com.fasterxml.jackson.databind.JsonNode;
import io.lamina.blobs.FileSystemBlobStore;
import io.lamina.ops.runtime.Outcome;
import io.lamina.ops.runtime.StepContext;
import io.lamina.sheet.SheetErrors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

import static io.lamina.sheet.Requests.DEFAULT_CONFIG;
import static io.lamina.sheet.Requests.MAPPER;
import static io.lamina.sheet.Requests.failure;
import static io.lamina.sheet.Requests.json;
import static org.junit.jupiter.api.Assertions.assertEquals;

class SheetGenerationOperationTest {

    @TempDir
    Path blobs;

    private Outcome run(String request) throws Exception {
        var context = new StepContext("t1", "job-1", "s1", 1, new FileSystemBlobStore(blobs));
        return new SheetGenerationOperation(DEFAULT_CONFIG, MAPPER).run(json(request), context);
    }

    private String blobText(String id) throws Exception {
        try (InputStream in = new FileSystemBlobStore(blobs).open(id).orElseThrow()) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    @Test
    void storesCsvAsBlobAndReturnsItsBlobRef() throws Exception {
        Outcome outcome = run("{'format':'csv','sheets':[{'columns':[{'name':'a'},{'name':'b'}],"
                + "'rows':[['x',1.5],['y,z',2]]}]}");
        Outcome.Succeeded ok = (Outcome.Succeeded) outcome;
        JsonNode output = ok.output();
        assertEquals("blob", output.get("type").asText());
        assertEquals("sheet.csv", output.get("name").asText());
        assertEquals("text/csv", output.get("mime_type").asText());
        assertEquals(21, output.get("size").asLong());
        assertEquals("a,b\r\nx,1.5\r\n\"y,z\",2\r\n", blobText(output.get("blob_id").asText()));
        assertEquals(1, ok.usage().units());
        assertEquals("call", ok.usage().unit());
    }

    @Test
    void storesMarkdownWithItsMediaType() throws Exception {
        JsonNode output = ((Outcome.Succeeded) run("{'format':'markdown','sheets':[{'columns':[{'name':'a'}],"
                + "'rows':[[1]]}]}")).output();
        assertEquals("sheet.md", output.get("name").asText());
        assertEquals("text/markdown", output.get("mime_type").asText());
        assertEquals("| a |\n| --- |\n| 1 |\n", blobText(output.get("blob_id").asText()));
    }

    @Test
    void storesXlsxWithItsMediaType() throws Exception {
        JsonNode output = ((Outcome.Succeeded) run("{'format':'xlsx','sheets':[{'columns':[{'name':'a'}],"
                + "'rows':[[1]]}]}")).output();
        assertEquals("sheet.xlsx", output.get("name").asText());
        assertEquals("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                output.get("mime_type").asText());
        try (InputStream in = new FileSystemBlobStore(blobs).open(output.get("blob_id").asText()).orElseThrow();
             var workbook = new org.apache.poi.xssf.usermodel.XSSFWorkbook(in)) {
            assertEquals(1.0, workbook.getSheetAt(0).getRow(1).getCell(0).getNumericCellValue());
        }
    }

    @Test
    void failsInvalidParamsWithEveryPathLikeTheGateway() {
        String message = failure(SheetErrors.INVALID_PARAMS, () -> {
            try {
                run("{'format':'csv','sheets':[{'columns':[{'name':'a'}],'rows':[[1,2],[{'value':'x','format':'date'}]]}]}");
            } catch (RuntimeException e) {
                throw e;
            } catch (Exception e) {
                throw new AssertionError(e);
            }
        });
        assertEquals("sheets[0].rows[0]: 2 cells but the sheet has 1 column; sheets[0].rows[1][0].value: format "
                + "'date' needs an ISO 8601 date such as 2026-11-24, got 'x'", message);
    }

    /** A gathered fan-out of document_extraction outputs (EXTRACTION-CONTRACT shape) becomes one row per line item. */
    @Test
    void turnsGatheredExtractionOutputsIntoOneRowPerLineItem() throws Exception {
        String invoice = """
                {"invoice_number": {"value": "%s", "confidence": 0.98, "citations": ["Invoice No. %s"],
                                    "source": "%s.pdf", "type": "TEXT", "page": 1,
                                    "bounding_box": {"x": 400, "y": 60, "width": 90, "height": 11}},
                 "issue_date": {"value": "%s", "confidence": 0.93, "citations": ["Date %s"], "source": "%s.pdf",
                                "type": "DATE", "page": 1, "bounding_box": null},
                 "customer": {"value": "%s", "confidence": 0.9, "citations": [], "source": "%s.pdf", "type": "TEXT",
                              "page": 1, "bounding_box": null},
                 "line_items": {"value": %s, "confidence": 0.9, "citations": [], "source": "%s.pdf", "type": "ARRAY",
                                "page": 1, "bounding_box": null}}""";
        String item = """
                {"description": {"value": "%s", "confidence": 0.95, "citations": ["%s"], "source": "x.pdf",
                                 "type": "TEXT", "page": 1, "bounding_box": null},
                 "amount": {"value": %s, "confidence": 0.95, "citations": [], "source": "x.pdf",
                            "type": "CURRENCY_AMOUNT", "page": 1, "bounding_box": null}}""";
        String first = invoice.formatted("INV-7", "INV-7", "inv7", "2026-03-17", "17.03.2026", "inv7",
                "Acme, Inc.", "inv7", "[" + item.formatted("Paper \\\"A4\\\"", "Paper", "12.5") + ","
                        + item.formatted("Ink", "Ink", "30") + "]", "inv7");
        String second = invoice.formatted("INV-8", "INV-8", "inv8", "2026-04-01", "01.04.2026", "inv8", "Globex",
                "inv8", "[" + item.formatted("Toner", "Toner", "99.99") + "]", "inv8");
        String request = """
                {"format": "csv", "sheets": [{"columns": [{"name": "Invoice"}, {"name": "Date"}, {"name": "Customer"},
                                                          {"name": "Item"}, {"name": "Amount"}],
                  "rows_from": {"extraction": [%s, %s],
                                "fields": ["invoice_number", {"field": "issue_date", "date_style": "dd/mm/yyyy"},
                                           "customer", "line_items.description",
                                           {"field": "line_items.amount", "format": "currency", "currency_code": "EUR"}]},
                  "rows": [["Total", null, null, null, {"value": "=SUM(E2:E4)", "format": "currency", "currency_code": "EUR"}]]}]}"""
                .formatted(first, second);
        JsonNode output = ((Outcome.Succeeded) run(request)).output();
        String csv = blobText(output.get("blob_id").asText());
        try (var parser = org.apache.commons.csv.CSVFormat.RFC4180.parse(new java.io.StringReader(csv))) {
            assertEquals(java.util.List.of(
                    java.util.List.of("Invoice", "Date", "Customer", "Item", "Amount"),
                    java.util.List.of("INV-7", "17/03/2026", "Acme, Inc.", "Paper \"A4\"", "EUR 12.50"),
                    java.util.List.of("INV-7", "17/03/2026", "Acme, Inc.", "Ink", "EUR 30.00"),
                    java.util.List.of("INV-8", "01/04/2026", "Globex", "Toner", "EUR 99.99"),
                    java.util.List.of("Total", "", "", "", "EUR 142.49")),
                    parser.getRecords().stream().map(org.apache.commons.csv.CSVRecord::toList).toList());
        }
    }
}
