package io.lamina.image.generate;

import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;

/**
 * Text in a box: paragraphs split on line breaks, greedy word wrapping to the box width (words longer than a line are
 * broken between characters), extra space between paragraphs, horizontal and vertical alignment, and optional
 * auto-sizing (the largest font size, up to the box height, at which the wrapped text fits the box).
 */
public final class TextRenderer {

    public record Style(Font font, int color, String align, String verticalAlign, boolean wrap,
                        double paragraphSpacing) {
    }

    private record Line(String text, boolean endsParagraph) {
    }

    private TextRenderer() {
    }

    public static BufferedImage render(String text, Style style, boolean autoScale, int w, int h) {
        BufferedImage out = new BufferedImage(w, h, BufferedImage.TYPE_INT_ARGB);
        Graphics2D g = out.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
            g.setRenderingHint(RenderingHints.KEY_FRACTIONALMETRICS, RenderingHints.VALUE_FRACTIONALMETRICS_ON);
            g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
            Font font = autoScale ? fittingFont(g, text, style, w, h) : style.font();
            g.setFont(font);
            FontMetrics fm = g.getFontMetrics();
            List<Line> lines = wrap(text, fm, w, style.wrap());
            double height = height(lines, fm, style.paragraphSpacing());
            double y = switch (style.verticalAlign()) {
                case "center" -> (h - height) / 2;
                case "bottom" -> h - height;
                default -> 0;
            };
            g.setColor(new java.awt.Color(style.color(), true));
            for (Line line : lines) {
                double width = fm.getStringBounds(line.text(), g).getWidth();
                double x = switch (style.align()) {
                    case "center" -> (w - width) / 2;
                    case "right" -> w - width;
                    default -> 0;
                };
                g.drawString(line.text(), (float) x, (float) (y + fm.getAscent()));
                y += fm.getHeight() + (line.endsParagraph() ? style.paragraphSpacing() : 0);
            }
        } finally {
            g.dispose();
        }
        return out;
    }

    /** The lines {@code text} wraps into at this font; exposed for tests. */
    static List<String> lines(String text, Font font, int width, boolean wrap) {
        Graphics2D g = new BufferedImage(1, 1, BufferedImage.TYPE_INT_ARGB).createGraphics();
        g.setRenderingHint(RenderingHints.KEY_FRACTIONALMETRICS, RenderingHints.VALUE_FRACTIONALMETRICS_ON);
        g.setFont(font);
        List<String> out = wrap(text, g.getFontMetrics(), width, wrap).stream().map(Line::text).toList();
        g.dispose();
        return out;
    }

    private static Font fittingFont(Graphics2D g, String text, Style style, int w, int h) {
        float lo = 1;
        float hi = Math.max(1, h);
        Font base = style.font();
        for (int i = 0; i < 20 && hi - lo > 0.25f; i++) {
            float mid = (lo + hi) / 2;
            FontMetrics fm = g.getFontMetrics(base.deriveFont(mid));
            List<Line> lines = wrap(text, fm, w, style.wrap());
            boolean fits = height(lines, fm, style.paragraphSpacing()) <= h
                    && lines.stream().allMatch(l -> fm.stringWidth(l.text()) <= w);
            if (fits) {
                lo = mid;
            } else {
                hi = mid;
            }
        }
        return base.deriveFont(lo);
    }

    private static double height(List<Line> lines, FontMetrics fm, double paragraphSpacing) {
        double height = 0;
        for (int i = 0; i < lines.size(); i++) {
            height += fm.getHeight();
            if (lines.get(i).endsParagraph() && i < lines.size() - 1) {
                height += paragraphSpacing;
            }
        }
        return height;
    }

    private static List<Line> wrap(String text, FontMetrics fm, int width, boolean wrap) {
        List<Line> lines = new ArrayList<>();
        String[] paragraphs = text.replace("\r\n", "\n").split("\n", -1);
        for (String paragraph : paragraphs) {
            if (!wrap) {
                lines.add(new Line(paragraph, true));
                continue;
            }
            List<String> out = new ArrayList<>();
            StringBuilder current = new StringBuilder();
            for (String word : paragraph.split(" +")) {
                if (word.isEmpty()) {
                    continue;
                }
                String candidate = current.isEmpty() ? word : current + " " + word;
                if (fm.stringWidth(candidate) <= width) {
                    current.setLength(0);
                    current.append(candidate);
                    continue;
                }
                if (!current.isEmpty()) {
                    out.add(current.toString());
                    current.setLength(0);
                }
                // A word wider than the line is broken between characters.
                String rest = word;
                while (fm.stringWidth(rest) > width && rest.length() > 1) {
                    int cut = rest.length() - 1;
                    while (cut > 1 && fm.stringWidth(rest.substring(0, cut)) > width) {
                        cut--;
                    }
                    out.add(rest.substring(0, cut));
                    rest = rest.substring(cut);
                }
                current.append(rest);
            }
            out.add(current.toString());
            for (int i = 0; i < out.size(); i++) {
                lines.add(new Line(out.get(i), i == out.size() - 1));
            }
        }
        return lines;
    }
}
