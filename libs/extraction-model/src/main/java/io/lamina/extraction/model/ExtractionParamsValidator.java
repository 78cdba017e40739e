package io.lamina.extraction.model;

import com.fasterxml.jackson.databind.JsonNode;
import io.lamina.contracts.Operation;
import io.lamina.extraction.model.schema.SchemaReader;
import io.lamina.params.ParamsProblem;
import io.lamina.params.ParamsValidator;
import io.lamina.params.Problems;
import io.lamina.params.StepValues;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Iterator;
import java.util.List;
import java.util.Set;

/**
 * Validates the params of {@code document_extraction} ({@code {files, schema}}), {@code document_to_markdown}
 * ({@code {file}} or {@code {files}}) and {@code website_extraction} ({@code {file: {type: "url", url}, schema?}}).
 * Files may be any file input form or a pipeline reference; a schema (or the whole {@code files} list) may be a
 * pipeline reference too, checked again by the service once resolved.
 */
public final class ExtractionParamsValidator implements ParamsValidator {

    /** Files one request may carry. */
    public static final int MAX_FILES = 20;

    @Override
    public Set<Operation> operations() {
        return Set.of(Operation.DOCUMENT_EXTRACTION, Operation.DOCUMENT_TO_MARKDOWN, Operation.WEBSITE_EXTRACTION);
    }

    @Override
    public List<ParamsProblem> validate(Operation operation, JsonNode params) {
        Problems problems = new Problems();
        if (params == null || !params.isObject()) {
            problems.add("", "params must be an object");
            return problems.list();
        }
        switch (operation) {
            case DOCUMENT_EXTRACTION -> {
                keys(params, Set.of("files", "schema"), problems);
                files(params.get("files"), "files", problems);
                schema(params.get("schema"), true, problems);
            }
            case DOCUMENT_TO_MARKDOWN -> {
                keys(params, Set.of("file", "files"), problems);
                boolean file = params.has("file");
                boolean files = params.has("files");
                if (file && files) {
                    problems.add("", "give either file or files, not both");
                } else if (file) {
                    file(params.get("file"), "file", problems);
                } else if (files) {
                    files(params.get("files"), "files", problems);
                } else {
                    problems.add("file", "required: a file input");
                }
            }
            case WEBSITE_EXTRACTION -> {
                keys(params, Set.of("file", "schema"), problems);
                urlFile(params.get("file"), problems);
                schema(params.get("schema"), false, problems);
            }
            default -> problems.add("", "not an extraction operation: " + operation.id());
        }
        return problems.list();
    }

    private static void schema(JsonNode schema, boolean required, Problems problems) {
        if (schema == null || schema.isNull()) {
            if (required) {
                problems.add("schema", "required: {\"fields\": [ … ]}");
            }
            return;
        }
        if (StepValues.isReference(schema)) {
            return;
        }
        SchemaReader.read(schema, "schema", problems);
    }

    private static void files(JsonNode files, String path, Problems problems) {
        if (StepValues.isReference(files)) {
            return;
        }
        if (files == null || !files.isArray() || files.isEmpty()) {
            problems.add(path, "required: a non-empty array of file inputs");
            return;
        }
        if (files.size() > MAX_FILES) {
            problems.add(path, files.size() + " files, at most " + MAX_FILES + " per request");
            return;
        }
        for (int i = 0; i < files.size(); i++) {
            file(files.get(i), Problems.index(path, i), problems);
        }
    }

    private static void file(JsonNode file, String path, Problems problems) {
        if (StepValues.isReference(file)) {
            return;
        }
        if (!StepValues.isFileInput(file)) {
            problems.add(path, "expected a file input: {\"type\":\"base64\",\"name\",\"base64\"}, "
                    + "{\"type\":\"url\",\"url\"}, {\"type\":\"file\",\"file_id\"} or a step reference");
            return;
        }
        if ("url".equals(file.path("type").asText())) {
            url(file.get("url").textValue(), Problems.field(path, "url"), problems);
        }
    }

    private static void urlFile(JsonNode file, Problems problems) {
        if (StepValues.isReference(file)) {
            return;
        }
        if (file == null || !file.isObject() || !"url".equals(file.path("type").asText())
                || !file.path("url").isTextual()) {
            problems.add("file", "required: {\"type\":\"url\",\"url\":\"https://…\"}");
            return;
        }
        for (Iterator<String> it = file.fieldNames(); it.hasNext(); ) {
            String key = it.next();
            if (!Set.of("type", "url", "name", "fetch_options").contains(key)) {
                problems.add(Problems.field("file", key), "unknown property");
            }
        }
        url(file.get("url").textValue(), "file.url", problems);
    }

    private static void url(String url, String path, Problems problems) {
        try {
            URI uri = new URI(url);
            String scheme = uri.getScheme();
            if (scheme == null || !(scheme.equalsIgnoreCase("http") || scheme.equalsIgnoreCase("https"))
                    || uri.getHost() == null) {
                problems.add(path, "must be an absolute http or https URL");
            }
        } catch (URISyntaxException e) {
            problems.add(path, "not a URL: " + e.getReason());
        }
    }

    private static void keys(JsonNode params, Set<String> allowed, Problems problems) {
        for (Iterator<String> it = params.fieldNames(); it.hasNext(); ) {
            String key = it.next();
            if (!allowed.contains(key)) {
                problems.add(key, "unknown property (allowed: " + String.join(", ", new java.util.TreeSet<>(allowed)) + ")");
            }
        }
    }
}
