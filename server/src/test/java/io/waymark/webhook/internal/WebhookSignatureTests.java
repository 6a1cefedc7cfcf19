package io.waymark.webhook.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class WebhookSignatureTests {

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void signsWithHmacSha256AsRfc4231TestCase2() {
        // RFC 4231, test case 2: key "Jefe", data "what do ya want for nothing?"
        assertThat(WebhookSignature.of(utf8("what do ya want for nothing?"), "Jefe"))
                .isEqualTo("sha256=5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843");
    }

    @Test
    void theTimestampedSignatureSignsTheTimestampADotAndTheBody() {
        byte[] body = utf8("what do ya want for nothing?");

        assertThat(WebhookSignature.timestamped(1795338902120L, body, "Jefe"))
                .isEqualTo(WebhookSignature.of(utf8("1795338902120.what do ya want for nothing?"), "Jefe"))
                .isNotEqualTo(WebhookSignature.timestamped(1795338902121L, body, "Jefe"));
    }

    @Test
    void signsTheExactBytes() {
        String secret = "a-secret-of-16-chars";
        String compact = WebhookSignature.of(utf8("{\"a\":1}"), secret);
        assertThat(WebhookSignature.of(utf8("{\"a\": 1}"), secret)).isNotEqualTo(compact);
        assertThat(WebhookSignature.of(utf8("{\"a\":1}"), secret + "x")).isNotEqualTo(compact);
    }

    @Test
    void matchesOnlyTheSignatureOfTheBodyWithTheSecret() {
        byte[] body = utf8("{\"type\":\"alert\"}");
        String header = WebhookSignature.of(body, "s3cret-s3cret-s3cret");

        assertThat(WebhookSignature.matches(header, body, "s3cret-s3cret-s3cret"))
                .isTrue();
        assertThat(WebhookSignature.matches(header, body, "another-secret-value"))
                .isFalse();
        assertThat(WebhookSignature.matches(header.toUpperCase(), body, "s3cret-s3cret-s3cret"))
                .isFalse();
        assertThat(WebhookSignature.matches(null, body, "s3cret-s3cret-s3cret")).isFalse();
    }

    @Test
    void refusesAnEmptySecret() {
        assertThatThrownBy(() -> WebhookSignature.of(utf8("x"), "")).isInstanceOf(IllegalArgumentException.class);
    }
}
