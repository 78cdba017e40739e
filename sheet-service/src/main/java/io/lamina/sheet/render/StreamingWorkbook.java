package io.lamina.sheet.render;

import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.apache.commons.compress.archivers.zip.ZipArchiveOutputStream;
import org.apache.commons.compress.archivers.zip.Zip64Mode;
import org.apache.poi.openxml4j.util.ZipArchiveThresholdInputStream;
import org.apache.poi.openxml4j.util.ZipEntrySource;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellType;
import org.apache.poi.ss.util.CellReference;
import org.apache.poi.xssf.streaming.SXSSFRow;
import org.apache.poi.xssf.streaming.SXSSFSheet;
import org.apache.poi.xssf.streaming.SXSSFWorkbook;
import org.apache.poi.xssf.streaming.SheetDataWriter;
import org.apache.poi.xssf.usermodel.XSSFChartSheet;
import org.apache.poi.xssf.usermodel.XSSFSheet;

import java.io.File;
import java.io.FileInputStream;
import java.io.FileOutputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.Writer;
import java.util.Arrays;
import java.util.Enumeration;

/**
 * POI's SXSSF workbook with four changes to how it writes; the package's XML is POI's, except that numbers are
 * written in their shortest plain form ({@code 12.5}, {@code 3} rather than {@code 3.0}) and without the default
 * {@code t="n"}:
 * <ol>
 * <li>Rows go through {@link Utf8FileWriter} (UTF-8 straight into a buffer) instead of the {@code BufferedWriter} +
 * {@code OutputStreamWriter} POI puts under its temporary sheet file.</li>
 * <li>Number, boolean and string cells are written without POI's per-cell string building (same XML).</li>
 * <li>That file holds the rows' XML already deflated, by a second thread ({@link BackgroundDeflater}) while POI is
 * still writing rows.</li>
 * <li>When the package is written, each worksheet entry takes those compressed bytes as they are
 * ({@link SheetEntry}) instead of reading the XML back and deflating it on the writing thread; the other entries
 * (styles, workbook, …) are copied as POI copies them, with the chosen deflate level.</li>
 * </ol>
 */
final class StreamingWorkbook extends SXSSFWorkbook {

    private final int level;

    /**
     * @param window rows kept in memory per sheet before they are flushed
     * @param level the zip deflate level, 1 (fastest) to 9 (smallest)
     */
    StreamingWorkbook(int window, int level) {
        super(null, window, false, false);
        this.level = level;
    }

    /**
     * commons-compress's own zip writer. (POI's default, {@code Zip64Mode.Always}, uses its {@code OpcOutputStream},
     * which keeps its own entry list and cannot take pre-compressed entries.) {@code AsNeeded}: a worksheet entry
     * carries its sizes in its header, so one over 4 GiB gets Zip64 fields; the small template entries never need
     * them.
     */
    @Override
    protected ZipArchiveOutputStream createArchiveOutputStream(OutputStream out) {
        ZipArchiveOutputStream zip = new ZipArchiveOutputStream(out);
        zip.setUseZip64(Zip64Mode.AsNeeded);
        zip.setLevel(level);
        return zip;
    }

    @Override
    protected SheetDataWriter createSheetDataWriter() throws IOException {
        return new DeflatedSheetDataWriter();
    }

    /** As {@link SXSSFWorkbook}'s injection, but sheet entries are assembled from compressed parts. */
    @Override
    protected void injectData(ZipEntrySource source, OutputStream out) throws IOException {
        ZipArchiveOutputStream zip = createArchiveOutputStream(out);
        try {
            Enumeration<? extends ZipArchiveEntry> entries = source.getEntries();
            while (entries.hasMoreElements()) {
                ZipArchiveEntry entry = entries.nextElement();
                try (InputStream in = source.getInputStream(entry)) {
                    if (in instanceof ZipArchiveThresholdInputStream guarded) {
                        // POI turns its zip-bomb guard off when copying its own template (bug 59743); so do we.
                        guarded.setGuardState(false);
                    }
                    XSSFSheet sheet = getSheetFromZipEntryName(entry.getName());
                    if (sheet != null && !(sheet instanceof XSSFChartSheet)) {
                        SXSSFSheet streaming = getSheetAt(getXSSFWorkbook().getSheetIndex(sheet));
                        // Flushes the last rows and closes the sheet's writer, which waits for the deflater.
                        try (InputStream rows = streaming.getWorksheetXMLInputStream()) {
                            if (!(rows instanceof CompressedRows compressed)) {
                                throw new IllegalStateException("a sheet not written by this workbook");
                            }
                            SheetEntry.write(zip, entry, in.readAllBytes(), compressed.rows(), level);
                        }
                    } else {
                        ZipArchiveEntry copy = new ZipArchiveEntry(entry.getName());
                        if (entry.getSize() >= 0) {
                            copy.setSize(entry.getSize());
                        }
                        if (entry.getTime() >= 0) {
                            copy.setTime(entry.getTime());
                        }
                        zip.putArchiveEntry(copy);
                        in.transferTo(zip);
                        zip.closeArchiveEntry();
                    }
                }
            }
        } finally {
            zip.finish();
            source.close();
        }
    }

