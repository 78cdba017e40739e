package io.lamina.docgen.fonts;

import io.lamina.docgen.model.BundledFonts;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The bundled font files (see {@link BundledFonts}), read once at start from the font folders. A missing file stops
 * the service at start with a message naming the Debian package, rather than failing documents later.
 */
public final class FontLibrary {

    /** One face of a family. */
    public enum Face {
        REGULAR, BOLD, ITALIC, BOLD_ITALIC;

        public static Face of(boolean bold, boolean italic) {
            return bold ? (italic ? BOLD_ITALIC : BOLD) : (italic ? ITALIC : REGULAR);
        }
    }

    private static final Map<String, String[]> FILES = Map.of(
            "Liberation Sans", new String[] {"LiberationSans-Regular.ttf", "LiberationSans-Bold.ttf",
                    "LiberationSans-Italic.ttf", "LiberationSans-BoldItalic.ttf"},
            "Liberation Serif", new String[] {"LiberationSerif-Regular.ttf", "LiberationSerif-Bold.ttf",
                    "LiberationSerif-Italic.ttf", "LiberationSerif-BoldItalic.ttf"},
            "Liberation Mono", new String[] {"LiberationMono-Regular.ttf", "LiberationMono-Bold.ttf",
                    "LiberationMono-Italic.ttf", "LiberationMono-BoldItalic.ttf"},
            "DejaVu Sans", new String[] {"DejaVuSans.ttf", "DejaVuSans-Bold.ttf", "DejaVuSans-Oblique.ttf",
                    "DejaVuSans-BoldOblique.ttf"},
            "DejaVu Serif", new String[] {"DejaVuSerif.ttf", "DejaVuSerif-Bold.ttf", "DejaVuSerif-Italic.ttf",
                    "DejaVuSerif-BoldItalic.ttf"},
            "DejaVu Sans Mono", new String[] {"DejaVuSansMono.ttf", "DejaVuSansMono-Bold.ttf",
                    "DejaVuSansMono-Oblique.ttf", "DejaVuSansMono-BoldOblique.ttf"});

    private final Map<String, byte[]> bytes = new HashMap<>();
    private final Map<String, Path> paths = new HashMap<>();

    /** Reads every bundled face from {@code dirs}; throws naming what is missing. */
    public FontLibrary(List<String> dirs) {
        Map<String, Path> found = new HashMap<>();
        for (String dir : dirs) {
            Path root = Path.of(dir);
            if (!Files.isDirectory(root)) {
                continue;
            }
            try (Stream<Path> files = Files.walk(root)) {
                files.filter(Files::isRegularFile).forEach(f -> found.putIfAbsent(f.getFileName().toString(), f));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        StringBuilder missing = new StringBuilder();
        FILES.forEach((family, names) -> {
            for (String name : names) {
                Path file = found.get(name);
                if (file == null) {
                    missing.append(' ').append(name);
                    continue;
                }
                try {
                    bytes.put(name, Files.readAllBytes(file));
                    paths.put(name, file);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
        });
        if (!missing.isEmpty()) {
            throw new IllegalStateException("bundled fonts missing in " + dirs + ":" + missing
                    + " (install the Debian packages fonts-liberation2 and fonts-dejavu-core, or set "
                    + "lamina.docgen.font-dirs)");
        }
    }

    /** The bytes of one face of a bundled family ({@code family} as resolved by {@link BundledFonts#resolve}). */
    public byte[] bytes(String family, Face face) {
        return bytes.get(fileName(family, face));
    }

    /** A key unique to the face's file (for caches). */
    public String fileName(String family, Face face) {
        String[] names = FILES.get(family);
        if (names == null) {
            throw new IllegalArgumentException("not a bundled family: " + family);
        }
        return names[face.ordinal()];
    }

    public Path path(String family, Face face) {
        return paths.get(fileName(family, face));
    }
}
