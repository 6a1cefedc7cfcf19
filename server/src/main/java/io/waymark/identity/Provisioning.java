package io.waymark.identity;

import java.time.Duration;
import java.time.ZoneId;
import java.util.Set;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Set-up without a signed-in user, for what the server itself sets up at start-up (the demo company). Every call
 * acts with an admin's rights: never expose it to a client.
 */
public interface Provisioning {

    /** The team of that name (the oldest when several have it), or a new one with these settings. */
    Mono<TeamId> team(String name, Tracking tracking, ZoneId timeZone, Duration pingInterval);

    /**
     * A console user with this name, password, role and (at least) these teams: made when missing; when it exists,
     * its password and role are set to these and the missing teams added.
     */
    Mono<CurrentUser> user(String username, String password, Role role, Set<TeamId> teams);

    /** The reps of a team, by name. */
    Flux<ProvisionedRep> reps(TeamId team);

    /** A new rep of a team. */
    Mono<ProvisionedRep> addRep(TeamId team, String name, String email);

    /** The devices of a rep that are not revoked. */
    Flux<DeviceId> activeDevices(RepId rep);

    /** A new device of a rep with a new token: the only time the token is seen. */
    Mono<IssuedDevice> addDevice(RepId rep, String label);

    /** Revokes a device: its token is refused from now on and its connections close. Harmless when revoked. */
    Mono<Void> revoke(DeviceId device);
}
