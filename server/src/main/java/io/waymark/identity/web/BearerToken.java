package io.waymark.identity.web;

import java.util.List;
import org.springframework.security.authentication.AbstractAuthenticationToken;

/** A bearer token taken from a request, not yet resolved to a user. */
final class BearerToken extends AbstractAuthenticationToken {

    private final String token;

    BearerToken(String token) {
        super(List.of());
        this.token = token;
        setAuthenticated(false);
    }

    @Override
    public Object getCredentials() {
        return token;
    }

    @Override
    public Object getPrincipal() {
        return token;
    }

    String token() {
        return token;
    }
}
