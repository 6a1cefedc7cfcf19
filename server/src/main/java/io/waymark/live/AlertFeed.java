package io.waymark.live;

import io.waymark.identity.TeamId;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * What the live WebSocket needs of the alerts, given by the module that keeps them (the live module does not know
 * alerts itself): the active ones with the latest seq for a snapshot, the events after a seq for a replay, and the
 * events as they happen.
 */
public interface AlertFeed {

    /** One alert event: the alert after its change, as the WebSocket's {@code alert} message carries it. */
    record AlertEvent(long seq, TeamId teamId, Map<String, Object> alert) {
        // the view's absent values are nulls, which the contract's Alert shows as null

        public AlertEvent {
            Objects.requireNonNull(teamId, "teamId");
            alert = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(alert));
            if (seq < 1) {
                throw new IllegalArgumentException("seq starts at 1");
            }
        }
    }

    /**
     * The open and acknowledged alerts and the seq of the latest event, taken at one instant: every event after
     * {@code seq} is a change the snapshot does not hold yet.
     */
    record Snapshot(long seq, List<AlertEvent> active) {

        public Snapshot {
            active = List.copyOf(active);
        }
    }

    Mono<Snapshot> snapshot();

    /** The events after {@code afterSeq} up to {@code upToSeq}, both in seq order, at most {@code limit}. */
    Flux<AlertEvent> between(long afterSeq, long upToSeq, int limit);

    /** Every event from now on, in seq order. */
    Flux<AlertEvent> changes();
}
