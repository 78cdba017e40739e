import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.lamina.sheet.model.CellStyle;
import io.lamina.sheet.model.Column;
import io.lamina.sheet.model.OutputFormat;
import io.lamina.sheet.model.Sheet;
import io.lamina.sheet.model.SheetRequest;
import io.lamina.sheet.model.SheetRows;
import io.lamina.sheet.render.XlsxSheetWriter;
import org.apache.poi.xssf.usermodel.XSSFCellStyle;
import org.apache.poi.xssf.usermodel.XSSFRow;
import org.apache.poi.xssf.usermodel.XSSFSheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;

import java.io.BufferedOutputStream;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/**
 * sheet-service benchmark: {@code lamina <rows>} writes rows × 10 columns to XLSX through Lamina's SXSSF writer,
 * {@code xssf <rows>} the same data through plain POI XSSF (the whole workbook in memory). Prints rows/s, peak heap
 * (sum of the heap pools' peaks) and the file size as one line of key=value pairs.
 */
public class SheetBench {

    static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    static final String[] CUSTOMERS = {"Acme, Inc.", "Globex", "Initech", "Umbrella Corp", "Stark Industries"};

    /** Row i: invoice id, customer, date, quantity, unit price, net, tax rate, total (currency), paid, note. */
    static ArrayNode row(int i) {
        ArrayNode row = NODES.arrayNode(10);
        row.add("INV-" + i);
        row.add(CUSTOMERS[i % CUSTOMERS.length]);
        ObjectNode date = NODES.objectNode();
        date.put("value", LocalDate.of(2026, 1, 1).plusDays(i % 365).toString());
        date.put("format", "date");
        row.add(date);
        row.add(i % 17 + 1);
        row.add((i % 1000) / 10.0 + 0.99);
        row.add((i % 17 + 1) * ((i % 1000) / 10.0 + 0.99));
        ObjectNode rate = NODES.objectNode();
        rate.put("value", 0.19);
        rate.put("format", "percentage");
        row.add(rate);
        ObjectNode total = NODES.objectNode();
        total.put("value", (i % 17 + 1) * ((i % 1000) / 10.0 + 0.99) * 1.19);
        total.put("format", "currency");
        total.put("currency_code", "EUR");
        row.add(total);
        row.add(i % 3 == 0);
        row.add("note " + (i % 97));
        return row;
    }

    static final List<String> NAMES = List.of("Invoice", "Customer", "Date", "Quantity", "Unit price", "Net",
            "Tax rate", "Total", "Paid", "Note");

    public static void main(String[] args) throws Exception {
        String mode = args[0];
        int rows = Integer.parseInt(args[1]);
        Path file = Files.createTempFile("sheet-bench-", ".xlsx");
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            pool.resetPeakUsage();
        }
        long start = System.nanoTime();
        long cpuStart = ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime();
        try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(file), 1 << 16)) {
            if (mode.equals("lamina")) {
                lamina(rows, out);
            } else {
                xssf(rows, out);
            }
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        double cpu = (ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime() - cpuStart) / 1e9;
        long peak = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP) {
                peak += pool.getPeakUsage().getUsed();
            }
        }
        System.out.printf("mode=%s rows=%d columns=10 seconds=%.2f rows_per_s=%.0f cpu_seconds=%.2f rows_per_cpu_s=%.0f "
                        + "peak_heap_mb=%.1f max_heap_mb=%d file_mb=%.1f%n",
                mode, rows, seconds, rows / seconds, cpu, rows / cpu, peak / 1048576.0, Runtime.getRuntime().maxMemory() / 1048576,
                Files.size(file) / 1048576.0);
        Files.delete(file);
    }

    static void lamina(int rows, OutputStream out) throws Exception {
        List<Column> columns = new ArrayList<>();
        for (String name : NAMES) {
            columns.add(new Column(name, null));
        }
        SheetRows generated = new SheetRows() {
            @Override
            public int size() {
                return rows;
            }

            @Override
            public JsonNode row(int index) {
                return SheetBench.row(index);
            }
        };
        Sheet sheet = new Sheet("Invoices", columns, generated, "sheets[0]", true, true, List.of());
        SheetRequest request = new SheetRequest(OutputFormat.XLSX, false, List.of(sheet), CellStyle.DEFAULT_HEADER,
                CellStyle.NONE, List.of());
        new XlsxSheetWriter(60_000, 1).write(request, out);
    }

    /** The same cells through plain XSSF: typed values, a date, a percentage and a currency format. */
    static void xssf(int rows, OutputStream out) throws Exception {
        try (XSSFWorkbook workbook = new XSSFWorkbook()) {
            XSSFSheet sheet = workbook.createSheet("Invoices");
            var formats = workbook.createDataFormat();
            XSSFCellStyle date = workbook.createCellStyle();
            date.setDataFormat(formats.getFormat("yyyy-mm-dd"));
            XSSFCellStyle percent = workbook.createCellStyle();
            percent.setDataFormat(formats.getFormat("0%"));
            XSSFCellStyle money = workbook.createCellStyle();
            money.setDataFormat(formats.getFormat("[$€] #,##0.00"));
            XSSFRow header = sheet.createRow(0);
            for (int c = 0; c < NAMES.size(); c++) {
                header.createCell(c).setCellValue(NAMES.get(c));
            }
            for (int i = 0; i < rows; i++) {
                XSSFRow row = sheet.createRow(i + 1);
                double net = (i % 17 + 1) * ((i % 1000) / 10.0 + 0.99);
                row.createCell(0).setCellValue("INV-" + i);
                row.createCell(1).setCellValue(CUSTOMERS[i % CUSTOMERS.length]);
                var d = row.createCell(2);
                d.setCellValue(LocalDate.of(2026, 1, 1).plusDays(i % 365));
                d.setCellStyle(date);
                row.createCell(3).setCellValue(i % 17 + 1);
                row.createCell(4).setCellValue((i % 1000) / 10.0 + 0.99);
                row.createCell(5).setCellValue(net);
                var r = row.createCell(6);
                r.setCellValue(0.19);
                r.setCellStyle(percent);
                var t = row.createCell(7);
                t.setCellValue(net * 1.19);
                t.setCellStyle(money);
                row.createCell(8).setCellValue(i % 3 == 0);
                row.createCell(9).setCellValue("note " + (i % 97));
            }
            workbook.write(out);
        }
    }
}
