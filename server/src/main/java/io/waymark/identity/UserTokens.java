package io.waymark.identity;

import reactor.core.publisher.Mono;

/** Console users' bearer tokens, for the parts of the server that take a token outside the HTTP filter chain. */
public interface UserTokens {

    /** The user a token belongs to; empty when the token is unknown or expired. */
    Mono<CurrentUser> resolve(String token);
}
