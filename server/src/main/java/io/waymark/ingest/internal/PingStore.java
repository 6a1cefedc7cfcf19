package io.waymark.ingest.internal;

import io.waymark.identity.DeviceId;
import io.waymark.ingest.StoredPing;
import java.time.Instant;
import java.util.List;
import reactor.core.publisher.Mono;

/** The pings table, as the ingest pipeline needs it, on whichever database the server runs. */
public interface PingStore {

    /**
     * Stores pings of which each one flagged may have been stored before; answers one flag per ping: stored now
     * (true) or already there (false).
     */
    Mono<boolean[]> store(List<StoredPing> pings, boolean[] maybeStored);

    /** The highest seq stored for a device, 0 when none. */
    Mono<Long> lastSeq(DeviceId device);

    /** Makes room for pings from {@code oldest} to {@code newest} and removes those older than {@code oldest}. */
    Mono<Void> maintain(Instant oldest, Instant newest);
}
