package io.waymark.identity;

import reactor.core.publisher.Mono;

/** What the ingest side asks of identity about devices and their teams. */
public interface DeviceDirectory {

    /** The device a bearer token belongs to; empty when the token is unknown or revoked. */
    Mono<DeviceIdentity> authenticate(String deviceToken);

    /** The current policy of a team; empty when there is no such team. */
    Mono<TeamPolicy> policy(TeamId teamId);
}
