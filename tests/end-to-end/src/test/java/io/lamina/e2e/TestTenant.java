package io.lamina.e2e;

import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;

import java.util.Map;

import static org.hamcrest.Matchers.notNullValue;

/** A tenant made through the admin API, with one API key and optional credits. */
public record TestTenant(String id, String key, String gateway) {

    public static TestTenant create(Platform platform, long credits) {
        String gateway = platform.gatewayUrl();
        String id = RestAssured.given().baseUri(gateway).auth().oauth2(Platform.ADMIN_KEY)
                .contentType(ContentType.JSON).body(Map.of("name", "tenant-" + System.nanoTime()))
                .post("/admin/tenants")
                .then().statusCode(201).body("id", notNullValue()).extract().path("id");
        String key = RestAssured.given().baseUri(gateway).auth().oauth2(Platform.ADMIN_KEY)
                .contentType(ContentType.JSON).body(Map.of("name", "e2e"))
                .post("/admin/tenants/" + id + "/keys")
                .then().statusCode(201).extract().path("key");
        if (credits > 0) {
            RestAssured.given().baseUri(gateway).auth().oauth2(Platform.ADMIN_KEY)
                    .contentType(ContentType.JSON).body(Map.of("amount", credits, "source", "manual"))
                    .post("/admin/tenants/" + id + "/credits")
                    .then().statusCode(201);
        }
        return new TestTenant(id, key, gateway);
    }

    /** A request authenticated as this tenant. */
    public RequestSpecification api() {
        return RestAssured.given().baseUri(gateway).auth().oauth2(key);
    }

    public long credit(String field) {
        return ((Number) api().get("/v1/credits").then().statusCode(200).extract().path(field)).longValue();
    }
}
