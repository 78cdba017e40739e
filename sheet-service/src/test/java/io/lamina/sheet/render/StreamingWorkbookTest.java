package io.lamina.sheet.render;

import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.streaming.SXSSFWorkbook;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The workbook's own cell writing must give the XML POI's SXSSF gives for strings, booleans, styles and blanks. */
class StreamingWorkbookTest {

    private static final String[] TEXTS = {"plain", " lead", "trail ", "<tag> & \"quote\"", "tab\there", "line\nbreak",
        "cr\rhere", "nbsp\u00A0x", "bell\u0007", "emoji \uD83D\uDE00", "lone \uD800 high", "é ü ß 中文", "\uFFFE", ""};

    private static void fill(SXSSFWorkbook workbook) {
        CellStyle bold = workbook.createCellStyle();
        bold.setFont(workbook.createFont());
        Sheet sheet = workbook.createSheet("S");
        for (int r = 0; r < 700; r++) {
            Row row = sheet.createRow(r);
            String text = TEXTS[r % TEXTS.length];
            row.createCell(0).setCellValue(text);
            row.createCell(2).setCellValue(r % 2 == 0);
            row.createCell(27).setCellStyle(bold);
            row.createCell(30).setCellFormula("SUM(A1:B2)");
            if (r % 3 == 0) {
                row.getCell(0).setCellStyle(bold);
            }
        }
    }

    private static String sheetXml(SXSSFWorkbook workbook) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            fill(workbook);
            workbook.write(out);
        } finally {
            workbook.dispose();
            workbook.close();
        }
        // POI's own package (Zip64 data descriptors) is read through the central directory.
        Path file = Files.createTempFile("streaming-workbook", ".xlsx");
        try {
            Files.write(file, out.toByteArray());
            try (ZipFile zip = new ZipFile(file.toFile())) {
                ZipEntry entry = zip.getEntry("xl/worksheets/sheet1.xml");
                try (InputStream in = zip.getInputStream(entry)) {
                    return new String(in.readAllBytes(), StandardCharsets.UTF_8);
                }
            }
        } finally {
            Files.delete(file);
        }
    }

    @Test
    void writesTheSameSheetXmlAsPoiForTextBooleansStylesBlanksAndFormulas() throws IOException {
        String poi = sheetXml(new SXSSFWorkbook(null, 100, false, false));
        String ours = sheetXml(new StreamingWorkbook(100, 1));
        assertTrue(poi.contains("<c r=\"AB700\" s=\"1\">"), "the comparison covers blank styled cells");
        assertTrue(poi.contains("xml:space=\"preserve\""), "and preserved spaces");
        assertEquals(poi, ours);
    }
}
