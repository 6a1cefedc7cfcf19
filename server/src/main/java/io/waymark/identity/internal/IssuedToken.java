package io.waymark.identity.internal;

import io.waymark.identity.CurrentUser;
import java.time.Instant;
import java.util.Objects;

/** A console token just issued: the only moment the token itself exists outside the client. */
public record IssuedToken(String token, Instant expiresAt, CurrentUser user) {

    public IssuedToken {
        Objects.requireNonNull(token, "token");
        Objects.requireNonNull(expiresAt, "expiresAt");
        Objects.requireNonNull(user, "user");
    }
}
