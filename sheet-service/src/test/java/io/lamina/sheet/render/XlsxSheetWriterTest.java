package io.lamina.sheet.render;

import io.lamina.sheet.SheetErrors;
import org.apache.poi.ss.usermodel.CellType;
import org.apache.poi.ss.usermodel.HorizontalAlignment;
import org.apache.poi.ss.util.CellRangeAddress;
import org.apache.poi.xssf.usermodel.XSSFCell;
import org.apache.poi.xssf.usermodel.XSSFFont;
import org.apache.poi.xssf.usermodel.XSSFFormulaEvaluator;
import org.apache.poi.xssf.usermodel.XSSFSheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.time.LocalDateTime;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

import static io.lamina.sheet.Requests.failure;
import static io.lamina.sheet.Requests.xlsx;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Every XLSX is read back with POI's own (non-streaming) reader, with its zip-bomb limits left on. */
class XlsxSheetWriterTest {

    private static XSSFWorkbook read(String request) throws IOException {
        return new XSSFWorkbook(new ByteArrayInputStream(xlsx(request)));
    }

    private static XSSFCell cell(XSSFSheet sheet, int row, int column) {
        return sheet.getRow(row).getCell(column);
    }

    /**
     * The worksheet entries are assembled from parts compressed separately (the rows on a second thread): every
     * entry must still inflate to its recorded size and CRC (java.util.zip checks both), and a sheet larger than many
     * compression chunks must read back whole.
     */
    @Test
    void assemblesValidZipEntriesForLargeSheets() throws IOException {
        StringBuilder rows = new StringBuilder();
        for (int i = 0; i < 30_000; i++) {
            rows.append(i == 0 ? "" : ",").append("[").append(i).append(",\"row ").append(i).append(" <&>\"]");
        }
        String request = "{\"format\":\"xlsx\",\"sheets\":[{\"name\":\"Big\",\"columns\":[{\"name\":\"n\"},"
                + "{\"name\":\"text\"}],\"rows\":[" + rows + "]},{\"name\":\"Small\",\"columns\":[{\"name\":\"x\"}],"
                + "\"rows\":[[1]]}]}";
        byte[] file = xlsx(request);
        int entries = 0;
        try (ZipInputStream zip = new ZipInputStream(new ByteArrayInputStream(file))) {
            for (ZipEntry entry = zip.getNextEntry(); entry != null; entry = zip.getNextEntry()) {
                // Reading to the end makes ZipInputStream compare the data with the entry's size and CRC.
                long size = zip.transferTo(OutputStream.nullOutputStream());
                assertTrue(size > 0, entry.getName());
                entries++;
            }
        }
        assertTrue(entries >= 8, "a whole package: " + entries + " entries");
        try (XSSFWorkbook workbook = new XSSFWorkbook(new ByteArrayInputStream(file))) {
            XSSFSheet big = workbook.getSheet("Big");
            assertEquals(30_000, big.getLastRowNum());
            assertEquals(29_999, cell(big, 30_000, 0).getNumericCellValue());
            assertEquals("row 29999 <&>", cell(big, 30_000, 1).getStringCellValue());
            assertEquals(1, cell(workbook.getSheet("Small"), 1, 0).getNumericCellValue());
        }
    }

