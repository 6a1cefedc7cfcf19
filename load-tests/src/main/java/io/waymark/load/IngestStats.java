package io.waymark.load;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.atomic.LongAdder;
import org.HdrHistogram.ConcurrentHistogram;
import org.HdrHistogram.Histogram;

/**
 * Everything a run counts, written from the pacer and from Netty's threads without locks. Latency is recorded for
 * batches sent inside the measured window; durable throughput counts acks that arrive inside it.
 */
final class IngestStats {

    private static final long NANOS_PER_SECOND = TimeUnit.SECONDS.toNanos(1);

    private volatile long windowStartNanos = Long.MAX_VALUE;
    private volatile long windowEndNanos = Long.MAX_VALUE;
    private final AtomicLongArray acceptedPerSecond;
    private final ConcurrentHistogram pingLatencyMicros = new ConcurrentHistogram(3);
    private final ConcurrentHistogram batchLatencyMicros = new ConcurrentHistogram(3);
    private final ConcurrentHistogram scheduledPingLatencyMicros = new ConcurrentHistogram(3);

    final LongAdder sentPings = new LongAdder();
    final LongAdder sentBatches = new LongAdder();
    final LongAdder sentPingsInWindow = new LongAdder();
    final LongAdder ackedBatches = new LongAdder();
    final LongAdder ackedPings = new LongAdder();
    final LongAdder accepted = new LongAdder();
    final LongAdder duplicates = new LongAdder();
    final LongAdder dropped = new LongAdder();
    final LongAdder rejected = new LongAdder();
    final LongAdder errorAcks = new LongAdder();
    final LongAdder errorAckPings = new LongAdder();
    final LongAdder requestErrors = new LongAdder();
    final LongAdder failedPings = new LongAdder();
    final LongAdder unexpectedAcks = new LongAdder();
    final LongAdder skippedPings = new LongAdder();
    final LongAdder connectFailures = new LongAdder();
    final LongAdder connectionsLost = new LongAdder();
    final LongAdder channelErrors = new LongAdder();
    /** The server's welfare checks ({@code device.check}) the devices answered. */
    final LongAdder welfareChecks = new LongAdder();

    /** @param window the measured window's length, which sizes the per-second buckets */
    IngestStats(Duration window) {
        int seconds = (int) Math.max(1, (window.toNanos() + NANOS_PER_SECOND - 1) / NANOS_PER_SECOND);
        this.acceptedPerSecond = new AtomicLongArray(seconds);
    }

    /** Opens the measured window at {@code startNanos} ({@link System#nanoTime()}) for {@code window}. */
    void openWindow(long startNanos, Duration window) {
        windowEndNanos = startNanos + window.toNanos();
        windowStartNanos = startNanos;
    }

    boolean inWindow(long nanos) {
        return nanos >= windowStartNanos && nanos < windowEndNanos;
    }

    void sent(int pings, long sentNanos) {
        sentBatches.increment();
        sentPings.add(pings);
        if (inWindow(sentNanos)) {
            sentPingsInWindow.add(pings);
        }
    }

    /**
     * An ack for a batch of {@code pings} sent at {@code sentNanos} arrived at {@code nowNanos}. {@code
     * intendedNanos} is when the pacing schedule wanted the batch sent: latency from it includes any delay of
     * the generator itself (no coordinated omission); it equals {@code sentNanos} in max-throughput mode.
     */
    void acked(int pings, long sentNanos, long intendedNanos, long nowNanos, AckReply ack) {
        ackedBatches.increment();
        ackedPings.add(pings);
        if (ack.failed()) {
            errorAcks.increment();
            errorAckPings.add(pings);
            return;
        }
        accepted.add(ack.accepted());
        duplicates.add(ack.duplicates());
        dropped.add(ack.dropped());
        rejected.add(ack.rejected().size());
        if (inWindow(sentNanos)) {
            long micros = Math.max(0, (nowNanos - sentNanos) / 1000);
            pingLatencyMicros.recordValueWithCount(micros, pings);
            batchLatencyMicros.recordValue(micros);
            scheduledPingLatencyMicros.recordValueWithCount(Math.max(0, (nowNanos - intendedNanos) / 1000), pings);
        }
        if (inWindow(nowNanos)) {
            int bucket = (int) ((nowNanos - windowStartNanos) / NANOS_PER_SECOND);
            if (bucket < acceptedPerSecond.length()) {
                acceptedPerSecond.addAndGet(bucket, ack.accepted());
            }
        }
    }

    /** A request (or the channel carrying it) failed: its pings were not acknowledged. */
    void failed(int pings) {
        requestErrors.increment();
        failedPings.add(pings);
    }

    long[] acceptedPerSecond() {
        long[] buckets = new long[acceptedPerSecond.length()];
        for (int i = 0; i < buckets.length; i++) {
            buckets[i] = acceptedPerSecond.get(i);
        }
        return buckets;
    }

    double windowSeconds() {
        return (windowEndNanos - windowStartNanos) / 1e9;
    }

    Histogram pingLatencyMicros() {
        return pingLatencyMicros.copy();
    }

    Histogram scheduledPingLatencyMicros() {
        return scheduledPingLatencyMicros.copy();
    }

    Histogram batchLatencyMicros() {
        return batchLatencyMicros.copy();
    }

    /** Pings sent but neither answered nor failed yet. */
    long outstandingPings() {
        return sentPings.sum() - ackedPings.sum() - failedPings.sum();
    }
}
