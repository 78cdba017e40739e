package io.lamina.sheet.render;

import io.lamina.sheet.SheetRequest;

import java.io.IOException;
import java.io.Writer;

/** Writes a validated request in one output format, row by row, so a large sheet never sits in memory as text. */
public interface SheetWriter {

    void write(SheetRequest request, Writer out) throws IOException;
}
