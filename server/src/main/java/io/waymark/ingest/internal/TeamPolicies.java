package io.waymark.ingest.internal;

import io.waymark.identity.DeviceDirectory;
import io.waymark.identity.TeamId;
import io.waymark.identity.TeamPolicy;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import reactor.core.publisher.Mono;

/** Teams' policies as ingest sees them: loaded once, then replaced when a {@code TeamPolicyChanged} arrives. */
public final class TeamPolicies {

    private final DeviceDirectory directory;
    private final Map<TeamId, TeamPolicy> policies = new ConcurrentHashMap<>();

    public TeamPolicies(DeviceDirectory directory) {
        this.directory = directory;
    }

    public Mono<TeamPolicy> of(TeamId team) {
        TeamPolicy known = policies.get(team);
        if (known != null) {
            return Mono.just(known);
        }
        return directory.policy(team).doOnNext(policy -> policies.putIfAbsent(team, policy));
    }

    public void changed(TeamPolicy policy) {
        policies.put(policy.teamId(), policy);
    }
}
