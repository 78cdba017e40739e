package io.lamina.docgen.service;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.lamina.blobs.FileSystemBlobStore;
import io.lamina.docgen.config.DocgenConfig;
import io.lamina.docgen.render.Samples;
import io.lamina.ops.runtime.Outcome;
import io.lamina.ops.runtime.StepContext;
import org.apache.poi.xwpf.usermodel.XWPFDocument;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.InputStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DocumentGenerationOperationTest {

    private static final byte[] PNG = Base64.getDecoder().decode(
            "iVBORw0KGgoAAAANSUhEUgAAAAIAAAACCAIAAAD91JpzAAAAEklEQVR42mP4z8DAAMIM/4EAAB/uBfvxq7p3AAAAAElFTkSuQmCC");

    @TempDir
    Path blobs;

    private static final DocgenConfig CONFIG = new DocgenConfig() {
        public int maxPages() {
            return 50;
        }

        public long maxOutputBytes() {
            return 10_000_000;
        }

        public long maxInputBytes() {
            return 10_000_000;
        }

        public long maxImagePixels() {
            return 1_000_000;
        }

        public Duration maxRenderTime() {
            return Duration.ofSeconds(30);
        }

        public List<String> fontDirs() {
            return List.of("/usr/share/fonts/truetype");
        }

        public boolean epubEmbedBundledFonts() {
            return false;
        }
    };

    private Outcome run(JsonNode params) throws Exception {
        var context = new StepContext("t1", "job-1", "s1", 1, new FileSystemBlobStore(blobs));
        return new DocumentGenerationOperation(new DocumentGenerator(CONFIG), CONFIG, new ObjectMapper())
                .run(params, context);
    }

    @Test
    void rendersATemplateWithABlobImageToADocxBlob() throws Exception {
        String image = new FileSystemBlobStore(blobs).put(PNG).id();
        Outcome outcome = run(Samples.json("""
                {'format':'docx','template':{'metadata':{'title':'{{title}}'},'content':[
                  {'type':'image','file':{'type':'blob','blob_id':'%s','name':'a.png','mime_type':'image/png',
                   'size':%d},'width_in_pt':20,'height_in_pt':20},
                  {'type':'repeat','items':'{{names}}','as':'n','content':[{'type':'paragraph',
                   'markdown':'{{loop.number}}: {{n}}'}]}]},
                 'data':{'title':'Names','names':['Ada','Βασίλης']}}
                """.formatted(image, PNG.length)));
        Outcome.Succeeded ok = (Outcome.Succeeded) outcome;
        assertEquals("document.docx", ok.output().get("name").asText());
        assertEquals("application/vnd.openxmlformats-officedocument.wordprocessingml.document",
                ok.output().get("mime_type").asText());
        assertEquals(1, ok.usage().units());
        try (InputStream in = new FileSystemBlobStore(blobs).open(ok.output().get("blob_id").asText()).orElseThrow();
             XWPFDocument doc = new XWPFDocument(in)) {
            assertEquals("Names", doc.getProperties().getCoreProperties().getTitle());
            List<String> texts = doc.getParagraphs().stream().map(p -> p.getText()).filter(t -> !t.isEmpty())
                    .toList();
            assertEquals(List.of("1: Ada", "2: Βασίλης"), texts);
            assertEquals(1, doc.getAllPictures().size());
        }
    }

    @Test
    void runsTheValidatorAgainOnResolvedParams() throws Exception {
        Outcome.Failed failed = (Outcome.Failed) run(Samples.json("""
                {'format':'pdf','document':{'content':[{'type':'table','column_widths_in_percent':[50,50],
                 'rows':[{'cells':[{'text':'a'}]}]}]}}
                """));
        assertEquals("invalid_params", failed.error().code());
        assertEquals("document.content[0].rows[0]: 1 cell but the table has 2 columns (from "
                + "column_widths_in_percent)", failed.error().message());
        assertTrue(!failed.error().retryable());
    }

    @Test
    void epubAndPptxAreFilesWithTheirMimeTypes() throws Exception {
        for (String[] format : new String[][] {{"epub", "application/epub+zip"},
                {"pptx", "application/vnd.openxmlformats-officedocument.presentationml.presentation"}}) {
            Outcome.Succeeded ok = (Outcome.Succeeded) run(Samples.json("""
                    {'format':'%s','document':{'content':[{'type':'headline','level':'h1','text':'One'},
                     {'type':'page-break'},{'type':'paragraph','markdown':'Two'}]}}
                    """.formatted(format[0])));
            assertEquals("document." + format[0], ok.output().get("name").asText());
            assertEquals(format[1], ok.output().get("mime_type").asText());
            assertEquals(1, ok.usage().units());
            try (InputStream in = new FileSystemBlobStore(blobs).open(ok.output().get("blob_id").asText())
                    .orElseThrow()) {
                byte[] bytes = in.readAllBytes();
                assertEquals("PK", new String(bytes, 0, 2, java.nio.charset.StandardCharsets.US_ASCII));
                if (format[0].equals("pptx")) {
                    try (var ppt = new org.apache.poi.xslf.usermodel.XMLSlideShow(
                            new java.io.ByteArrayInputStream(bytes))) {
                        assertEquals(2, ppt.getSlides().size(), "a slide per page-break section");
                    }
                }
            }
        }
    }
}
