package io.waymark.ingest.internal;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.waymark.identity.DeviceIdentity;
import io.waymark.identity.TeamPolicy;
import io.waymark.identity.Tracking;
import io.waymark.ingest.PingsStored;
import io.waymark.ingest.StoredPing;
import io.waymark.protocol.Ack;
import io.waymark.protocol.Ping;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import reactor.core.publisher.Mono;
import tools.jackson.databind.ObjectMapper;

/**
 * The ping pipeline, one batch at a time: read and validate, drop repeats within the batch, filter by the team's
 * privacy policy, persist (group-committed), publish {@link PingsStored}, and answer with an {@link Ack} once the
 * batch is durable. Each stage is its own tested part; this class only puts them in order.
 */
public final class PingIngest {

    private final PingBatchReader reader;
    private final DeviceSequences sequences;
    private final ShiftLedger shifts;
    private final TeamPolicies policies;
    private final PingCommitter committer;
    private final Clock clock;
    private final Counter accepted;
    private final Counter duplicates;
    private final Counter rejected;
    private final Counter dropped;

    public PingIngest(
            PingBatchReader reader,
            DeviceSequences sequences,
            ShiftLedger shifts,
            TeamPolicies policies,
            PingCommitter committer,
            Clock clock,
            MeterRegistry meters) {
        this.reader = reader;
        this.sequences = sequences;
        this.shifts = shifts;
        this.policies = policies;
        this.committer = committer;
        this.clock = clock;
        this.accepted = meters.counter("waymark.ingest.pings", "result", "accepted");
        this.duplicates = meters.counter("waymark.ingest.pings", "result", "duplicate");
        this.rejected = meters.counter("waymark.ingest.pings", "result", "rejected");
        this.dropped = meters.counter("waymark.ingest.pings", "result", "dropped");
    }

    /** Takes one batch from a device; errors with {@link RequestRefused} when the request is refused whole. */
    public Mono<Ack> ingest(DeviceIdentity device, byte[] data, ObjectMapper mapper) {
        return Mono.defer(() -> {
            Instant now = clock.instant();
            PingBatchReader.ReadBatch batch = reader.read(data, mapper, now);
            rejected.increment(batch.rejected().size());
            List<Ping> distinct = new ArrayList<>(batch.valid().size());
            Set<Long> seen = new HashSet<>();
            for (Ping ping : batch.valid()) {
                if (seen.add(ping.seq())) {
                    distinct.add(ping);
                }
            }
            int repeatedInBatch = batch.valid().size() - distinct.size();
            return policies.of(device.teamId())
                    .flatMap(policy -> keptByPolicy(device, policy, distinct))
                    .flatMap(kept -> persist(device, kept, now).map(storedNow -> {
                        int dropCount = distinct.size() - kept.size();
                        int duplicateCount = repeatedInBatch + kept.size() - storedNow;
                        accepted.increment(storedNow);
                        duplicates.increment(duplicateCount);
                        dropped.increment(dropCount);
                        return new Ack(batch.upToSeq(), storedNow, duplicateCount, dropCount, batch.rejected(), null);
                    }));
        });
    }

    /** The filter stage: under {@code SHIFT_ONLY}, fixes taken while the rep is not clocked in are not kept. */
    private Mono<List<Ping>> keptByPolicy(DeviceIdentity device, TeamPolicy policy, List<Ping> pings) {
        if (policy.tracking() == Tracking.ALWAYS || pings.isEmpty()) {
            return Mono.just(pings);
        }
        return shifts.of(device.repId()).map(repShifts -> {
            List<Ping> kept = new ArrayList<>(pings.size());
            for (Ping ping : pings) {
                if (repShifts.onShiftAt(ping.ts())) {
                    kept.add(ping);
                }
            }
            return kept;
        });
    }

    /** The persist and publish stages: answers how many pings were stored now (the rest were duplicates). */
    private Mono<Integer> persist(DeviceIdentity device, List<Ping> pings, Instant receivedAt) {
        if (pings.isEmpty()) {
            return Mono.just(0);
        }
        List<StoredPing> rows = new ArrayList<>(pings.size());
        for (Ping ping : pings) {
            rows.add(new StoredPing(device, ping, receivedAt));
        }
        boolean[] maybeStored = sequences.classify(device.deviceId(), pings);
        // The committer publishes the group's stored pings (PingsStored) before it answers.
        return committer.submit(rows, maybeStored).map(storedNow -> {
            int fresh = 0;
            for (boolean now : storedNow) {
                if (now) {
                    fresh++;
                }
            }
            return fresh;
        });
    }
}
