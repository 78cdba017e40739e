package io.lamina.docgen.model;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The font families every Lamina installation has (docgen-service loads them from the Debian font packages at start
 * and refuses to start without them), and the generic names that map onto them. A document may use these names, or
 * the name of a font it supplies in {@code document.fonts}.
 */
public final class BundledFonts {

    /** The family used when a document names none: metric-compatible with Arial, covers Latin, Greek and Cyrillic. */
    public static final String DEFAULT_FAMILY = "Liberation Sans";

    public static final Set<String> FAMILIES = Set.of("Liberation Sans", "Liberation Serif", "Liberation Mono",
            "DejaVu Sans", "DejaVu Serif", "DejaVu Sans Mono");

    private static final Map<String, String> ALIASES = new LinkedHashMap<>();

    static {
        for (String family : FAMILIES) {
            ALIASES.put(family.toLowerCase(Locale.ROOT), family);
        }
        for (String sans : new String[] {"sans-serif", "helvetica", "arial", "inter"}) {
            ALIASES.put(sans, "Liberation Sans");
        }
        for (String serif : new String[] {"serif", "times", "times new roman"}) {
            ALIASES.put(serif, "Liberation Serif");
        }
        for (String mono : new String[] {"monospace", "courier", "courier new"}) {
            ALIASES.put(mono, "Liberation Mono");
        }
    }

    private BundledFonts() {
    }

    /** The bundled family a name stands for (case-insensitive; generic names included), if any. */
    public static Optional<String> resolve(String name) {
        return Optional.ofNullable(ALIASES.get(name.trim().toLowerCase(Locale.ROOT)));
    }

    /** Every accepted name, for error messages. */
    public static String describe() {
        return "Liberation Sans (default; also sans-serif, Helvetica, Arial), Liberation Serif (serif, Times), "
                + "Liberation Mono (monospace, Courier), DejaVu Sans, DejaVu Serif, DejaVu Sans Mono";
    }
}
