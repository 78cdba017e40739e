package io.lamina.docgen.render.pdf;

import com.fasterxml.jackson.databind.JsonNode;
import com.itextpdf.io.font.FontProgram;
import com.itextpdf.io.font.FontProgramFactory;
import com.itextpdf.io.font.PdfEncodings;
import com.itextpdf.kernel.font.PdfFont;
import com.itextpdf.kernel.font.PdfFontFactory;
import com.itextpdf.kernel.pdf.PdfDocument;
import io.lamina.contracts.ErrorInfo;
import io.lamina.docgen.fonts.FontLibrary;
import io.lamina.docgen.model.BundledFonts;
import io.lamina.docgen.model.DocumentDefaults;
import io.lamina.docgen.render.Assets;
import io.lamina.docgen.render.TextLook;
import io.lamina.ops.runtime.OperationException;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The fonts of one PDF, embedded as subsets (Identity-H, so any script the font covers works). Bundled faces are
 * parsed once per worker thread and reused across documents; supplied fonts ({@code document.fonts}) per document.
 */
final class PdfFonts {

    /** Parsed bundled font programs, per thread: a program is only ever used by one document at a time. */
    private static final ThreadLocal<Map<String, FontProgram>> PROGRAMS = ThreadLocal.withInitial(HashMap::new);

    private record Supplied(String name, boolean italic, int weight, JsonNode file, String path) {
    }

    private final FontLibrary library;
    private final PdfDocument pdf;
    private final Assets assets;
    private final List<Supplied> supplied = new ArrayList<>();
    private final Map<String, PdfFont> cache = new HashMap<>();

    PdfFonts(FontLibrary library, JsonNode fonts, Assets assets, PdfDocument pdf) {
        this.library = library;
        this.pdf = pdf;
        this.assets = assets;
        if (fonts != null) {
            for (int i = 0; i < fonts.size(); i++) {
                JsonNode f = fonts.get(i);
                supplied.add(new Supplied(f.path("name").asText().trim().toLowerCase(Locale.ROOT),
                        "italic".equals(f.path("style").asText()), weight(f.path("weight").asText("regular")),
                        f.get("file"), "document.fonts[" + i + "].file"));
            }
        }
    }

    PdfFont font(TextLook look) {
        String key = look.family().toLowerCase(Locale.ROOT) + "/" + look.bold() + "/" + look.italic();
        PdfFont font = cache.get(key);
        if (font == null) {
            font = load(look);
            cache.put(key, font);
        }
        return font;
    }

    private PdfFont load(TextLook look) {
        String wanted = look.family().trim().toLowerCase(Locale.ROOT);
        Supplied best = null;
        int bestScore = Integer.MAX_VALUE;
        int weight = look.bold() ? 700 : 400;
        for (Supplied s : supplied) {
            if (!s.name.equals(wanted)) {
                continue;
            }
            int score = Math.abs(s.weight - weight) + (s.italic == look.italic() ? 0 : 1000);
            if (score < bestScore) {
                best = s;
                bestScore = score;
            }
        }
        try {
            if (best != null) {
                byte[] bytes = assets.read(best.file, best.path);
                return PdfFontFactory.createFont(FontProgramFactory.createFont(bytes, false), PdfEncodings.IDENTITY_H,
                        PdfFontFactory.EmbeddingStrategy.FORCE_EMBEDDED);
            }
        } catch (OperationException e) {
            throw e;
        } catch (Exception e) {
            throw new OperationException(ErrorInfo.permanent("malformed_document", best.path
                    + ": not a TrueType or OpenType font this renderer can read (" + e.getMessage() + ")"));
        }
        String family = BundledFonts.resolve(look.family()).orElse(BundledFonts.DEFAULT_FAMILY);
        FontLibrary.Face face = FontLibrary.Face.of(look.bold(), look.italic());
        String file = library.fileName(family, face);
        FontProgram program = PROGRAMS.get().get(file);
        try {
            if (program == null) {
                program = FontProgramFactory.createFont(library.bytes(family, face), false);
                PROGRAMS.get().put(file, program);
            }
            return PdfFontFactory.createFont(program, PdfEncodings.IDENTITY_H,
                    PdfFontFactory.EmbeddingStrategy.FORCE_EMBEDDED);
        } catch (java.io.IOException e) {
            throw new IllegalStateException("bundled font " + file + " unreadable", e);
        }
    }

    private static int weight(String name) {
        if (name.matches("[1-9]00")) {
            return Integer.parseInt(name);
        }
        return switch (name.toLowerCase(Locale.ROOT)) {
            case "thin" -> 100;
            case "extralight" -> 200;
            case "light" -> 300;
            case "medium" -> 500;
            case "semibold" -> 600;
            case "bold" -> 700;
            case "extrabold" -> 800;
            case "black" -> 900;
            default -> DocumentDefaults.isBold(name) ? 700 : 400;
        };
    }
}
