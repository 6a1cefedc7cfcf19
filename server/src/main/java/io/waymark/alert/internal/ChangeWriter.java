package io.waymark.alert.internal;

import io.micrometer.core.instrument.Timer;
import io.waymark.alert.Alert;
import io.waymark.alert.AlertChanged.Change;
import io.waymark.problem.UnavailableException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Function;
import reactor.core.publisher.Mono;

/**
 * Stores the engine's changes in seq order and publishes each once it is stored: a group commit. The engine decides a
 * change in memory and hands it here at once; the first goes to the database alone, and those decided while a write
 * is under way go together in the next one. The engine's queue therefore never waits for the database: a slow commit
 * (a busy disk, a stalled database) holds back when changes become visible, not how fast they are decided, and a
 * burst costs one write rather than one per change.
 *
 * <p>Whoever asked for a change is answered only once it is stored and published ({@link #afterStored}), as before.
 * A write that fails loses its changes and every one decided after it: their callers get the error, the writer takes
 * nothing more until {@link #reset} (the engine reads its state back from the database first), and {@code lost} is
 * told once. Thread-safe: changes come from the engine's jobs, writes complete on the database's threads.
 */
final class ChangeWriter {

    /** A change decided in memory, not stored yet. */
    record Pending(Change change, Alert alert, boolean created) {
        Pending {
            Objects.requireNonNull(change, "change");
            Objects.requireNonNull(alert, "alert");
        }
    }

    /** Someone waiting for every change up to a seq to be stored. */
    private record Waiter(long upTo, Runnable stored, Consumer<Throwable> failed) {}

    private final Function<List<Pending>, Mono<Void>> store;
    private final Consumer<Pending> publish;
    private final Consumer<Throwable> lost;
    private final Timer writes;

    private final Object lock = new Object();
    // Guarded by lock.
    private List<Pending> pending = new ArrayList<>();
    private final ArrayDeque<Waiter> waiters = new ArrayDeque<>();
    private boolean writing;
    private boolean failed;
    private long storedSeq;

    /**
     * @param store writes a batch of changes in one transaction, in order
     * @param publish tells the rest of the server about a stored change
     * @param lost told when a write failed, after its callers were
     * @param writes times each batch's write
     */
    ChangeWriter(
            Function<List<Pending>, Mono<Void>> store,
            Consumer<Pending> publish,
            Consumer<Throwable> lost,
            Timer writes) {
        this.store = store;
        this.publish = publish;
        this.lost = lost;
        this.writes = writes;
    }

    /** Starts again from what the database holds: everything up to {@code seq} is stored, nothing waits. */
    void reset(long seq) {
        synchronized (lock) {
            pending = new ArrayList<>();
            storedSeq = seq;
            failed = false;
        }
    }

    /**
     * Takes a change decided in memory, in seq order, and writes it now or with the next batch. False when a write
     * failed since the last {@link #reset}: the change must not be applied.
     */
    boolean add(Pending change) {
        synchronized (lock) {
            if (failed) {
                return false;
            }
            pending.add(change);
        }
        writeNext();
        return true;
    }

    /** The changes decided that wait for the write under way to end before theirs begins. */
    int waiting() {
        synchronized (lock) {
            return pending.size();
        }
    }

    /**
     * Runs {@code stored} once every change up to {@code upTo} is stored and published (at once when it is already),
     * or {@code failed} when one of them was lost.
     */
    void afterStored(long upTo, Runnable stored, Consumer<Throwable> failed) {
        synchronized (lock) {
            if (this.failed) {
                failed.accept(new UnavailableException("An alert change could not be stored; try again"));
                return;
            }
            if (upTo > storedSeq) {
                waiters.add(new Waiter(upTo, stored, failed));
                return;
            }
        }
        stored.run();
    }

    private void writeNext() {
        List<Pending> batch;
        synchronized (lock) {
            if (writing || failed || pending.isEmpty()) {
                return;
            }
            writing = true;
            batch = pending;
            pending = new ArrayList<>();
        }
        long started = System.nanoTime();
        Mono<Void> write;
        try {
            write = store.apply(batch);
        } catch (RuntimeException error) {
            write = Mono.error(error);
        }
        write.subscribe(null, error -> failed(error), () -> stored(batch, started));
    }

    private void stored(List<Pending> batch, long started) {
        writes.record(System.nanoTime() - started, TimeUnit.NANOSECONDS);
        batch.forEach(publish);
        List<Waiter> released = new ArrayList<>();
        synchronized (lock) {
            storedSeq = batch.get(batch.size() - 1).alert().seq();
            while (!waiters.isEmpty() && waiters.peek().upTo() <= storedSeq) {
                released.add(waiters.poll());
            }
            writing = false;
        }
        released.forEach(waiter -> waiter.stored().run());
        writeNext();
    }

    private void failed(Throwable error) {
        List<Waiter> failing;
        synchronized (lock) {
            failed = true;
            writing = false;
            pending = new ArrayList<>();
            failing = new ArrayList<>(waiters);
            waiters.clear();
        }
        UnavailableException lostChange = new UnavailableException("An alert change could not be stored; try again");
        lostChange.initCause(error);
        failing.forEach(waiter -> waiter.failed().accept(lostChange));
        lost.accept(error);
    }
}
