package io.waymark.webhook.internal;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Objects;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The {@code X-Waymark-Signature} of a webhook request: {@code sha256=} and the lower-case hex HMAC-SHA256 of the
 * exact body bytes, keyed with the webhook's secret (its UTF-8 bytes).
 */
public final class WebhookSignature {

    public static final String HEADER = "X-Waymark-Signature";
    static final String PREFIX = "sha256=";
    private static final String ALGORITHM = "HmacSHA256";

    private WebhookSignature() {}

    /** The header value that signs a body with a secret. */
    public static String of(byte[] body, String secret) {
        Objects.requireNonNull(body, "body");
        Objects.requireNonNull(secret, "secret");
        if (secret.isEmpty()) {
            throw new IllegalArgumentException("a webhook secret is never empty");
        }
        try {
            Mac mac = Mac.getInstance(ALGORITHM);
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), ALGORITHM));
            return PREFIX + HexFormat.of().formatHex(mac.doFinal(body));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
        }
    }

    /** Whether a header value signs the body with the secret, compared in constant time. */
    public static boolean matches(String header, byte[] body, String secret) {
        if (header == null) {
            return false;
        }
        return MessageDigest.isEqual(
                of(body, secret).getBytes(StandardCharsets.US_ASCII), header.getBytes(StandardCharsets.US_ASCII));
    }
}
