package io.waymark.identity.web;

import io.waymark.identity.UserTokens;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.ReactiveAuthenticationManager;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * Resolves a console bearer token to its user. Being the application's {@link ReactiveAuthenticationManager}, it
 * also keeps Boot from creating its default user.
 */
@Component
class BearerTokenAuthenticator implements ReactiveAuthenticationManager {

    private final UserTokens tokens;

    BearerTokenAuthenticator(UserTokens tokens) {
        this.tokens = tokens;
    }

    @Override
    public Mono<Authentication> authenticate(Authentication authentication) {
        if (!(authentication instanceof BearerToken bearer)) {
            return Mono.empty();
        }
        return tokens.resolve(bearer.token())
                .<Authentication>map(UserAuthentication::new)
                .switchIfEmpty(Mono.error(() -> new BadCredentialsException("The bearer token is unknown or expired")));
    }
}
