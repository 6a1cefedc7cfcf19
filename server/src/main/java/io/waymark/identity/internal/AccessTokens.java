package io.waymark.identity.internal;

import io.waymark.identity.CurrentUser;
import io.waymark.identity.Role;
import io.waymark.identity.TeamId;
import io.waymark.identity.UserId;
import io.waymark.identity.UserTokens;
import java.time.Clock;
import java.time.Instant;
import java.util.HashSet;
import java.util.Set;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * Console bearer tokens: issued at login, stored as their SHA-256 in {@code access_tokens} with an expiry, resolved
 * by one indexed lookup (and briefly remembered).
 */
@Component
class AccessTokens implements UserTokens {

    private static final Logger log = LoggerFactory.getLogger(AccessTokens.class);

    private final DatabaseClient db;
    private final Clock clock;
    private final IdentityProperties properties;
    private final TokenCache cache;

    AccessTokens(DatabaseClient db, Clock clock, IdentityProperties properties) {
        this.db = db;
        this.clock = clock;
        this.properties = properties;
        this.cache = new TokenCache(clock, properties.tokenCacheTtl(), properties.tokenCacheEntries());
    }

    Mono<IssuedToken> issue(CurrentUser user) {
        String token = OpaqueTokens.newToken();
        Instant expiresAt = clock.instant().plus(properties.tokenTtl());
        return db.sql("INSERT INTO access_tokens (token_hash, user_id, expires_at) VALUES (:hash, :user, :expiresAt)")
                .bind("hash", OpaqueTokens.sha256Hex(token))
                .bind("user", user.id().value())
                .bind("expiresAt", Rows.timestamp(expiresAt))
                .fetch()
                .rowsUpdated()
                .thenReturn(new IssuedToken(token, expiresAt, user));
    }

    @Override
    public Mono<CurrentUser> resolve(String token) {
        if (token == null || token.isBlank() || token.length() > 512) {
            return Mono.empty();
        }
        String hash = OpaqueTokens.sha256Hex(token);
        CurrentUser cached = cache.get(hash);
        if (cached != null) {
            return Mono.just(cached);
        }
        return db.sql("SELECT u.id, u.username, u.role, a.expires_at, ut.team_id FROM access_tokens a"
                        + " JOIN users u ON u.id = a.user_id LEFT JOIN user_teams ut ON ut.user_id = u.id"
                        + " WHERE a.token_hash = :hash")
                .bind("hash", hash)
                .map(row -> new Object[] {
                    Rows.uuid(row, "id"),
                    Rows.text(row, "username"),
                    Rows.text(row, "role"),
                    Rows.instant(row, "expires_at"),
                    Rows.uuid(row, "team_id")
                })
                .all()
                .collectList()
                .flatMap(rows -> {
                    if (rows.isEmpty()) {
                        return Mono.empty();
                    }
                    Object[] first = rows.get(0);
                    Instant expiresAt = (Instant) first[3];
                    if (!clock.instant().isBefore(expiresAt)) {
                        return Mono.empty();
                    }
                    Set<TeamId> teams = new HashSet<>();
                    for (Object[] row : rows) {
                        if (row[4] != null) {
                            teams.add(new TeamId((UUID) row[4]));
                        }
                    }
                    CurrentUser user = new CurrentUser(
                            new UserId((UUID) first[0]), (String) first[1], Role.valueOf((String) first[2]), teams);
                    cache.put(hash, user, expiresAt);
                    return Mono.just(user);
                });
    }

    /** Ends a token before its time (logout). */
    Mono<Void> revoke(String token) {
        String hash = OpaqueTokens.sha256Hex(token);
        cache.forget(hash);
        return db.sql("DELETE FROM access_tokens WHERE token_hash = :hash")
                .bind("hash", hash)
                .fetch()
                .rowsUpdated()
                .then();
    }

    /** Deletes expired tokens now and then, so that the table holds only live ones. */
    @Scheduled(fixedDelayString = "PT1H", initialDelayString = "PT5M")
    Mono<Void> deleteExpired() {
        return db.sql("DELETE FROM access_tokens WHERE expires_at < :now")
                .bind("now", Rows.timestamp(clock.instant()))
                .fetch()
                .rowsUpdated()
                .doOnNext(count -> {
                    if (count > 0) {
                        log.info("deleted {} expired access tokens", count);
                    }
                })
                .then();
    }
}
