package io.lamina.sheet.render;

import io.lamina.sheet.model.SheetRequest;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;

/** A writer of UTF-8 text (CSV, Markdown). */
public abstract class TextSheetWriter implements SheetWriter {

    public abstract void write(SheetRequest request, Writer out) throws IOException;

    @Override
    public final void write(SheetRequest request, OutputStream out) throws IOException {
        Writer text = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8), 64 * 1024);
        write(request, text);
        text.flush();
    }
}
