package io.lamina.extraction.service;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.lamina.blobs.BlobStore;
import io.lamina.blobs.FileSystemBlobStore;
import io.lamina.extraction.ExtractionErrors;
import io.lamina.extraction.TestConfigs;
import io.lamina.extraction.config.ExtractionConfig;
import io.lamina.extraction.read.DocumentReaders;
import io.lamina.ops.runtime.OperationException;
import io.lamina.ops.runtime.Outcome;
import io.lamina.ops.runtime.StepContext;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class DocumentToMarkdownOperationTest {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    @TempDir
    Path root;
    private BlobStore blobs;
    private StepContext context;

    @BeforeEach
    void blobStore() throws Exception {
        blobs = new FileSystemBlobStore(root);
        context = new StepContext("t1", "job-1", "s1", 1, blobs);
    }

    private Outcome run(String params, long maxBytes) throws Exception {
        ExtractionConfig config = TestConfigs.with(maxBytes, 3, Optional.empty());
        return new DocumentToMarkdownOperation(config, MAPPER, new DocumentReaders(config))
                .run(MAPPER.readTree(params), context);
    }

    private String blob(String content, String name) throws Exception {
        String id = blobs.put(content.getBytes(StandardCharsets.UTF_8)).id();
        return "{\"type\":\"blob\",\"blob_id\":\"" + id + "\",\"name\":\"" + name + "\",\"mime_type\":\"text/plain\","
                + "\"size\":" + content.length() + "}";
    }

    private String failure(String code, String params, long maxBytes) {
        OperationException e = assertThrows(OperationException.class, () -> run(params, maxBytes));
        assertEquals(code, e.error().code(), e.getMessage());
        return e.getMessage();
    }

    @Test
    void convertsATextBlobAndReportsOnePage() throws Exception {
        Outcome.Succeeded ok = (Outcome.Succeeded) run("{\"file\":" + blob("a,b\n1,2\n", "t.csv") + "}", 1000);
        JsonNode output = ok.output();
        assertEquals("t.csv", output.get("name").asText());
        assertEquals("text/csv", output.get("mime_type").asText());
        assertEquals("| a | b |\n| --- | --- |\n| 1 | 2 |\n", output.get("markdown").asText());
        assertEquals(1, ok.usage().units());
        assertEquals("page", ok.usage().unit());
    }

    @Test
    void aFilesListGivesOneResultPerFileInOrder() throws Exception {
        Outcome.Succeeded ok = (Outcome.Succeeded) run("{\"files\":[" + blob("hello", "h.txt") + ","
                + blob("# Title\n\n- a\n", "t.md") + "]}", 1000);
        JsonNode files = ok.output().get("files");
        assertEquals(2, files.size());
        assertEquals("hello", files.get(0).get("markdown").asText());
        assertEquals("t.md", files.get(1).get("name").asText());
        assertEquals("text/markdown", files.get(1).get("mime_type").asText());
        assertEquals(2, ok.usage().units());
    }

    @Test
    void rejectsMoreFilesThanTheLimit() throws Exception {
        String file = blob("x", "x.txt");
        assertEquals("files: at most 3 files per request, got 4", failure(ExtractionErrors.INVALID_PARAMS,
                "{\"files\":[" + file + "," + file + "," + file + "," + file + "]}", 1000));
    }

    @Test
    void refusesUrlInputs() {
        String message = failure(ExtractionErrors.UNSUPPORTED_INPUT,
                "{\"file\":{\"type\":\"url\",\"url\":\"https://example.com/a.pdf\"}}", 1000);
        assertEquals("file: URL inputs are not fetched by document_to_markdown; use website_extraction for web "
                + "pages, or upload the file", message);
    }

    @Test
    void rejectsFilesOverTheSizeLimit() throws Exception {
        assertEquals("file (n.txt): 11 bytes, the limit is 10 bytes (lamina.extraction.max-file-bytes)",
                failure(ExtractionErrors.LIMIT_EXCEEDED, "{\"file\":" + blob("01234567890", "n.txt") + "}", 10));
    }

    @Test
    void failsWhenTheBlobIsGone() {
        String params = "{\"file\":{\"type\":\"blob\",\"blob_id\":\"" + "ab".repeat(32) + "\",\"name\":\"x.txt\"}}";
        failure(ExtractionErrors.INPUT_MISSING, params, 1000);
    }

    @Test
    void requiresAFile() {
        assertEquals("file: required (a file reference), or files: a list of them", failure(ExtractionErrors.INVALID_PARAMS, "{}", 1000));
    }
}
