package io.lamina.gateway.compat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.smallrye.openapi.api.SmallRyeOpenAPI;
import org.eclipse.microprofile.config.ConfigProvider;
import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.Paths;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The filter documents every compatible endpoint: request schema and example, success and error responses. */
class CompatOpenApiFilterTest {

    @Test
    void everyCompatibleEndpointGetsItsSchemaExampleAndErrorResponses() throws Exception {
        Paths paths = OASFactory.createPaths();
        CompatOpenApiFilter.PATHS.values().forEach(p -> paths.addPathItem(p,
                OASFactory.createPathItem().POST(OASFactory.createOperation().operationId(p))));
        OpenAPI model = OASFactory.createOpenAPI().openapi("3.1.0").paths(paths)
                .info(OASFactory.createInfo().title("t").version("1"));
        String json = SmallRyeOpenAPI.builder().withConfig(ConfigProvider.getConfig()).withInitialModel(model)
                .enableModelReader(false).enableStandardStaticFiles(false).enableAnnotationScan(false)
                .enableStandardFilter(false).withFilters(List.of(new CompatOpenApiFilter())).build().toJSON();
        JsonNode doc = new ObjectMapper().readTree(json);
        for (String path : CompatOpenApiFilter.PATHS.values()) {
            JsonNode post = doc.path("paths").path(path).path("post");
            JsonNode body = post.path("requestBody").path("content").path("application/json");
            assertEquals("object", body.path("schema").path("type").asText(), path + ": " + body);
            assertTrue(body.path("schema").path("properties").has("webhook_url"), path);
            assertTrue(body.path("example").isObject() && body.path("example").size() > 0, path + " has an example");
            for (String status : List.of("200", "201", "400", "401", "402", "413", "422", "429")) {
                assertFalse(post.path("responses").path(status).isMissingNode(), path + " documents " + status);
            }
            assertEquals("#/components/schemas/CompatError", post.path("responses").path("422").path("content")
                    .path("application/json").path("schema").path("$ref").asText(), path);
        }
        JsonNode extraction = doc.at("/paths/~1document-extraction~1v1~1extract/post/requestBody/content"
                + "/application~1json/schema");
        assertEquals("[\"files\",\"schema\"]", extraction.path("required").toString());
        assertEquals("base64", extraction.at("/properties/files/items/oneOf/0/properties/type/const").asText(),
                extraction.toString().substring(0, 400));
        assertTrue(doc.at("/components/schemas/CompatError/required").toString().contains("error"));
        assertEquals("#/components/schemas/CompatBinaryResult", doc.at("/paths/~1sheet-generation~1v1~1generate"
                + "/post/responses/200/content/application~1json/schema/properties/data/$ref").asText());
    }
}
