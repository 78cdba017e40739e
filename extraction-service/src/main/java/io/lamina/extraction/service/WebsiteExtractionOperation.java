package io.lamina.extraction.service;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.lamina.blobs.BlobStore;
import io.lamina.contracts.Usage;
import io.lamina.extraction.config.ExtractionConfig;
import io.lamina.extraction.model.layout.DocumentLayout;
import io.lamina.extraction.read.DocumentReaders;
import io.lamina.extraction.web.WebFetcher;
import io.lamina.net.UrlGuard;
import io.lamina.ops.runtime.Operation;
import io.lamina.ops.runtime.Outcome;
import io.lamina.ops.runtime.StepContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import org.jboss.logging.Logger;

import java.util.List;
import java.util.Optional;

import static io.lamina.extraction.ExtractionErrors.INVALID_PARAMS;
import static io.lamina.extraction.ExtractionErrors.fail;

/**
 * {@code website_extraction}: {@code {"file": {"type":"url","url": …}, "schema"?: ExtractionSchema}}. The page is
 * fetched by {@link WebFetcher} (SSRF guard, robots.txt, redirects re-checked, time and byte limits), then read like
 * an uploaded file (HTML to Markdown with links made absolute; a PDF or image behind the URL goes through the same
 * readers). Without a schema the output is a ConvertResult {@code {name, mime_type, markdown}} plus
 * {@code metadata {url, final_url, status, content_type, body_size, title, redirects}}. With a schema the fetched
 * page is stored as a blob and handed to this service's {@code document_extraction} operation (the field
 * extractor), whose ExtractionResult is the output. Usage: the pages read (a web page counts one).
 */
@ApplicationScoped
public class WebsiteExtractionOperation implements Operation {

    private static final Logger LOG = Logger.getLogger(WebsiteExtractionOperation.class);

    private final ObjectMapper mapper;
    private final DocumentReaders readers;
    private final WebFetcher fetcher;
    private final Instance<Operation> operations;

    public WebsiteExtractionOperation(ExtractionConfig config, ObjectMapper mapper, DocumentReaders readers,
                                      Instance<Operation> operations) {
        this.mapper = mapper;
        this.readers = readers;
        this.operations = operations;
        ExtractionConfig.Web web = config.web();
        UrlGuard guard = UrlGuard.allowing(web.allowedHosts().orElse(List.of()));
        this.fetcher = new WebFetcher(guard, web.timeout(), web.maxBytes(), web.maxRedirects(), web.userAgent(),
                web.respectRobots());
        LOG.infof("website_extraction: %s, timeout %s, max %d bytes, %d redirects, robots.txt %s", guard,
                web.timeout(), web.maxBytes(), web.maxRedirects(), web.respectRobots() ? "honoured" : "ignored");
    }

    @Override
    public String id() {
        return io.lamina.contracts.Operation.WEBSITE_EXTRACTION.id();
    }

    @Override
    public Outcome run(JsonNode params, StepContext context) throws Exception {
        JsonNode file = params == null ? null : params.get("file");
        if (file == null || !file.isObject() || !"url".equals(file.path("type").asText())
                || !file.path("url").isTextual()) {
            throw fail(INVALID_PARAMS, "file: required, a URL input {\"type\":\"url\",\"url\":\"https://…\"}");
        }
        JsonNode schema = params.get("schema");
        boolean withSchema = schema != null && !schema.isNull();
        WebFetcher.Page page = fetcher.fetch(file.get("url").textValue());
        String name = file.path("name").isTextual() ? file.get("name").textValue() : nameOf(page);
        DocumentLayout layout = readers.readWeb(name, page.body(), page.finalUri().toString());
        int pages = Math.max(1, layout.pages().size());
        if (withSchema) {
            Optional<Operation> extraction = operations.stream()
                    .filter(o -> io.lamina.contracts.Operation.DOCUMENT_EXTRACTION.id().equals(o.id())).findFirst();
            if (extraction.isEmpty()) {
                throw fail("operation_not_supported", "website_extraction with a schema needs the "
                        + "document_extraction field extractor, which this build of extraction-service lacks");
            }
            BlobStore.StoredBlob blob = context.blobs().put(page.body());
            ObjectNode ref = mapper.createObjectNode();
            ref.put("type", "blob");
            ref.put("blob_id", blob.id());
            ref.put("name", name);
            ref.put("mime_type", layout.mimeType());
            ref.put("size", blob.size());
            ObjectNode delegated = mapper.createObjectNode();
            delegated.putArray("files").add(ref);
            delegated.set("schema", schema);
            return extraction.get().run(delegated, context);
        }
        ObjectNode output = mapper.createObjectNode();
        output.put("name", name);
        output.put("mime_type", layout.mimeType());
        output.put("markdown", layout.markdown());
        ObjectNode meta = output.putObject("metadata");
        meta.put("url", page.requested().toString());
        meta.put("final_url", page.finalUri().toString());
        meta.put("status", page.status());
        meta.put("content_type", page.contentType());
        meta.put("body_size", page.body().length);
        meta.put("redirects", page.redirects());
        String title = DocumentReaders.htmlTitle(layout, page.body());
        if (title != null) {
            meta.put("title", title);
        }
        return Outcome.succeeded(output, Usage.pages(pages));
    }

    private static String nameOf(WebFetcher.Page page) {
        String path = page.finalUri().getPath();
        if (path == null || path.isEmpty() || path.endsWith("/")) {
            return page.finalUri().getHost() == null ? "page.html" : page.finalUri().getHost();
        }
        return path.substring(path.lastIndexOf('/') + 1);
    }
}