    @Test
    void keepsTypesAndWritesExcelNumberFormats() throws IOException {
        try (XSSFWorkbook workbook = read("""
                {"format":"xlsx","sheets":[{"name":"Types","columns":[{"name":"value"}],"rows":[
                  [120.5], ["text"], [true], [null],
                  [{"value":1234.5,"format":"number"}],
                  [{"value":1234.5,"format":"decimal"}],
                  [{"value":1234.5,"format":"currency","currency_code":"EUR"}],
                  [{"value":99,"format":"currency"}],
                  [{"value":1234.5,"format":"currency","currency_code":"JPY"}],
                  [{"value":0.125,"format":"percentage"}],
                  [{"value":"2026-03-17","format":"date"}],
                  [{"value":"2026-03-17","format":"date","date_style":"dd/mm/yyyy"}],
                  [{"value":"2026-11-24T07:05:09Z","format":"datetime"}],
                  [{"value":"07:30","format":"time"}],
                  [{"value":42,"format":"text"}],
                  [{"value":0.5,"format":"custom","styles":{"number_format":"# ?/?"}}],
                  [{"value":"=not a formula","format":"text"}]]}]}""")) {
            XSSFSheet sheet = workbook.getSheet("Types");
            assertEquals("value", cell(sheet, 0, 0).getStringCellValue());
            assertEquals(120.5, cell(sheet, 1, 0).getNumericCellValue());
            assertEquals("General", cell(sheet, 1, 0).getCellStyle().getDataFormatString());
            assertEquals(CellType.STRING, cell(sheet, 2, 0).getCellType());
            assertEquals(CellType.BOOLEAN, cell(sheet, 3, 0).getCellType());
            assertTrue(sheet.getRow(4).getCell(0) == null, "null writes no cell");

            assertEquals(List.of("#,##0.0", "#,##0.00", "[$€] #,##0.00", "[$$] #,##0.00", "[$¥] #,##0", "0.0%"),
                    List.of(5, 6, 7, 8, 9, 10).stream()
                            .map(r -> cell(sheet, r, 0).getCellStyle().getDataFormatString()).toList());
            assertEquals(1234.5, cell(sheet, 7, 0).getNumericCellValue());
            assertEquals(0.125, cell(sheet, 10, 0).getNumericCellValue());

            assertEquals(CellType.NUMERIC, cell(sheet, 11, 0).getCellType());
            assertEquals(LocalDateTime.of(2026, 3, 17, 0, 0), cell(sheet, 11, 0).getLocalDateTimeCellValue());
            assertEquals("yyyy-mm-dd", cell(sheet, 11, 0).getCellStyle().getDataFormatString());
            assertEquals("dd/mm/yyyy", cell(sheet, 12, 0).getCellStyle().getDataFormatString());
            assertEquals(LocalDateTime.of(2026, 11, 24, 7, 5, 9), cell(sheet, 13, 0).getLocalDateTimeCellValue());
            assertEquals("yyyy-mm-dd hh:mm:ss", cell(sheet, 13, 0).getCellStyle().getDataFormatString());
            assertEquals(7.5 / 24, cell(sheet, 14, 0).getNumericCellValue(), 1e-9);
            assertEquals("hh:mm:ss", cell(sheet, 14, 0).getCellStyle().getDataFormatString());
            assertEquals("42", cell(sheet, 15, 0).getStringCellValue());
            assertEquals("@", cell(sheet, 15, 0).getCellStyle().getDataFormatString());
            assertEquals("# ?/?", cell(sheet, 16, 0).getCellStyle().getDataFormatString());
            assertEquals(CellType.STRING, cell(sheet, 17, 0).getCellType());
            assertEquals("=not a formula", cell(sheet, 17, 0).getStringCellValue());
        }
    }

    @Test
    void writesNativeFormulasWithCachedValuesThatExcelWouldCompute() throws IOException {
        try (XSSFWorkbook workbook = read("""
                {"format":"xlsx","sheets":[{"columns":[{"name":"item"},{"name":"amount"}],"rows":[
                  ["a", 1.25], ["b", 2.5],
                  ["total", {"value":"=SUM(B2:B3)","format":"decimal"}],
                  ["double", "=B4*2"],
                  ["avg", "=AVERAGE(B2:B3)"]]}]}""")) {
            XSSFSheet sheet = workbook.getSheetAt(0);
            assertEquals("Sheet1", sheet.getSheetName());
            XSSFCell total = cell(sheet, 3, 1);
            assertEquals(CellType.FORMULA, total.getCellType());
            assertEquals("SUM(B2:B3)", total.getCellFormula());
            assertEquals(3.75, total.getNumericCellValue(), "cached value");
            assertEquals("#,##0.00", total.getCellStyle().getDataFormatString());
            assertEquals("B4*2", cell(sheet, 4, 1).getCellFormula());
            assertTrue(workbook.getForceFormulaRecalculation());

            XSSFFormulaEvaluator evaluator = workbook.getCreationHelper().createFormulaEvaluator();
            assertEquals(3.75, evaluator.evaluate(total).getNumberValue());
            assertEquals(7.5, evaluator.evaluate(cell(sheet, 4, 1)).getNumberValue());
            assertEquals(1.875, evaluator.evaluate(cell(sheet, 5, 1)).getNumberValue());
        }
    }

    @Test
    void keepsAnyTextExactlyAndReusesStylesOnlyWhereTheLookIsTheSame() throws IOException {
        try (XSSFWorkbook workbook = read("""
                {"format":"xlsx","sheets":[{"columns":[{"name":"Straße € 漢字"},{"name":"amount"}],"rows":[
                  ["Müller & Söhne <GmbH> \\"quoted\\"", {"value":5,"format":"currency","currency_code":"EUR"}],
                  ["emoji 😀 and \\u00A0nbsp", {"value":5,"format":"currency","currency_code":"JPY"}],
                  [" leading and trailing ", {"value":5,"format":"currency","currency_code":"EUR"}],
                  ["line\\nbreak\\ttab", {"value":5,"format":"currency"}]]}]}""")) {
            XSSFSheet sheet = workbook.getSheetAt(0);
            assertEquals("Straße € 漢字", cell(sheet, 0, 0).getStringCellValue());
            assertEquals("Müller & Söhne <GmbH> \"quoted\"", cell(sheet, 1, 0).getStringCellValue());
            assertEquals("emoji 😀 and \u00A0nbsp", cell(sheet, 2, 0).getStringCellValue());
            assertEquals(" leading and trailing ", cell(sheet, 3, 0).getStringCellValue());
            assertEquals("line\nbreak\ttab", cell(sheet, 4, 0).getStringCellValue());
            assertEquals(List.of("[$€] #,##0.00", "[$¥] #,##0", "[$€] #,##0.00", "[$$] #,##0.00"),
                    List.of(1, 2, 3, 4).stream()
                            .map(r -> cell(sheet, r, 1).getCellStyle().getDataFormatString()).toList());
            assertEquals(cell(sheet, 1, 1).getCellStyle().getIndex(), cell(sheet, 3, 1).getCellStyle().getIndex());
            assertEquals(0, cell(sheet, 1, 0).getCellStyle().getIndex(), "plain text keeps the default style");
        }
    }

