package io.waymark.webhook.internal;

import java.util.Objects;
import java.util.UUID;

/** Identifies a webhook. */
public record WebhookId(UUID value) {

    public WebhookId {
        Objects.requireNonNull(value, "value");
    }

    public static WebhookId random() {
        return new WebhookId(UUID.randomUUID());
    }

    @Override
    public String toString() {
        return value.toString();
    }
}
