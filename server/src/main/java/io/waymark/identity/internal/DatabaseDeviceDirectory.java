package io.waymark.identity.internal;

import io.waymark.identity.DeviceDirectory;
import io.waymark.identity.DeviceId;
import io.waymark.identity.DeviceIdentity;
import io.waymark.identity.RepId;
import io.waymark.identity.TeamId;
import io.waymark.identity.TeamPolicy;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * The {@link DeviceDirectory} over the database. Device tokens are looked up every time (one indexed lookup), so a
 * revocation takes effect at once; team policies are remembered until the team changes.
 */
@Component
class DatabaseDeviceDirectory implements DeviceDirectory {

    private final DatabaseClient db;
    private final Map<TeamId, TeamPolicy> policies = new ConcurrentHashMap<>();

    DatabaseDeviceDirectory(DatabaseClient db) {
        this.db = db;
    }

    @Override
    public Mono<DeviceIdentity> authenticate(String deviceToken) {
        if (deviceToken == null || deviceToken.isBlank() || deviceToken.length() > 512) {
            return Mono.empty();
        }
        return db.sql("SELECT d.id, d.rep_id, r.team_id FROM devices d JOIN reps r ON r.id = d.rep_id"
                        + " WHERE d.token_hash = :hash AND d.revoked_at IS NULL")
                .bind("hash", OpaqueTokens.sha256Hex(deviceToken))
                .map(row -> new DeviceIdentity(
                        new DeviceId(Rows.uuid(row, "id")),
                        new RepId(Rows.uuid(row, "rep_id")),
                        new TeamId(Rows.uuid(row, "team_id"))))
                .one();
    }

    @Override
    public Mono<TeamPolicy> policy(TeamId teamId) {
        TeamPolicy known = policies.get(teamId);
        if (known != null) {
            return Mono.just(known);
        }
        return db.sql("SELECT " + Team.COLUMNS + " FROM teams WHERE id = :id")
                .bind("id", teamId.value())
                .map(row -> Team.from(row).policy())
                .one()
                .doOnNext(this::remember);
    }

    /** Replaces what is remembered of a team's policy (called when it changes). */
    void remember(TeamPolicy policy) {
        policies.put(policy.teamId(), policy);
    }
}
