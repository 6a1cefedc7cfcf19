package io.waymark.identity.internal;

import io.waymark.bus.EventBus;
import io.waymark.identity.CurrentUser;
import io.waymark.identity.DeviceId;
import io.waymark.identity.DeviceRevoked;
import io.waymark.identity.RepId;
import io.waymark.identity.TeamId;
import io.waymark.problem.ForbiddenException;
import io.waymark.problem.NotFoundException;
import java.time.Clock;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** Reps' devices and their tokens, seen through the eyes of a user. */
@Component
public class Devices {

    private final DatabaseClient db;
    private final Clock clock;
    private final Reps reps;
    private final EventBus bus;

    Devices(DatabaseClient db, Clock clock, Reps reps, EventBus bus) {
        this.db = db;
        this.clock = clock;
        this.reps = reps;
        this.bus = bus;
    }

    /** A new device of a rep (ADMIN, or a MANAGER of the rep's team) with a new token; only its hash is kept. */
    public Mono<RegisteredDevice> register(CurrentUser user, RepId repId, String label) {
        return reps.find(user, repId)
                .flatMap(rep -> mayManage(user, rep.teamId()))
                .flatMap(team -> {
                    String token = OpaqueTokens.newToken();
                    String cleanLabel = label == null || label.isBlank() ? null : label.strip();
                    Device device = new Device(DeviceId.random(), repId, cleanLabel, clock.instant(), null);
                    return Rows.bindNullable(
                                    db.sql("INSERT INTO devices (id, rep_id, label, token_hash, created_at)"
                                                    + " VALUES (:id, :rep, :label, :hash, :createdAt)")
                                            .bind("id", device.id().value())
                                            .bind("rep", repId.value())
                                            .bind("hash", OpaqueTokens.sha256Hex(token))
                                            .bind("createdAt", Rows.timestamp(device.createdAt())),
                                    "label",
                                    cleanLabel,
                                    String.class)
                            .fetch()
                            .rowsUpdated()
                            .thenReturn(new RegisteredDevice(device, token));
                });
    }

    /** The devices of a rep the user may see, revoked ones included. */
    public Flux<Device> of(CurrentUser user, RepId repId) {
        return reps.find(user, repId).flatMapMany(rep -> db.sql(
                        "SELECT " + Device.COLUMNS + " FROM devices WHERE rep_id = :rep" + " ORDER BY created_at, id")
                .bind("rep", repId.value())
                .map(Device::from)
                .all());
    }

    /**
     * Revokes a device (ADMIN, or a MANAGER of its rep's team): its token is refused from now on, and
     * {@link DeviceRevoked} tells the ingest side to close its connections. Revoking twice is harmless.
     */
    public Mono<Void> revoke(CurrentUser user, DeviceId id) {
        return db.sql("SELECT d.id, r.team_id FROM devices d JOIN reps r ON r.id = d.rep_id WHERE d.id = :id")
                .bind("id", id.value())
                .map(row -> new TeamId(Rows.uuid(row, "team_id")))
                .one()
                .filter(user::canSee)
                .switchIfEmpty(Mono.error(() -> new NotFoundException("No device " + id)))
                .flatMap(team -> mayManage(user, team))
                .flatMap(team -> db.sql("UPDATE devices SET revoked_at = :now WHERE id = :id AND revoked_at IS NULL")
                        .bind("now", Rows.timestamp(clock.instant()))
                        .bind("id", id.value())
                        .fetch()
                        .rowsUpdated())
                .doOnNext(updated -> {
                    if (updated > 0) {
                        bus.publish(new DeviceRevoked(id));
                    }
                })
                .then();
    }

    private static Mono<TeamId> mayManage(CurrentUser user, TeamId team) {
        return user.canManage(team)
                ? Mono.just(team)
                : Mono.error(new ForbiddenException("Only an admin or a manager of the team manages devices"));
    }
}
