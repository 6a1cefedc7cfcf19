package io.waymark.ingest.internal;

import io.waymark.identity.DeviceId;
import io.waymark.protocol.Ping;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The highest seq this server has taken from each device, so that the persist stage can tell pings that cannot
 * have been stored before (above it: they take the fast path) from those that may have been (at or below it: they
 * are checked). It errs only on the safe side: a device this server has not loaded is treated as "maybe stored",
 * and a stale value (another node stored more) is caught by the database's key.
 */
public final class DeviceSequences {

    private final ConcurrentHashMap<DeviceId, AtomicLong> highest = new ConcurrentHashMap<>();

    /** Learns a device's highest stored seq (at connect time). */
    public void learn(DeviceId device, long storedSeq) {
        highest.computeIfAbsent(device, id -> new AtomicLong()).accumulateAndGet(storedSeq, Math::max);
    }

    /** Flags each ping that may have been stored before, and takes the batch's seqs as taken. */
    public boolean[] classify(DeviceId device, List<Ping> pings) {
        boolean[] maybeStored = new boolean[pings.size()];
        AtomicLong known = highest.get(device);
        if (known == null) {
            java.util.Arrays.fill(maybeStored, true);
            return maybeStored;
        }
        long batchMax = 0;
        for (Ping ping : pings) {
            batchMax = Math.max(batchMax, ping.seq());
        }
        long before = known.getAndAccumulate(batchMax, Math::max);
        for (int i = 0; i < maybeStored.length; i++) {
            maybeStored[i] = pings.get(i).seq() <= before;
        }
        return maybeStored;
    }
}
