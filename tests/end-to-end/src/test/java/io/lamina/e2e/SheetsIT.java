package io.lamina.e2e;

import io.restassured.http.ContentType;
import org.apache.poi.ss.usermodel.CellType;
import org.apache.poi.ss.util.CellRangeAddress;
import org.apache.poi.xssf.usermodel.XSSFSheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Map;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** sheet_generation through the gateway: an XLSX file read back with POI, validation at submit, rows from a step. */
class SheetsIT {

    private static Platform platform;

    @BeforeAll
    static void startPlatform() throws Exception {
        platform = Platform.get();
    }

    @Test
    void xlsxJobProducesAWorkbookWithTypesFormatsFormulasAndMerges() throws Exception {
        TestTenant tenant = TestTenant.create(platform, 20);
        String body = """
                {"steps": [{"id": "report", "operation": "sheet_generation", "params": {
                  "format": "xlsx", "styles": {"header": {"background_color": "1F4E79", "font_color": "FFFFFF"}},
                  "sheets": [
                    {"name": "Invoices", "columns": [{"name": "Invoice", "width": 14}, {"name": "Date"},
                                                     {"name": "Total"}],
                     "rows": [["INV-1", {"value": "2026-03-17", "format": "date", "date_style": "dd/mm/yyyy"},
                               {"value": 120.5, "format": "currency", "currency_code": "EUR"}],
                              ["INV-2", {"value": "2026-04-01", "format": "date"}, 99],
                              [{"value": "Total", "to_col": 1}, null, {"value": "=SUM(C2:C3)", "format": "decimal"}]]},
                    {"name": "Notes", "columns": [{"name": "Note"}], "rows": [["two sheets"]]}]}}]}""";
        String fileId = tenant.api().contentType(ContentType.JSON).queryParam("wait", 60).body(body)
                .post("/v1/jobs")
                .then().statusCode(200).body("status", equalTo("succeeded"))
                .body("steps[0].output.name", equalTo("sheet.xlsx"))
                .body("steps[0].output.mime_type",
                        equalTo("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"))
                .extract().path("steps[0].output.file_id");
        byte[] xlsx = tenant.api().get("/v1/files/" + fileId).then().statusCode(200).extract().asByteArray();

        try (XSSFWorkbook workbook = new XSSFWorkbook(new ByteArrayInputStream(xlsx))) {
            assertEquals(2, workbook.getNumberOfSheets());
            XSSFSheet invoices = workbook.getSheet("Invoices");
            assertEquals("Invoice", invoices.getRow(0).getCell(0).getStringCellValue());
            assertEquals(LocalDateTime.of(2026, 3, 17, 0, 0),
                    invoices.getRow(1).getCell(1).getLocalDateTimeCellValue());
            assertEquals("dd/mm/yyyy", invoices.getRow(1).getCell(1).getCellStyle().getDataFormatString());
            assertEquals(120.5, invoices.getRow(1).getCell(2).getNumericCellValue());
            assertEquals("[$€] #,##0.00", invoices.getRow(1).getCell(2).getCellStyle().getDataFormatString());
            assertEquals(CellType.NUMERIC, invoices.getRow(2).getCell(2).getCellType());
            assertEquals(CellType.FORMULA, invoices.getRow(3).getCell(2).getCellType());
            assertEquals("SUM(C2:C3)", invoices.getRow(3).getCell(2).getCellFormula());
            assertEquals(219.5, workbook.getCreationHelper().createFormulaEvaluator()
                    .evaluate(invoices.getRow(3).getCell(2)).getNumberValue());
            assertEquals(List.of(new CellRangeAddress(3, 3, 0, 1)), invoices.getMergedRegions());
            assertEquals(1, invoices.getPaneInformation().getHorizontalSplitPosition());
            assertEquals("two sheets", workbook.getSheet("Notes").getRow(1).getCell(0).getStringCellValue());
        }
    }

    @Test
    void invalidParamsAreRefusedAtSubmitWithThePreciseCellPath() {
        TestTenant tenant = TestTenant.create(platform, 20);
        Map<String, Object> step = Map.of("id", "report", "operation", "sheet_generation", "params", Map.of(
                "format", "xlsx", "sheets", List.of(Map.of("columns", List.of(Map.of("name", "a"), Map.of("name", "b")),
                        "rows", List.of(List.of(1, 2), List.of(3, Map.of("value", "yesterday", "format", "date")))))));
        tenant.api().contentType(ContentType.JSON).body(Map.of("steps", List.of(step))).post("/v1/jobs")
                .then().statusCode(422).contentType("application/problem+json")
                .body("code", equalTo("invalid_params"))
                .body("detail", equalTo("steps[0].params.sheets[0].rows[1][1].value: format 'date' needs an ISO 8601 "
                        + "date such as 2026-11-24, got 'yesterday'"));
        tenant.api().get("/v1/jobs").then().statusCode(200).body("data.size()", equalTo(0));
    }

    @Test
    void aSheetTakesItsRowsFromAnEarlierStepsOutputWithoutGlue() {
        TestTenant tenant = TestTenant.create(platform, 20);
        String fileId = tenant.api().multiPart("file", "totals.csv",
                        "Item,Amount\nPaper,12.50\n".getBytes(StandardCharsets.UTF_8), "text/csv")
                .post("/v1/files").then().statusCode(201).extract().path("id");
        String body = """
                {"steps": [
                  {"id": "md", "operation": "document_to_markdown", "params": {"file": {"type": "file", "file_id": "%s"}}},
                  {"id": "sheet", "operation": "sheet_generation", "params": {"format": "csv", "sheets": [{
                    "columns": [{"name": "File"}, {"name": "Type"}],
                    "rows_from": {"extraction": {"$step": "md"}, "fields": ["name", "mime_type"]}}]}}]}"""
                .formatted(fileId);
        String csvId = tenant.api().contentType(ContentType.JSON).queryParam("wait", 60).body(body).post("/v1/jobs")
                .then().statusCode(200).body("status", equalTo("succeeded"))
                .body("steps[0].output.markdown", containsString("| Paper | 12.50 |"))
                .extract().path("steps[1].output.file_id");
        String csv = tenant.api().get("/v1/files/" + csvId).then().statusCode(200).extract().asString();
        assertEquals("File,Type\r\ntotals.csv,text/csv\r\n", csv);
    }
}
