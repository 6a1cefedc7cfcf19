package io.waymark.ingest.internal;

import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.waymark.ingest.StoredPing;
import io.waymark.protocol.RequestError;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.BiFunction;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.Disposable;
import reactor.core.publisher.Mono;
import reactor.core.publisher.MonoSink;
import reactor.core.scheduler.Scheduler;

/**
 * The persist stage's group commit: gathers the pings of every connection and writes them in large batches, at most
 * {@code maxRows} pings a write, lingering at most {@code maxWait} for more, with at most {@code concurrency} writes
 * in progress. A submission completes only when its pings are durable, with one flag per ping: stored now, or
 * already stored (a duplicate). Callers wait while writes are in progress, which is how a slow database slows
 * devices down (through RSocket request-n on their channels). Pings waiting beyond {@code maxQueuedRows} are refused
 * with {@code UNAVAILABLE} rather than held: the device keeps them and resends.
 */
public final class PingCommitter {

    private static final Logger log = LoggerFactory.getLogger(PingCommitter.class);

    /** Writes a group: each ping flagged as possibly stored before must be checked; returns "stored now" flags. */
    public interface GroupWriter extends BiFunction<List<StoredPing>, boolean[], Mono<boolean[]>> {}

    private record Pending(
            List<StoredPing> pings, boolean[] maybeStored, MonoSink<boolean[]> sink, long enqueuedNanos) {}

    private final GroupWriter writer;
    private final Consumer<List<StoredPing>> stored;
    private final Scheduler scheduler;
    private final int maxRows;
    private final long maxWaitNanos;
    private final int concurrency;
    private final int maxQueuedRows;
    private final Timer writeTimer;
    private final DistributionSummary groupSize;

    private final ArrayDeque<Pending> queue = new ArrayDeque<>();
    private int queuedRows;
    private int writing;
    private Disposable lingerTimer;

    /**
     * A committer writing through {@code writer}, telling {@code stored} the pings each group stored now (not the
     * duplicates), once per group and before any of the group's requests is answered.
     */
    public PingCommitter(
            GroupWriter writer,
            Consumer<List<StoredPing>> stored,
            Scheduler scheduler,
            int maxRows,
            Duration maxWait,
            int concurrency,
            int maxQueuedRows,
            MeterRegistry meters) {
        this.writer = writer;
        this.stored = stored;
        this.scheduler = scheduler;
        this.maxRows = maxRows;
        this.maxWaitNanos = maxWait.toNanos();
        this.concurrency = concurrency;
        this.maxQueuedRows = maxQueuedRows;
        this.writeTimer = Timer.builder("waymark.ingest.commit")
                .description("one group commit of pings")
                .publishPercentileHistogram()
                .register(meters);
        this.groupSize = DistributionSummary.builder("waymark.ingest.commit.pings")
                .description("pings written by one group commit")
                .register(meters);
        meters.gauge("waymark.ingest.commit.queued", this, committer -> committer.queuedRows());
    }

    /** Completes with one flag per ping (stored now, or stored before) once all of them are durable. */
    public Mono<boolean[]> submit(List<StoredPing> pings, boolean[] maybeStored) {
        if (pings.isEmpty()) {
            return Mono.just(new boolean[0]);
        }
        return Mono.create(sink -> enqueue(new Pending(pings, maybeStored, sink, scheduler.now(TimeUnit.NANOSECONDS))));
    }

    synchronized int queuedRows() {
        return queuedRows;
    }

    private void enqueue(Pending pending) {
        synchronized (this) {
            if (queuedRows + pending.pings().size() > maxQueuedRows) {
                pending.sink()
                        .error(new RequestRefused(
                                RequestError.UNAVAILABLE, "the server is busy storing pings; resend later"));
                return;
            }
            queue.add(pending);
            queuedRows += pending.pings().size();
        }
        drain();
    }

    private void drain() {
        while (true) {
            List<Pending> group;
            synchronized (this) {
                if (writing >= concurrency || queue.isEmpty()) {
                    return;
                }
                long waitedNanos =
                        scheduler.now(TimeUnit.NANOSECONDS) - queue.peekFirst().enqueuedNanos();
                if (queuedRows < maxRows && waitedNanos < maxWaitNanos) {
                    if (lingerTimer == null || lingerTimer.isDisposed()) {
                        lingerTimer =
                                scheduler.schedule(this::lingerEnded, maxWaitNanos - waitedNanos, TimeUnit.NANOSECONDS);
                    }
                    return;
                }
                group = new ArrayList<>();
                int rows = 0;
                while (!queue.isEmpty()
                        && (group.isEmpty() || rows + queue.peekFirst().pings().size() <= maxRows)) {
                    Pending next = queue.pollFirst();
                    rows += next.pings().size();
                    group.add(next);
                }
                queuedRows -= rows;
                writing++;
            }
            write(group);
        }
    }

    private void lingerEnded() {
        synchronized (this) {
            lingerTimer = null;
        }
        drain();
    }

    private void write(List<Pending> group) {
        int total = 0;
        for (Pending pending : group) {
            total += pending.pings().size();
        }
        List<StoredPing> pings = new ArrayList<>(total);
        boolean[] maybeStored = new boolean[total];
        for (Pending pending : group) {
            System.arraycopy(
                    pending.maybeStored(),
                    0,
                    maybeStored,
                    pings.size(),
                    pending.pings().size());
            pings.addAll(pending.pings());
        }
        groupSize.record(total);
        Timer.Sample sample = Timer.start();
        Mono.defer(() -> writer.apply(pings, maybeStored))
                .doFinally(signal -> {
                    sample.stop(writeTimer);
                    synchronized (this) {
                        writing--;
                    }
                    drain();
                })
                .subscribe(
                        storedNow -> {
                            told(pings, storedNow);
                            int offset = 0;
                            for (Pending pending : group) {
                                boolean[] part = new boolean[pending.pings().size()];
                                System.arraycopy(storedNow, offset, part, 0, part.length);
                                offset += part.length;
                                pending.sink().success(part);
                            }
                        },
                        error -> {
                            RequestRefused refused = new RequestRefused(
                                    RequestError.UNAVAILABLE, "storing pings failed; resend later", error);
                            group.forEach(pending -> pending.sink().error(refused));
                        });
    }

    /**
     * Tells the pings the group stored now, as one list: one event for the whole group rather than one per request
     * spares every subscriber thousands of hand-overs a second.
     */
    private void told(List<StoredPing> pings, boolean[] storedNow) {
        List<StoredPing> fresh = new ArrayList<>(pings.size());
        for (int i = 0; i < storedNow.length; i++) {
            if (storedNow[i]) {
                fresh.add(pings.get(i));
            }
        }
        if (fresh.isEmpty()) {
            return;
        }
        try {
            stored.accept(fresh);
        } catch (RuntimeException error) {
            log.warn("the {} pings stored by a group commit were not told", fresh.size(), error);
        }
    }
}
