package io.lamina.docgen.render;

import com.fasterxml.jackson.databind.JsonNode;
import org.apache.poi.ooxml.POIXMLProperties;

/** The document's metadata as the core and extended properties of an Office file (DOCX, PPTX). */
public final class OfficeProperties {

    private OfficeProperties() {
    }

    public static void fill(POIXMLProperties properties, Layout layout) {
        var core = properties.getCoreProperties();
        core.setTitle(layout.title().isEmpty() ? "Document" : layout.title());
        JsonNode meta = layout.metadata();
        if (meta.has("author")) {
            core.setCreator(meta.get("author").asText());
        }
        if (meta.has("subject")) {
            core.setSubjectProperty(meta.get("subject").asText());
        }
        if (meta.has("keywords")) {
            core.setKeywords(meta.get("keywords").asText());
        }
        properties.getExtendedProperties().setApplication("Lamina docgen-service");
    }
}
