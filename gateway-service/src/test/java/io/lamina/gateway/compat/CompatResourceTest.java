package io.lamina.gateway.compat;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Iteration Layer's status codes for Lamina's error codes, and what counts as a binary result. */
class CompatResourceTest {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    @Test
    void failedJobsMapToIterationLayersStatusCodes() {
        assertEquals(402, CompatResource.statusOf("insufficient_credits"));
        assertEquals(402, CompatResource.statusOf("budget_exceeded"));
        assertEquals(413, CompatResource.statusOf("limit_exceeded"));
        assertEquals(422, CompatResource.statusOf("invalid_params"));
        assertEquals(422, CompatResource.statusOf("malformed_document"));
        assertEquals(422, CompatResource.statusOf("unsupported_input"));
        assertEquals(400, CompatResource.statusOf("robots_disallowed"), "Iteration Layer: robots.txt refusal is 400");
        assertEquals(400, CompatResource.statusOf("fetch_failed"));
        assertEquals(429, CompatResource.statusOf("tenant_queue_full"));
        assertEquals(500, CompatResource.statusOf("internal_error"));
    }

    @Test
    void onlyABareFileReferenceIsInlinedAsABinaryResult() throws Exception {
        assertTrue(CompatResource.isFileReference(MAPPER.readTree(
                "{\"file_id\":\"f\",\"name\":\"a.png\",\"mime_type\":\"image/png\",\"size\":3}")));
        assertFalse(CompatResource.isFileReference(MAPPER.readTree(
                "{\"file_id\":\"f\",\"name\":\"a.png\",\"mime_type\":\"image/png\",\"pages\":3}")));
        assertFalse(CompatResource.isFileReference(MAPPER.readTree(
                "{\"name\":\"a.md\",\"mime_type\":\"text/markdown\",\"markdown\":\"# a\"}")));
        assertFalse(CompatResource.isFileReference(MAPPER.readTree("[]")));
    }
}
