package io.waymark.identity.internal;

import io.waymark.identity.CurrentUser;
import io.waymark.identity.DeviceId;
import io.waymark.identity.IssuedDevice;
import io.waymark.identity.ProvisionedRep;
import io.waymark.identity.Provisioning;
import io.waymark.identity.RepId;
import io.waymark.identity.Role;
import io.waymark.identity.TeamId;
import io.waymark.identity.Tracking;
import io.waymark.identity.UserId;
import java.time.Duration;
import java.time.ZoneId;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Component;
import org.springframework.transaction.ReactiveTransactionManager;
import org.springframework.transaction.reactive.TransactionalOperator;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/** {@link Provisioning} through the same services the REST API uses, acting as the server itself (an admin). */
@Component
class StartupProvisioning implements Provisioning {

    /** The server acting on its own: an admin that is no stored user. */
    private static final CurrentUser SERVER =
            new CurrentUser(new UserId(new UUID(0, 0)), "waymark-server", Role.ADMIN, Set.of());

    private final Teams teams;
    private final Reps reps;
    private final Devices devices;
    private final Users users;
    private final UserStore store;
    private final PasswordEncoder passwords;
    private final DatabaseClient db;
    private final TransactionalOperator transaction;

    StartupProvisioning(
            Teams teams,
            Reps reps,
            Devices devices,
            Users users,
            UserStore store,
            PasswordEncoder passwords,
            DatabaseClient db,
            ReactiveTransactionManager transactions) {
        this.teams = teams;
        this.reps = reps;
        this.devices = devices;
        this.users = users;
        this.store = store;
        this.passwords = passwords;
        this.db = db;
        this.transaction = TransactionalOperator.create(transactions);
    }

    @Override
    public Mono<TeamId> team(String name, Tracking tracking, ZoneId timeZone, Duration pingInterval) {
        return teams.loadByName(name.strip())
                .switchIfEmpty(Mono.defer(() -> teams.create(
                        SERVER, new TeamSettings(name, tracking, timeZone.getId(), pingInterval.toMillis()))))
                .map(Team::id);
    }

    @Override
    public Mono<CurrentUser> user(String username, String password, Role role, Set<TeamId> memberOf) {
        return store.findByUsername(username)
                .flatMap(existing -> Mono.fromCallable(() -> passwords.encode(password))
                        .subscribeOn(Schedulers.boundedElastic())
                        .flatMap(hash -> {
                            Set<TeamId> missing = new HashSet<>(memberOf);
                            missing.removeAll(existing.teamIds());
                            Set<TeamId> all = new HashSet<>(existing.teamIds());
                            all.addAll(memberOf);
                            return transaction.transactional(store.change(existing.id(), hash, role)
                                    .then(store.addTeams(existing.id(), missing))
                                    .thenReturn(new CurrentUser(existing.id(), username, role, all)));
                        }))
                .switchIfEmpty(Mono.defer(() -> users.create(SERVER, username, password, role, List.copyOf(memberOf))));
    }

    @Override
    public Flux<ProvisionedRep> reps(TeamId team) {
        return reps.visibleTo(SERVER, team).map(rep -> new ProvisionedRep(rep.id(), rep.name(), rep.teamId()));
    }

    @Override
    public Mono<ProvisionedRep> addRep(TeamId team, String name, String email) {
        return reps.create(SERVER, name, team, email)
                .map(rep -> new ProvisionedRep(rep.id(), rep.name(), rep.teamId()));
    }

    @Override
    public Flux<DeviceId> activeDevices(RepId rep) {
        return db.sql("SELECT id FROM devices WHERE rep_id = :rep AND revoked_at IS NULL ORDER BY created_at, id")
                .bind("rep", rep.value())
                .map(row -> new DeviceId(Rows.uuid(row, "id")))
                .all();
    }

    @Override
    public Mono<IssuedDevice> addDevice(RepId rep, String label) {
        return devices.register(SERVER, rep, label)
                .map(registered -> new IssuedDevice(registered.device().id(), rep, registered.token()));
    }

    @Override
    public Mono<Void> revoke(DeviceId device) {
        return devices.revoke(SERVER, device);
    }
}
