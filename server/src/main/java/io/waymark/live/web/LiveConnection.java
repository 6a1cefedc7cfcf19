package io.waymark.live.web;

import io.waymark.identity.RepId;
import io.waymark.identity.TeamId;
import io.waymark.live.LiveRep;
import io.waymark.live.internal.LiveUpdate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Sinks;
import reactor.core.scheduler.Scheduler;
import reactor.util.concurrent.Queues;

/**
 * One dashboard's view of the live board. It passes on only what the user may see (and has subscribed to);
 * conflates each rep's position updates (the first after a quiet spell at once, later ones within the window
 * merged, latest wins, sent when the window ends); never conflates or drops activities; and holds at most
 * {@code maxQueued} messages for a client that reads slowly: one more, and the client is told to go (1013).
 */
final class LiveConnection {

    private final Predicate<TeamId> allowed;
    private final Scheduler timer;
    private final long windowNanos;
    private final Runnable tooSlow;
    private final Sinks.Many<Object> out;
    private final Map<RepId, Window> windows = new HashMap<>();
    private final List<Object> heldUntilSnapshot = new ArrayList<>();
    private Predicate<TeamId> subscribed = team -> true;
    private boolean snapshotTaken;
    private boolean closed;

    private static final class Window {
        LiveRep pending;
        Disposable end;
    }

    LiveConnection(Predicate<TeamId> allowed, Scheduler timer, Duration window, int maxQueued, Runnable tooSlow) {
        this.allowed = allowed;
        this.timer = timer;
        this.windowNanos = window.toNanos();
        this.tooSlow = tooSlow;
        this.out = Sinks.many()
                .unicast()
                .onBackpressureBuffer(Queues.<Object>get(maxQueued).get());
    }

    /** The messages for the client, after the snapshot. */
    Flux<Object> messages() {
        return out.asFlux();
    }

    /** Whether the client sees a team now. */
    synchronized boolean sees(TeamId team) {
        return allowed.test(team) && subscribed.test(team);
    }

    /**
     * The snapshot was taken: rep changes before it are in it; activities before it follow it. Called after the
     * connection started taking updates, so nothing falls between the two.
     */
    synchronized void snapshotTaken() {
        snapshotTaken = true;
        heldUntilSnapshot.forEach(this::emit);
        heldUntilSnapshot.clear();
    }

    /** Narrows the stream to these teams (those the user may see); the caller sends a new snapshot. */
    synchronized void subscribe(Set<TeamId> teams) {
        subscribed = teams::contains;
        windows.values().forEach(window -> window.end.dispose());
        windows.clear();
    }

    /** Sends a message outside the update stream (a new snapshot). */
    synchronized void send(Object message) {
        emit(message);
    }

    synchronized void offer(LiveUpdate update) {
        if (closed || !sees(update.teamId())) {
            return;
        }
        if (update instanceof LiveUpdate.ActivityLogged logged) {
            Object message = new LiveMessages.Activity(logged.activity());
            if (snapshotTaken) {
                emit(message);
            } else {
                heldUntilSnapshot.add(message);
            }
        } else if (update instanceof LiveUpdate.RepChanged changed && snapshotTaken) {
            conflate(changed.repId(), changed.rep());
        }
    }

    private void conflate(RepId rep, LiveRep view) {
        Window window = windows.get(rep);
        if (window != null) {
            window.pending = view;
            return;
        }
        emit(new LiveMessages.Rep(view));
        Window opened = new Window();
        opened.end = timer.schedule(() -> windowEnded(rep), windowNanos, TimeUnit.NANOSECONDS);
        windows.put(rep, opened);
    }

    private synchronized void windowEnded(RepId rep) {
        Window window = windows.get(rep);
        if (window == null || closed) {
            return;
        }
        if (window.pending == null) {
            windows.remove(rep);
            return;
        }
        emit(new LiveMessages.Rep(window.pending));
        window.pending = null;
        window.end = timer.schedule(() -> windowEnded(rep), windowNanos, TimeUnit.NANOSECONDS);
    }

    private void emit(Object message) {
        if (closed) {
            return;
        }
        if (out.tryEmitNext(message).isFailure()) {
            close();
            tooSlow.run();
        }
    }

    synchronized void close() {
        closed = true;
        windows.values().forEach(window -> window.end.dispose());
        windows.clear();
        out.tryEmitComplete();
    }
}
