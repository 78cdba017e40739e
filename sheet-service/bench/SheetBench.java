import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.lamina.blobs.FileSystemBlobStore;
import io.lamina.ops.runtime.Outcome;
import io.lamina.ops.runtime.StepContext;
import io.lamina.sheet.config.SheetConfig;
import io.lamina.sheet.service.SheetGenerationOperation;
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
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * sheet-service benchmark. Every Lamina mode runs the service's own code for a request:
 * {@code SheetGenerationOperation.run(params, context)} (the validation that the gateway also runs, then the XLSX
 * writer, then the file into a real {@link FileSystemBlobStore}), the same call {@code StepWorker} makes.
 *
 * <ul>
 * <li>{@code operation <rows>}: the params are a JSON tree whose {@code rows} array makes each row when it is read
 * (the request's JSON is not held), so a million rows run in a 256 MB heap: the operation itself.</li>
 * <li>{@code request <rows>}: the whole request as it reaches the service: the params JSON (written to a file
 * first, not timed) is read into a Jackson tree as {@code StepWorker} reads a params blob, then the same operation
 * runs. The tree is held for the whole step, so the heap grows with the rows.</li>
 * <li>{@code xssf <rows>}: the baseline, the same cells through plain POI XSSF (the whole workbook in memory).</li>
 * </ul>
 * Each mode first runs a small untimed request of the same kind ({@code -Dbench.warmup=20000} rows), as a
 * service's JVM is warm. Prints one line of key=value pairs: wall-clock rows/s, rows per CPU-second of the whole process (every thread: the
 * writing thread, the deflater thread, GC and JIT), peak heap (sum
 * of the heap pools' peaks) and the file size; {@code request} also splits the time into reading and running.
 */
public class SheetBench {

    static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    static final ObjectMapper MAPPER = new ObjectMapper();
    static final String[] CUSTOMERS = {"Acme, Inc.", "Globex", "Initech", "Umbrella Corp", "Stark Industries"};
    static final List<String> NAMES = List.of("Invoice", "Customer", "Date", "Quantity", "Unit price", "Net",
            "Tax rate", "Total", "Paid", "Note");

    /** The 365 date cells and the one tax-rate cell every row shares (a real request's tree is already built). */
    static final ObjectNode[] DATES = new ObjectNode[365];
    static final ObjectNode RATE = NODES.objectNode();
    static final JsonNode[] CUSTOMER_NODES = new JsonNode[CUSTOMERS.length];

    static {
        for (int d = 0; d < DATES.length; d++) {
            DATES[d] = NODES.objectNode();
            DATES[d].put("value", LocalDate.of(2026, 1, 1).plusDays(d).toString());
            DATES[d].put("format", "date");
        }
        RATE.put("value", 0.19);
        RATE.put("format", "percentage");
        for (int c = 0; c < CUSTOMERS.length; c++) {
            CUSTOMER_NODES[c] = NODES.textNode(CUSTOMERS[c]);
        }
    }

    /** Row i: invoice id, customer, date, quantity, unit price, net, tax rate, total (currency), paid, note. */
    static ArrayNode row(int i) {
        ArrayNode row = NODES.arrayNode(10);
        row.add("INV-" + i);
        row.add(CUSTOMER_NODES[i % CUSTOMERS.length]);
        row.add(DATES[i % 365]);
        row.add(i % 17 + 1);
        row.add((i % 1000) / 10.0 + 0.99);
        row.add((i % 17 + 1) * ((i % 1000) / 10.0 + 0.99));
        row.add(RATE);
        ObjectNode total = NODES.objectNode();
        total.put("value", (i % 17 + 1) * ((i % 1000) / 10.0 + 0.99) * 1.19);
        total.put("format", "currency");
        total.put("currency_code", "EUR");
        row.add(total);
        row.add(i % 3 == 0);
        row.add("note " + (i % 97));
        return row;
    }

    /** A {@code rows} array that makes row i when it is read: the request's shape without its memory. */
    static final class GeneratedRows extends ArrayNode {

        private final int rows;

        GeneratedRows(int rows) {
            super(NODES);
            this.rows = rows;
        }

        @Override
        public int size() {
            return rows;
        }

        @Override
        public boolean isEmpty() {
            return rows == 0;
        }

        @Override
        public JsonNode get(int index) {
            return index >= 0 && index < rows ? row(index) : null;
        }
    }

    /** The request: one sheet "Invoices" with the ten columns, styles left to the defaults (bold header). */
    static ObjectNode params(ArrayNode rows) {
        ObjectNode params = NODES.objectNode();
        params.put("format", "xlsx");
        ObjectNode sheet = params.putArray("sheets").addObject();
        sheet.put("name", "Invoices");
        ArrayNode columns = sheet.putArray("columns");
        NAMES.forEach(name -> columns.addObject().put("name", name));
        sheet.set("rows", rows);
        return params;
    }

    static final SheetConfig CONFIG = new SheetConfig() {
        @Override
        public int maxRows() {
            return 1_000_000;
        }

        @Override
        public int maxColumns() {
            return 1000;
        }

        @Override
        public int maxCellLength() {
            return 32767;
        }

        @Override
        public int maxXlsxStyles() {
            return 60_000;
        }

        @Override
        public int xlsxCompressionLevel() {
            return Integer.getInteger("bench.level", 1);
        }
    };

    public static void main(String[] args) throws Exception {
        String mode = args[0];
        int rows = Integer.parseInt(args[1]);
        Path work = Files.createTempDirectory("sheet-bench-");
        try {
            run(mode, rows, work);
        } finally {
            try (Stream<Path> files = Files.walk(work)) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    static void run(String mode, int rows, Path work) throws Exception {
        Path json = work.resolve("params.json");
        int warmUp = Integer.getInteger("bench.warmup", 20_000);
        if (warmUp > 0) {
            // A service's JVM is warm: one small request first (untimed) loads the classes and compiles the hot code.
            if (mode.equals("xssf")) {
                xssf(warmUp, OutputStream.nullOutputStream());
            } else {
                operation(params(new GeneratedRows(warmUp)), work);
            }
        }
        if (mode.equals("request")) {
            writeParamsJson(rows, json);
        }
        System.gc();
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            pool.resetPeakUsage();
        }
        var os = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        long start = System.nanoTime();
        long cpuStart = os.getProcessCpuTime();
        long fileBytes;
        String extra = "";
        switch (mode) {
            case "operation" -> fileBytes = operation(params(new GeneratedRows(rows)), work);
            case "request" -> {
                JsonNode params = MAPPER.readTree(json.toFile());
                double read = (System.nanoTime() - start) / 1e9;
                long runStart = System.nanoTime();
                fileBytes = operation(params, work);
                extra = String.format(" params_json_mb=%.1f read_tree_s=%.2f operation_s=%.2f",
                        Files.size(json) / 1048576.0, read, (System.nanoTime() - runStart) / 1e9);
            }
            case "xssf" -> {
                Path file = work.resolve("xssf.xlsx");
                try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(file), 1 << 16)) {
                    xssf(rows, out);
                }
                fileBytes = Files.size(file);
            }
            default -> throw new IllegalArgumentException("mode: operation, request or xssf");
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        double cpu = (os.getProcessCpuTime() - cpuStart) / 1e9;
        long peak = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP) {
                peak += pool.getPeakUsage().getUsed();
            }
        }
        System.out.printf("mode=%s rows=%d columns=10 seconds=%.2f rows_per_s=%.0f cpu_seconds=%.2f rows_per_cpu_s=%.0f "
                        + "peak_heap_mb=%.1f max_heap_mb=%d file_mb=%.1f%s%n",
                mode, rows, seconds, rows / seconds, cpu, rows / cpu, peak / 1048576.0,
                Runtime.getRuntime().maxMemory() / 1048576, fileBytes / 1048576.0, extra);
    }

    /** {@code SheetGenerationOperation.run}, as StepWorker calls it; returns the size of the stored XLSX. */
    static long operation(JsonNode params, Path work) throws Exception {
        FileSystemBlobStore blobs = new FileSystemBlobStore(work.resolve("blobs"));
        Outcome outcome = new SheetGenerationOperation(CONFIG, MAPPER).run(params,
                new StepContext("bench", "job", "sheet", 1, blobs));
        if (!(outcome instanceof Outcome.Succeeded ok)) {
            throw new IllegalStateException("the operation failed: " + outcome);
        }
        return ok.output().get("size").asLong();
    }

    /** The request's JSON, streamed to a file (a million rows would not fit in the heap as a tree twice). */
    static void writeParamsJson(int rows, Path file) throws Exception {
        try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(file), 1 << 16);
             JsonGenerator json = MAPPER.createGenerator(out)) {
            ObjectNode head = params(NODES.arrayNode());
            json.writeStartObject();
            json.writeStringField("format", "xlsx");
            json.writeArrayFieldStart("sheets");
            json.writeStartObject();
            json.writeStringField("name", "Invoices");
            json.writeFieldName("columns");
            MAPPER.writeTree(json, head.get("sheets").get(0).get("columns"));
            json.writeArrayFieldStart("rows");
            for (int i = 0; i < rows; i++) {
                MAPPER.writeTree(json, row(i));
            }
            json.writeEndArray();
            json.writeEndObject();
            json.writeEndArray();
            json.writeEndObject();
        }
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
