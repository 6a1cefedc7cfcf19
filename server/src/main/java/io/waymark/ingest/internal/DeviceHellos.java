package io.waymark.ingest.internal;

import io.waymark.identity.DeviceIdentity;
import io.waymark.protocol.Hello;
import java.time.Clock;
import reactor.core.publisher.Mono;

/** Answers {@code device.hello}: who the device is, what the server has stored of it, and how to track. */
public final class DeviceHellos {

    private final PingStore store;
    private final DeviceSequences sequences;
    private final TeamPolicies policies;
    private final ShiftLedger shifts;
    private final Clock clock;

    public DeviceHellos(
            PingStore store, DeviceSequences sequences, TeamPolicies policies, ShiftLedger shifts, Clock clock) {
        this.store = store;
        this.sequences = sequences;
        this.policies = policies;
        this.shifts = shifts;
        this.clock = clock;
    }

    /** Loads what a newly connected device needs before its first batch. */
    public Mono<Long> connected(DeviceIdentity device) {
        return store.lastSeq(device.deviceId()).doOnNext(lastSeq -> sequences.learn(device.deviceId(), lastSeq));
    }

    public Mono<Hello> hello(DeviceIdentity device) {
        return Mono.zip(connected(device), policies.of(device.teamId()), shifts.of(device.repId()))
                .map(known -> {
                    long now = clock.millis();
                    return new Hello(
                            device.deviceId().toString(),
                            device.repId().toString(),
                            device.teamId().toString(),
                            now,
                            known.getT1(),
                            known.getT2().pingInterval().toMillis(),
                            known.getT2().tracking().name(),
                            known.getT3().onShiftAt(now));
                });
    }
}
