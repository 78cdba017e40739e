package io.lamina.sheet;

import java.util.List;

/** A validated sheet request: everything the writers need, nothing they have to check again. */
public record SheetRequest(OutputFormat format, boolean includeBom, List<Sheet> sheets) {
}
