package io.lamina.sheet.render;

import io.lamina.sheet.model.CellStyle;
import io.lamina.sheet.model.SheetException;
import org.apache.poi.ss.usermodel.DataFormat;
import org.apache.poi.ss.usermodel.FillPatternType;
import org.apache.poi.ss.usermodel.HorizontalAlignment;
import org.apache.poi.xssf.streaming.SXSSFWorkbook;
import org.apache.poi.xssf.usermodel.XSSFCellStyle;
import org.apache.poi.xssf.usermodel.XSSFColor;
import org.apache.poi.xssf.usermodel.XSSFFont;

import java.util.HashMap;
import java.util.HexFormat;
import java.util.Map;

/**
 * The workbook's cell styles and fonts, made once per distinct look and shared by every cell that has it. Excel
 * allows 64,000 cell styles per file, so a million cells must not each get their own; past {@code maxStyles} the
 * request fails with {@code limit_exceeded}.
 */
final class XlsxStyles {

    private record FontKey(String family, Double size, boolean bold, boolean italic, String color) {
    }

    private final SXSSFWorkbook workbook;
    private final DataFormat formats;
    private final int maxStyles;
    private final Map<CellStyle, XSSFCellStyle> styles = new HashMap<>();
    private final Map<FontKey, XSSFFont> fonts = new HashMap<>();

    XlsxStyles(SXSSFWorkbook workbook, int maxStyles) {
        this.workbook = workbook;
        this.formats = workbook.createDataFormat();
        this.maxStyles = maxStyles;
    }

    /**
     * The style for {@code look} (its {@code numberFormat} already the final Excel code), or {@code null} when the
     * cell needs none (Excel's default style).
     */
    XSSFCellStyle get(CellStyle look) {
        if (look.equals(CellStyle.NONE)) {
            return null;
        }
        XSSFCellStyle known = styles.get(look);
        if (known != null) {
            return known;
        }
        if (styles.size() >= maxStyles) {
            throw new SheetException(SheetException.LIMIT_EXCEEDED, "", "the workbook needs more than " + maxStyles
                    + " distinct cell styles (combinations of formats, fonts, colours and alignments)");
        }
        XSSFCellStyle style = (XSSFCellStyle) workbook.createCellStyle();
        if (look.numberFormat() != null) {
            style.setDataFormat(formats.getFormat(look.numberFormat()));
        }
        if (look.backgroundColor() != null) {
            style.setFillForegroundColor(color(look.backgroundColor()));
            style.setFillPattern(FillPatternType.SOLID_FOREGROUND);
        }
        if (look.horizontalAlignment() != null) {
            style.setAlignment(switch (look.horizontalAlignment()) {
                case "center" -> HorizontalAlignment.CENTER;
                case "right" -> HorizontalAlignment.RIGHT;
                default -> HorizontalAlignment.LEFT;
            });
        }
        if (look.fontFamily() != null || look.fontSizeInPt() != null || look.bold() != null || look.italic() != null
                || look.fontColor() != null) {
            style.setFont(font(new FontKey(look.fontFamily(), look.fontSizeInPt(), Boolean.TRUE.equals(look.bold()),
                    Boolean.TRUE.equals(look.italic()), look.fontColor())));
        }
        styles.put(look, style);
        return style;
    }

    private XSSFFont font(FontKey key) {
        return fonts.computeIfAbsent(key, k -> {
            XSSFFont font = (XSSFFont) workbook.createFont();
            if (k.family() != null) {
                font.setFontName(k.family());
            }
            if (k.size() != null) {
                font.setFontHeight(k.size());
            }
            font.setBold(k.bold());
            font.setItalic(k.italic());
            if (k.color() != null) {
                font.setColor(color(k.color()));
            }
            return font;
        });
    }

    private static XSSFColor color(String hex) {
        return new XSSFColor(HexFormat.of().parseHex(hex), null);
    }

    /** The workbook's default style (index 0): what a cell without a look of its own gets. */
    XSSFCellStyle defaultStyle() {
        return (XSSFCellStyle) workbook.getCellStyleAt(0);
    }

    int size() {
        return styles.size();
    }
}
