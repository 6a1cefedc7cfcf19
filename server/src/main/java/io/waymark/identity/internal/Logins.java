package io.waymark.identity.internal;

import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/** Token login with a user name and password. */
@Component
public class Logins {

    /** Compared against when the user is unknown, so that both failures take as long. */
    private final String decoyHash;

    private final UserStore users;
    private final AccessTokens tokens;
    private final PasswordEncoder passwords;

    Logins(UserStore users, AccessTokens tokens, PasswordEncoder passwords) {
        this.users = users;
        this.tokens = tokens;
        this.passwords = passwords;
        this.decoyHash = passwords.encode(OpaqueTokens.newToken());
    }

    /** A new token for the user; fails with {@link BadCredentialsException} on a wrong name or password. */
    public Mono<IssuedToken> login(String username, String password) {
        return users.findByUsername(username)
                .map(user -> new Candidate(user, user.passwordHash()))
                .defaultIfEmpty(new Candidate(null, decoyHash))
                .publishOn(Schedulers.boundedElastic())
                .filter(candidate -> passwords.matches(password, candidate.hash()) && candidate.user() != null)
                .switchIfEmpty(Mono.error(() -> new BadCredentialsException("Wrong user name or password")))
                .flatMap(candidate -> tokens.issue(candidate.user().asCurrentUser()));
    }

    /** Ends a token before its time. */
    public Mono<Void> logout(String token) {
        return tokens.revoke(token);
    }

    private record Candidate(StoredUser user, String hash) {}
}
