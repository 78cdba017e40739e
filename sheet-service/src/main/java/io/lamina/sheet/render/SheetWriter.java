package io.lamina.sheet.render;

import io.lamina.sheet.model.SheetRequest;

import java.io.IOException;
import java.io.OutputStream;

/** Writes a validated request in one output format, row by row, so a large sheet never sits in memory as a file. */
public interface SheetWriter {

    void write(SheetRequest request, OutputStream out) throws IOException;
}
