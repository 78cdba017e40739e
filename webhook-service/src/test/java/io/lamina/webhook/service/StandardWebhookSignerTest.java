package io.lamina.webhook.service;

import org.junit.jupiter.api.Test;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class StandardWebhookSignerTest {

    @Test
    void matchesTheStandardWebhooksReferenceVector() {
        // standard-webhooks/standard-webhooks, libraries/go/webhook_test.go, TestWebhookSign
        StandardWebhookSigner signer = new StandardWebhookSigner("whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw");
        assertEquals("v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=",
                signer.sign("msg_p5jXN8AQM9LWM0D4loKWxJek", 1614265330L, "{\"test\": 2432232314}"));
    }

    @Test
    void acceptsTheSecretWithoutItsPrefix() {
        assertEquals(new StandardWebhookSigner("whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw").sign("m", 1, "{}"),
                new StandardWebhookSigner("MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw").sign("m", 1, "{}"));
    }

    @Test
    void signsUtf8BodiesLikeAnIndependentHmac() throws Exception {
        String secret = StandardWebhookSigner.newSecret();
        String body = "{\"data\":{\"name\":\"Zürich – 東京\"}}";
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(Base64.getDecoder().decode(secret.substring(6)), "HmacSHA256"));
        String expected = "v1," + Base64.getEncoder().encodeToString(
                mac.doFinal(("msg_1.1700000000." + body).getBytes(StandardCharsets.UTF_8)));
        assertEquals(expected, new StandardWebhookSigner(secret).sign("msg_1", 1700000000L, body));
    }

    @Test
    void changesWhenIdTimestampOrBodyChange() {
        StandardWebhookSigner signer = new StandardWebhookSigner(StandardWebhookSigner.newSecret());
        String base = signer.sign("msg_a", 100, "{}");
        assertNotEquals(base, signer.sign("msg_b", 100, "{}"));
        assertNotEquals(base, signer.sign("msg_a", 101, "{}"));
        assertNotEquals(base, signer.sign("msg_a", 100, "{ }"));
    }

    @Test
    void signsWithEverySecretOfARotationNewestFirst() throws Exception {
        String previous = StandardWebhookSigner.newSecret();
        String current = StandardWebhookSigner.newSecret();
        String body = "{\"type\":\"job.completed\"}";
        String header = StandardWebhookSigner.signatures(List.of(current, previous), "msg_9", 1700000001L, body);
        String[] entries = header.split(" ");
        assertEquals(2, entries.length, header);
        assertEquals(independentHmac(current, "msg_9.1700000001." + body), entries[0]);
        assertEquals(independentHmac(previous, "msg_9.1700000001." + body), entries[1]);
    }

    @Test
    void signsWithOneSecretAsASingleEntry() throws Exception {
        String secret = StandardWebhookSigner.newSecret();
        assertEquals(independentHmac(secret, "msg_1.5.{}"),
                StandardWebhookSigner.signatures(List.of(secret), "msg_1", 5, "{}"));
        assertThrows(IllegalArgumentException.class, () -> StandardWebhookSigner.signatures(List.of(), "m", 1, "{}"));
    }

    private static String independentHmac(String secret, String signedContent) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(Base64.getDecoder().decode(secret.substring(6)), "HmacSHA256"));
        return "v1," + Base64.getEncoder().encodeToString(mac.doFinal(signedContent.getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void createsPrefixedSecretsOf32RandomBytes() {
        String secret = StandardWebhookSigner.newSecret();
        assertTrue(secret.startsWith("whsec_"));
        assertEquals(32, Base64.getDecoder().decode(secret.substring(6)).length);
        assertNotEquals(secret, StandardWebhookSigner.newSecret());
    }

    @Test
    void rejectsAnEmptySecret() {
        assertThrows(IllegalArgumentException.class, () -> new StandardWebhookSigner("whsec_"));
    }
}
