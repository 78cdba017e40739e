package io.lamina.webhook.service;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Symmetric signatures of the Standard Webhooks specification (https://www.standardwebhooks.com):
 * {@code v1,<base64(HMAC-SHA256(key, id + "." + timestamp + "." + body))>}, where the key is the base64-decoded
 * secret after its {@code whsec_} prefix.
 */
public final class StandardWebhookSigner {

    public static final String SECRET_PREFIX = "whsec_";
    private static final int SECRET_BYTES = 32;
    private static final SecureRandom RANDOM = new SecureRandom();

    private final SecretKeySpec key;

    public StandardWebhookSigner(String secret) {
        String encoded = secret.startsWith(SECRET_PREFIX) ? secret.substring(SECRET_PREFIX.length()) : secret;
        byte[] bytes = Base64.getDecoder().decode(encoded);
        if (bytes.length == 0) {
            throw new IllegalArgumentException("empty signing secret");
        }
        this.key = new SecretKeySpec(bytes, "HmacSHA256");
    }

    /** A new secret: {@code whsec_} followed by the base64 of 32 random bytes (the spec asks for 24 to 64). */
    public static String newSecret() {
        byte[] bytes = new byte[SECRET_BYTES];
        RANDOM.nextBytes(bytes);
        return SECRET_PREFIX + Base64.getEncoder().encodeToString(bytes);
    }

    /**
     * The {@code webhook-signature} header with one {@code v1,…} entry per secret, space-separated, in the order given
     * (during a rotation: the new secret first, then the previous one).
     */
    public static String signatures(List<String> secrets, String messageId, long timestampSeconds, String body) {
        if (secrets.isEmpty()) {
            throw new IllegalArgumentException("no signing secret");
        }
        return secrets.stream().map(s -> new StandardWebhookSigner(s).sign(messageId, timestampSeconds, body))
                .collect(Collectors.joining(" "));
    }

    /** The {@code webhook-signature} entry of one secret for one attempt. */
    public String sign(String messageId, long timestampSeconds, String body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            byte[] digest = mac.doFinal((messageId + "." + timestampSeconds + "." + body)
                    .getBytes(StandardCharsets.UTF_8));
            return "v1," + Base64.getEncoder().encodeToString(digest);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 unavailable", e);
        }
    }
}
