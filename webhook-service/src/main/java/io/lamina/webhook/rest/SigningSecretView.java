package io.lamina.webhook.rest;

/** {@code {"secret": "whsec_…"}} */
public record SigningSecretView(String secret) {
}
