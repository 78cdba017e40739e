package io.lamina.e2e;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;

/**
 * A receiver's signature check per the Standard Webhooks spec, written here independently of webhook-service's
 * signer: HMAC-SHA256 over "{webhook-id}.{webhook-timestamp}.{body}" keyed with the base64 part of "whsec_…".
 */
final class StandardWebhooks {

    private StandardWebhooks() {
    }

    static boolean verify(String secret, String id, String timestamp, String body, String signatureHeader)
            throws Exception {
        byte[] key = Base64.getDecoder().decode(secret.substring("whsec_".length()));
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(key, "HmacSHA256"));
        byte[] expected = mac.doFinal((id + "." + timestamp + "." + body).getBytes(StandardCharsets.UTF_8));
        for (String candidate : signatureHeader.split(" ")) {
            if (candidate.startsWith("v1,")) {
                byte[] given = Base64.getDecoder().decode(candidate.substring(3));
                if (MessageDigest.isEqual(expected, given)) {
                    return true;
                }
            }
        }
        return false;
    }
}
