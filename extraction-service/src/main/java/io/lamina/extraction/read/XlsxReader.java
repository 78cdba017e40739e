package io.lamina.extraction.read;

import io.lamina.extraction.ExtractionErrors;
import org.apache.poi.openxml4j.exceptions.InvalidFormatException;
import org.apache.poi.openxml4j.exceptions.OpenXML4JException;
import org.apache.poi.openxml4j.opc.OPCPackage;
import org.apache.poi.openxml4j.opc.PackageAccess;
import org.apache.poi.ss.usermodel.DataFormatter;
import org.apache.poi.util.XMLHelper;
import org.apache.poi.xssf.eventusermodel.ReadOnlySharedStringsTable;
import org.apache.poi.xssf.eventusermodel.XSSFReader;
import org.apache.poi.xssf.eventusermodel.XSSFSheetXMLHandler;
import org.apache.poi.xssf.model.StylesTable;
import org.apache.poi.xssf.usermodel.XSSFComment;
import org.xml.sax.InputSource;
import org.xml.sax.SAXException;
import org.xml.sax.XMLReader;

import javax.xml.parsers.ParserConfigurationException;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;

/**
 * XLSX with POI's SAX event API (constant memory whatever the sheet size): every sheet becomes a {@code ##} heading
 * and a Markdown table of its used range, values as Excel displays them. The number of cells is capped by
 * {@code max-sheet-cells}.
 */
final class XlsxReader {

    private XlsxReader() {
    }

    static String markdown(File file, ReadBudget budget) throws IOException {
        try (OPCPackage pkg = OPCPackage.open(file, PackageAccess.READ)) {
            XSSFReader reader = new XSSFReader(pkg);
            ReadOnlySharedStringsTable strings = new ReadOnlySharedStringsTable(pkg, false);
            StylesTable styles = reader.getStylesTable();
            XSSFReader.SheetIterator sheets = (XSSFReader.SheetIterator) reader.getSheetsData();
            StringBuilder out = new StringBuilder();
            long[] cells = {0};
            while (sheets.hasNext()) {
                budget.check();
                try (InputStream sheet = sheets.next()) {
                    List<List<String>> rows = new ArrayList<>();
                    XMLReader parser = XMLHelper.newXMLReader();
                    parser.setContentHandler(new XSSFSheetXMLHandler(styles, null, strings,
                            new Rows(rows, cells, budget), new DataFormatter(), false));
                    parser.parse(new InputSource(sheet));
                    trimEmptyColumns(rows);
                    out.append("## ").append(sheets.getSheetName()).append("\n\n");
                    if (!rows.isEmpty()) {
                        out.append(Markdown.table(rows)).append('\n');
                    }
                    budget.checkText(out.length());
                }
            }
            return out.toString();
        } catch (InvalidFormatException e) {
            throw ExtractionErrors.fail(ExtractionErrors.MALFORMED_DOCUMENT, "not a readable XLSX: " + e.getMessage());
        } catch (OpenXML4JException | SAXException | ParserConfigurationException e) {
            if (e.getCause() instanceof io.lamina.ops.runtime.OperationException oe) {
                throw oe;
            }
            throw ExtractionErrors.fail(ExtractionErrors.MALFORMED_DOCUMENT, "not a readable XLSX: " + e.getMessage());
        }
    }

    private static void trimEmptyColumns(List<List<String>> rows) {
        while (!rows.isEmpty() && rows.get(rows.size() - 1).stream().allMatch(String::isEmpty)) {
            rows.remove(rows.size() - 1);
        }
    }

    private static final class Rows implements XSSFSheetXMLHandler.SheetContentsHandler {
        private final List<List<String>> rows;
        private final long[] cells;
        private final ReadBudget budget;
        private List<String> row;

        Rows(List<List<String>> rows, long[] cells, ReadBudget budget) {
            this.rows = rows;
            this.cells = cells;
            this.budget = budget;
        }

        @Override
        public void startRow(int rowNum) {
            if (rowNum > rows.size()) {
                cells[0] += rowNum - rows.size();
                if (cells[0] > budget.limits().maxSheetCells()) {
                    throw ExtractionErrors.fail(ExtractionErrors.LIMIT_EXCEEDED, "the workbook has more than "
                            + budget.limits().maxSheetCells() + " cells (lamina.extraction.max-sheet-cells)");
                }
            }
            while (rows.size() < rowNum) {
                rows.add(new ArrayList<>());
            }
            row = new ArrayList<>();
        }

        @Override
        public void endRow(int rowNum) {
            rows.add(row);
            if ((rowNum & 0xFF) == 0) {
                budget.check();
            }
        }

        @Override
        public void cell(String reference, String value, XSSFComment comment) {
            int col = column(reference, row.size());
            if (col > 16384) {
                return;
            }
            while (row.size() < col) {
                row.add("");
            }
            row.add(value == null ? "" : value);
            if (++cells[0] > budget.limits().maxSheetCells()) {
                throw ExtractionErrors.fail(ExtractionErrors.LIMIT_EXCEEDED, "the workbook has more than "
                        + budget.limits().maxSheetCells() + " cells (lamina.extraction.max-sheet-cells)");
            }
        }

        private static int column(String reference, int fallback) {
            if (reference == null) {
                return fallback;
            }
            int col = 0;
            for (int i = 0; i < reference.length(); i++) {
                char ch = reference.charAt(i);
                if (ch < 'A' || ch > 'Z') {
                    break;
                }
                col = col * 26 + (ch - 'A' + 1);
            }
            return col == 0 ? fallback : col - 1;
        }
    }
}