    /**
     * A sheet's temporary file written through {@link BackgroundDeflater}, with POI's cell XML written faster for the
     * common cells (numbers, booleans, inline strings; every other kind is POI's own code). An inner class: POI calls
     * {@link #createWriter(File)} from its constructor, before a subclass's own fields exist, so the deflate level
     * is read from the enclosing workbook.
     */
    private final class DeflatedSheetDataWriter extends SheetDataWriter {

        /** 1-based number of the row being written, as text (POI keeps its own copy private). */
        private String rowNumber;
        /** Column letters by index, made as columns are first seen. */
        private String[] columnNames = new String[16];

        DeflatedSheetDataWriter() throws IOException {
            super();
        }

        @Override
        @SuppressWarnings("deprecation")
        public Writer createWriter(File file) throws IOException {
            return new Utf8FileWriter(new BackgroundDeflater(new FileOutputStream(file), level));
        }

        @Override
        public void writeRow(int rownum, SXSSFRow row) throws IOException {
            rowNumber = Integer.toString(rownum + 1);
            super.writeRow(rownum, row);
        }

        /**
         * The XML POI writes for a number, boolean or string cell ({@code <c r="B7" s="3"><v>12.5</v></c>}),
         * without its per-cell {@code CellReference}, attribute strings and {@code Double.toString}: a number is
         * written in the shortest plain decimal with at most {@value NumberText#MAX_DECIMALS} decimals that reads
         * back as the same double, else as {@code Double.toString} writes it.
         */
        @Override
        public void writeCell(int column, Cell cell) throws IOException {
            if (cell == null) {
                return;
            }
            CellType type = cell.getCellType();
            if (type != CellType.NUMERIC && type != CellType.STRING && type != CellType.BOOLEAN) {
                super.writeCell(column, cell);
                return;
            }
            Utf8FileWriter out = (Utf8FileWriter) _out;
            out.write("<c r=\"");
            out.write(columnName(column));
            out.write(rowNumber);
            int style = cell.getCellStyle().getIndex() & 0xffff;
            if (style != 0) {
                out.write("\" s=\"");
                out.writeDecimal(style, 0);
            }
            switch (type) {
                case NUMERIC -> {
                    out.write("\"><v>"); // t="n" is the schema's default type
                    NumberText.write(cell.getNumericCellValue(), out);
                    out.write("</v>");
                }
                case BOOLEAN -> out.write(cell.getBooleanCellValue() ? "\" t=\"b\"><v>1</v>" : "\" t=\"b\"><v>0</v>");
                default -> {
                    String text = cell.getStringCellValue();
                    out.write(spaceAtEitherEnd(text) ? "\" t=\"inlineStr\"><is><t xml:space=\"preserve\">"
                            : "\" t=\"inlineStr\"><is><t>");
                    out.writeEscaped(text);
                    out.write("</t></is>");
                }
            }
            out.write("</c>");
        }

        /** When POI marks a string {@code xml:space="preserve"}. */
        private static boolean spaceAtEitherEnd(String text) {
            return !text.isEmpty() && (Character.isWhitespace(text.charAt(0))
                    || Character.isWhitespace(text.charAt(text.length() - 1)));
        }

        private String columnName(int column) {
            if (column >= columnNames.length) {
                columnNames = Arrays.copyOf(columnNames, Math.max(column + 1, columnNames.length * 2));
            }
            String name = columnNames[column];
            if (name == null) {
                name = CellReference.convertNumToColString(column);
                columnNames[column] = name;
            }
            return name;
        }

        /** The compressed rows, once the writer is closed (SXSSF closes it before asking for this stream). */
        @Override
        protected InputStream decorateInputStream(FileInputStream file) {
            BackgroundDeflater deflater = (BackgroundDeflater) ((Utf8FileWriter) _out).target();
            return new CompressedRows(file, new SheetEntry.Rows(file, deflater.crc(), deflater.size(),
                    deflater.compressedSize()));
        }
    }

    /** The temporary file's raw deflate data, with its CRC and sizes. */
    private static final class CompressedRows extends FilterInputStream {

        private final SheetEntry.Rows rows;

        CompressedRows(InputStream in, SheetEntry.Rows rows) {
            super(in);
            this.rows = rows;
        }

        SheetEntry.Rows rows() {
            return rows;
        }
    }
}