    @Test
    void refusesFormulasExcelCannotRead() {
        String message = failure(SheetErrors.INVALID_PARAMS, () -> xlsx("""
                {"format":"xlsx","sheets":[{"columns":[{"name":"a"}],"rows":[[1],["=SUM(A2"]]}]}"""));
        assertTrue(message.startsWith("sheets[0].rows[1][0]: Excel cannot read the formula '=SUM(A2':"), message);
    }

    @Test
    void mergesFreezesFiltersAndSizesColumnsOnSeveralSheets() throws IOException {
        try (XSSFWorkbook workbook = read("""
                {"format":"xlsx","sheets":[
                  {"name":"Summary","columns":[{"name":"a","width":30},{"name":"b"},{"name":"c"}],"rows":[
                    [{"value":"Q1 report","to_col":2}],
                    [{"value":"tall","to_row":2}, 1, 2],
                    [null, 3, 4]]},
                  {"name":"Raw","freeze_header":false,"autofilter":false,"columns":[{"name":"x"}],"rows":[[1]]}]}""")) {
            assertEquals(2, workbook.getNumberOfSheets());
            XSSFSheet summary = workbook.getSheet("Summary");
            assertEquals(List.of(new CellRangeAddress(1, 1, 0, 2), new CellRangeAddress(2, 3, 0, 0)),
                    summary.getMergedRegions());
            assertEquals("Q1 report", cell(summary, 1, 0).getStringCellValue());
            assertEquals(30 * 256, summary.getColumnWidth(0));
            assertEquals(1, summary.getPaneInformation().getHorizontalSplitPosition());
            assertEquals("A1:C4", summary.getCTWorksheet().getAutoFilter().getRef());

            XSSFSheet raw = workbook.getSheet("Raw");
            assertTrue(raw.getPaneInformation() == null, "no frozen pane");
            assertTrue(!raw.getCTWorksheet().isSetAutoFilter(), "no autofilter");
        }
    }

    @Test
    void appliesHeaderBodyAndCellStylesAndSharesThem() throws IOException {
        StringBuilder rows = new StringBuilder();
        for (int i = 0; i < 2_000; i++) {
            rows.append(i == 0 ? "" : ",").append("[").append(i)
                    .append(",{\"value\":").append(i).append(",\"format\":\"decimal\",\"styles\":{\"is_italic\":true}}]");
        }
        try (XSSFWorkbook workbook = read("""
                {"format":"xlsx","styles":{"header":{"background_color":"1F4E79","font_color":"#FFFFFF"},
                  "body":{"font_family":"Arial","font_size_in_pt":9,"horizontal_alignment":"right"}},
                 "sheets":[{"columns":[{"name":"n"},{"name":"d"}],"rows":[%s]}]}""".formatted(rows))) {
            XSSFSheet sheet = workbook.getSheetAt(0);
            XSSFCell header = cell(sheet, 0, 0);
            XSSFFont headerFont = header.getCellStyle().getFont();
            assertTrue(headerFont.getBold(), "the header is bold by default");
            assertEquals("FFFFFF", headerFont.getXSSFColor().getARGBHex().substring(2));
            assertEquals("1F4E79", header.getCellStyle().getFillForegroundXSSFColor().getARGBHex().substring(2));

            XSSFCell plain = cell(sheet, 5, 0);
            assertEquals("Arial", plain.getCellStyle().getFont().getFontName());
            assertEquals(9, plain.getCellStyle().getFont().getFontHeightInPoints());
            assertEquals(HorizontalAlignment.RIGHT, plain.getCellStyle().getAlignment());
            XSSFCell styled = cell(sheet, 5, 1);
            assertTrue(styled.getCellStyle().getFont().getItalic());
            assertEquals("Arial", styled.getCellStyle().getFont().getFontName());
            assertEquals("#,##0.00", styled.getCellStyle().getDataFormatString());
            assertTrue(workbook.getNumCellStyles() <= 5, "styles are shared: " + workbook.getNumCellStyles());
        }
    }
}
