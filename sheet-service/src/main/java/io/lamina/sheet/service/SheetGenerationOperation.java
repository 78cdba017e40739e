package io.lamina.sheet.service;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.lamina.blobs.BlobStore;
import io.lamina.contracts.BlobRef;
import io.lamina.contracts.ErrorInfo;
import io.lamina.contracts.Usage;
import io.lamina.ops.runtime.Operation;
import io.lamina.ops.runtime.OperationException;
import io.lamina.ops.runtime.Outcome;
import io.lamina.ops.runtime.StepContext;
import io.lamina.sheet.SheetErrors;
import io.lamina.sheet.SheetRequest;
import io.lamina.sheet.config.SheetLimits;
import io.lamina.sheet.render.CsvSheetWriter;
import io.lamina.sheet.render.MarkdownSheetWriter;
import io.lamina.sheet.render.SheetWriter;
import jakarta.enterprise.context.ApplicationScoped;

import java.io.BufferedWriter;
import java.io.InputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * {@code sheet_generation}: a JSON sheet model in, one CSV or Markdown file out (as a blob). The file is written to a
 * temporary file first, so memory stays bounded by the request itself however large the output grows.
 */
@ApplicationScoped
public class SheetGenerationOperation implements Operation {

    private final SheetRequestParser parser;
    private final ObjectMapper mapper;

    public SheetGenerationOperation(SheetLimits limits, ObjectMapper mapper) {
        this.parser = new SheetRequestParser(limits);
        this.mapper = mapper;
    }

    @Override
    public String id() {
        return io.lamina.contracts.Operation.SHEET_GENERATION.id();
    }

    @Override
    public Outcome run(JsonNode params, StepContext context) throws Exception {
        SheetRequest request = parser.parse(params);
        SheetWriter writer = switch (request.format()) {
            case CSV -> new CsvSheetWriter();
            case MARKDOWN -> new MarkdownSheetWriter();
            case XLSX -> throw new OperationException(ErrorInfo.permanent(SheetErrors.UNSUPPORTED_FORMAT,
                    "format: XLSX output is not available yet in this version of Lamina; use csv or markdown"));
        };
        Path file = Files.createTempFile("lamina-sheet-", "-" + request.format().fileName());
        try {
            try (Writer out = new BufferedWriter(new OutputStreamWriter(Files.newOutputStream(file),
                    StandardCharsets.UTF_8), 64 * 1024)) {
                writer.write(request, out);
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
