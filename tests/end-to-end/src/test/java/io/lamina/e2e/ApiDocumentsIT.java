package io.lamina.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.restassured.RestAssured;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The gateway's OpenAPI document covers every endpoint, its references resolve, and Swagger UI is served. */
class ApiDocumentsIT {

    private static Platform platform;

    @BeforeAll
    static void startPlatform() throws Exception {
        platform = Platform.get();
    }

    @Test
    void theOpenApiDocumentIsCompleteAndConsistent() throws Exception {
        String body = RestAssured.given().baseUri(platform.gatewayUrl()).queryParam("format", "json")
                .get("/q/openapi").then().statusCode(200).extract().asString();
        JsonNode doc = new ObjectMapper().readTree(body);
        assertTrue(doc.path("openapi").asText().startsWith("3."), "OpenAPI 3: " + doc.path("openapi"));
        JsonNode paths = doc.path("paths");
        for (String path : List.of("/v1/jobs", "/v1/jobs/{id}", "/v1/jobs/{id}/cancel", "/v1/jobs/{id}/events",
                "/v1/files", "/v1/credits", "/mcp", "/document-extraction/v1/extract",
                "/document-to-markdown/v1/convert", "/website-extraction/v1/extract",
                "/image-transformation/v1/transform", "/image-generation/v1/generate",
                "/document-generation/v1/generate", "/sheet-generation/v1/generate")) {
            assertTrue(paths.has(path), "documented: " + path);
        }
        List<String> broken = new ArrayList<>();
        collectBrokenRefs(doc, doc, broken);
        assertEquals(List.of(), broken, "every $ref resolves");
        RestAssured.given().baseUri(platform.gatewayUrl()).get("/q/swagger-ui/").then().statusCode(200);
    }

    private static void collectBrokenRefs(JsonNode root, JsonNode node, List<String> broken) {
        if (node.isObject()) {
            JsonNode ref = node.get("$ref");
            if (ref != null && ref.isTextual() && ref.asText().startsWith("#/")
                    && root.at(ref.asText().substring(1)).isMissingNode()) {
                broken.add(ref.asText());
            }
            node.elements().forEachRemaining(child -> collectBrokenRefs(root, child, broken));
        } else if (node.isArray()) {
            node.elements().forEachRemaining(child -> collectBrokenRefs(root, child, broken));
        }
    }
}
