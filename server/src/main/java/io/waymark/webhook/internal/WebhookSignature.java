package io.waymark.webhook.internal;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Objects;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The signatures of a webhook request, keyed with the webhook's secret (its UTF-8 bytes): {@code X-Waymark-Signature}
 * is {@code sha256=} and the lower-case hex HMAC-SHA256 of the exact body bytes; {@code X-Waymark-Signature-Timestamped}
 * signs {@code X-Waymark-Timestamp} (milliseconds since the epoch, when the attempt was made), a dot and the body, so
 * that a receiver can refuse a request replayed later.
 */
public final class WebhookSignature {

    public static final String HEADER = "X-Waymark-Signature";
    public static final String TIMESTAMPED_HEADER = "X-Waymark-Signature-Timestamped";
    public static final String TIMESTAMP_HEADER = "X-Waymark-Timestamp";
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

    /** The header value that signs a timestamp and a body with a secret: the HMAC of "{millis}." and the body. */
    public static String timestamped(long epochMillis, byte[] body, String secret) {
        Objects.requireNonNull(body, "body");
        byte[] prefix = (epochMillis + ".").getBytes(StandardCharsets.US_ASCII);
        byte[] signed = new byte[prefix.length + body.length];
        System.arraycopy(prefix, 0, signed, 0, prefix.length);
        System.arraycopy(body, 0, signed, prefix.length, body.length);
        return of(signed, secret);
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
