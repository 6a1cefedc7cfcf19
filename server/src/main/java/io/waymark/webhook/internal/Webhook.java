package io.waymark.webhook.internal;

import io.waymark.identity.TeamId;
import java.net.URI;
import java.time.Instant;
import java.util.Objects;

/**
 * A URL that receives a team's alert events.
 *
 * @param secret the key of each request's signature; never shown after the webhook is created, nor in logs
 * @param active false once deleted: a deleted webhook receives nothing and is gone from the API
 */
public record Webhook(WebhookId id, TeamId teamId, URI url, String secret, Instant createdAt, boolean active) {

    public Webhook {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(teamId, "teamId");
        Objects.requireNonNull(url, "url");
        Objects.requireNonNull(secret, "secret");
        Objects.requireNonNull(createdAt, "createdAt");
        if (secret.isEmpty()) {
            throw new IllegalArgumentException("a webhook secret is never empty");
        }
    }

    /** Leaves the secret out. */
    @Override
    public String toString() {
        return "Webhook[id=" + id + ", teamId=" + teamId + ", url=" + url + ", active=" + active + "]";
    }
}
