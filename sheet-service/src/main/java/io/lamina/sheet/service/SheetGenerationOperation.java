package io.lamina.sheet.service;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.lamina.blobs.BlobStore;
import io.lamina.contracts.BlobRef;
import io.lamina.contracts.Usage;
import io.lamina.ops.runtime.Operation;
import io.lamina.ops.runtime.Outcome;
import io.lamina.ops.runtime.StepContext;
import io.lamina.sheet.SheetErrors;
import io.lamina.sheet.config.SheetConfig;
import io.lamina.sheet.model.SheetException;
import io.lamina.sheet.model.SheetRequest;
import io.lamina.sheet.model.SheetRequestParser;
import io.lamina.sheet.render.CsvSheetWriter;
import io.lamina.sheet.render.MarkdownSheetWriter;
import io.lamina.sheet.render.SheetWriter;
import io.lamina.sheet.render.XlsxSheetWriter;
import jakarta.enterprise.context.ApplicationScoped;

import java.io.BufferedOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * {@code sheet_generation}: a JSON sheet model in, one CSV, Markdown or XLSX file out (as a blob). The params are
 * validated first with the same parser the gateway ran at submit time ({@code libs/sheet-model}), now with
 * pipeline references resolved and the configured limits; then the file is written to a temporary file, so memory
 * stays bounded by the request itself however large the output grows.
 */
@ApplicationScoped
public class SheetGenerationOperation implements Operation {

    private final SheetRequestParser parser;
    private final SheetConfig config;
    private final ObjectMapper mapper;

    public SheetGenerationOperation(SheetConfig config, ObjectMapper mapper) {
        this.parser = new SheetRequestParser(config.limits());
        this.config = config;
        this.mapper = mapper;
    }

    @Override
    public String id() {
        return io.lamina.contracts.Operation.SHEET_GENERATION.id();
    }

    @Override
    public Outcome run(JsonNode params, StepContext context) throws Exception {
        SheetRequestParser.Parsed parsed = parser.parse(params);
        if (!parsed.valid()) {
            throw SheetErrors.of(parsed);
        }
        SheetRequest request = parsed.request();
        if (request == null) {
            throw SheetErrors.invalid("", "the params still hold an unresolved pipeline reference");
        }
        SheetWriter writer = switch (request.format()) {
            case CSV -> new CsvSheetWriter();
            case MARKDOWN -> new MarkdownSheetWriter();
            case XLSX -> new XlsxSheetWriter(config.maxXlsxStyles(), config.xlsxCompressionLevel());
        };
        Path file = Files.createTempFile("lamina-sheet-", "-" + request.format().fileName());
        try {
            try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(file), 64 * 1024)) {
                writer.write(request, out);
            } catch (SheetException e) {
                throw SheetErrors.of(e);
            }
            BlobStore.StoredBlob blob;
            try (InputStream in = Files.newInputStream(file)) {
                blob = context.blobs().put(in, Files.size(file));
            }
            BlobRef output = BlobRef.of(blob.id(), request.format().fileName(), request.format().mimeType(),
                    blob.size());
            return Outcome.succeeded(mapper.valueToTree(output), Usage.calls(1));
        } finally {
            Files.deleteIfExists(file);
        }
    }
}
