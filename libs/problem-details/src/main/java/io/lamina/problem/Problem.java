package io.lamina.problem;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * RFC 9457 problem details with Lamina's stable, machine-readable {@code code}; {@code type} is a URN naming the code.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Problem(String type, String title, int status, String detail, String code) {

    public static final String MEDIA_TYPE = "application/problem+json";

    public static Problem of(int status, String code, String title, String detail) {
        return new Problem("urn:lamina:problem:" + code, title, status, detail, code);
    }
}
