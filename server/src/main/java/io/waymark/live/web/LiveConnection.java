package io.waymark.live.web;

import io.waymark.identity.TeamId;
import io.waymark.live.internal.LiveFrame;
import io.waymark.live.internal.LiveUpdate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import reactor.core.Disposable;
import reactor.core.scheduler.Scheduler;

/**
 * One dashboard's view of the live board. It passes on only what the user may see (and has subscribed to);
 * conflates each rep's position updates (the first after a quiet spell at once, later ones within the window
 * merged, latest wins, sent when the window ends), with one timer for the whole connection rather than one per
 * rep; never conflates or drops activities or alert events (each alert event goes out once, in seq order, after
 * the snapshot and any replay); and hands frames to a bounded {@link LiveOutbox}, positions as such, so that one
 * still waiting there is replaced by the rep's next: when the outbox refuses one, the client is too far behind
 * and is told to go (1013).
 */
final class LiveConnection {

    private final Predicate<TeamId> allowed;
    private final Scheduler timer;
    private final long windowNanos;
    private final LiveOutbox outbox;
    private final Runnable tooSlow;
    private Window[] windows = new Window[0];
    private final List<Window> pending = new ArrayList<>();
    private final List<LiveFrame> heldUntilSnapshot = new ArrayList<>();
    private final List<LiveUpdate.AlertEvent> heldAlerts = new ArrayList<>();
    private long alertSeq;
    private boolean alertsCaughtUp;
    private Disposable flush;
    private long flushDueNanos;
    private Predicate<TeamId> subscribed = team -> true;
    private boolean snapshotTaken;
    private boolean closed;

    /** A rep's conflation window: when it opened (an update went out), and what arrived since, if anything. */
    private static final class Window {
        final int slot;
        long openedNanos;
        LiveFrame pending;
        /** Its place in {@link #pending} while it holds a frame there; -1 otherwise. */
        int queuedAt = -1;

        Window(int slot) {
            this.slot = slot;
        }
    }

    /** A new window for the rep in this slot: connections index windows by the board's slot for the rep. */
    private Window newWindow(int slot) {
        if (slot >= windows.length) {
            windows = Arrays.copyOf(windows, Math.max(slot + 1, windows.length * 2));
        }
        Window window = new Window(slot);
        windows[slot] = window;
        return window;
    }

    LiveConnection(Predicate<TeamId> allowed, Scheduler timer, Duration window, LiveOutbox outbox, Runnable tooSlow) {
        this.allowed = allowed;
        this.timer = timer;
        this.windowNanos = window.toNanos();
        this.outbox = outbox;
        this.tooSlow = tooSlow;
    }

    /** Whether the client sees a team now. */
    synchronized boolean sees(TeamId team) {
        return allowed.test(team) && subscribed.test(team);
    }

    /**
     * The snapshot was taken: it goes out first; rep changes before it are in it; activities before it follow it.
     * Called after the connection started taking updates, so nothing falls between the two.
     */
    synchronized void snapshotTaken(LiveFrame snapshot, long snapshotAlertSeq) {
        snapshotTaken = true;
        alertSeq = Math.max(alertSeq, snapshotAlertSeq);
        emit(snapshot, LiveOutbox.Order.KEPT);
        heldUntilSnapshot.forEach(this::emit);
        heldUntilSnapshot.clear();
    }

    /**
     * Replayed alert events (after the client's {@code sinceAlertSeq}, up to the snapshot's seq) go out after the
     * snapshot; then the live alert events held meanwhile follow, those the snapshot already holds left out. Until
     * then live alert events wait, so that the client sees every event once, in seq order.
     */
    synchronized void alertsReplayed(List<LiveFrame> replayed) {
        replayed.forEach(frame -> emit(frame, LiveOutbox.Order.KEPT));
        alertsCaughtUp = true;
        for (LiveUpdate.AlertEvent held : heldAlerts) {
            alert(held, LiveOutbox.Order.KEPT);
        }
        heldAlerts.clear();
    }

    private void alert(LiveUpdate.AlertEvent event, LiveOutbox.Order order) {
        if (event.seq() > alertSeq) {
            alertSeq = event.seq();
            emit(event.message(), order);
        }
    }

    /** Narrows the stream to these teams (those the user may see); the caller sends a new snapshot. */
    synchronized void subscribe(Set<TeamId> teams) {
        subscribed = teams::contains;
        forgetWindows();
    }

    /** Sends a frame outside the update stream (an error). */
    synchronized void send(LiveFrame frame) {
        emit(frame, LiveOutbox.Order.KEPT);
    }

    /** Sends a new snapshot (after a {@code subscribe}); live alert events it already holds are left out. */
    synchronized void resend(LiveFrame snapshot, long snapshotAlertSeq) {
        alertSeq = Math.max(alertSeq, snapshotAlertSeq);
        emit(snapshot, LiveOutbox.Order.KEPT);
    }

    synchronized void offer(LiveUpdate update) {
        if (closed || !sees(update.teamId())) {
            return;
        }
        if (update instanceof LiveUpdate.AlertEvent event) {
            if (alertsCaughtUp) {
                // Live alerts pass the map updates waiting to be written: an SOS never queues behind them.
                alert(event, LiveOutbox.Order.URGENT);
            } else {
                heldAlerts.add(event);
            }
        } else if (update instanceof LiveUpdate.ActivityLogged logged) {
            if (snapshotTaken) {
                emitAbout(logged.slot(), logged.message());
            } else {
                heldUntilSnapshot.add(logged.message());
            }
        } else if (update instanceof LiveUpdate.RepChanged changed && snapshotTaken) {
            conflate(changed.slot(), changed.message());
        }
    }

    private void conflate(int slot, LiveFrame frame) {
        long now = timer.now(TimeUnit.NANOSECONDS);
        Window window = slot < windows.length ? windows[slot] : null;
        if (window == null) {
            window = newWindow(slot);
        } else if (now - window.openedNanos < windowNanos) {
            if (window.pending == null) {
                queue(window);
            }
            window.pending = frame;
            flushBy(window.openedNanos + windowNanos);
            return;
        }
        if (window.pending != null) {
            window.pending = null;
            unqueue(window);
        }
        window.openedNanos = now;
        emitPosition(slot, frame);
    }

    /** Puts a window that now holds a frame among those the timer sends. */
    private void queue(Window window) {
        window.queuedAt = pending.size();
        pending.add(window);
    }

    /**
     * Takes a window out of those the timer sends, in constant time (the last one takes its place): when the timer
     * runs late under load, thousands of reps' windows wait there and each rep's next update takes its own out.
     */
    private void unqueue(Window window) {
        int at = window.queuedAt;
        Window last = pending.remove(pending.size() - 1);
        if (last != window) {
            pending.set(at, last);
            last.queuedAt = at;
        }
        window.queuedAt = -1;
    }

    /** Makes sure the connection's one timer fires by then. */
    private void flushBy(long dueNanos) {
        if (flush != null && flushDueNanos <= dueNanos) {
            return;
        }
        if (flush != null) {
            flush.dispose();
        }
        flushDueNanos = dueNanos;
        long delay = Math.max(0, dueNanos - timer.now(TimeUnit.NANOSECONDS));
        flush = timer.schedule(this::windowsEnded, delay, TimeUnit.NANOSECONDS);
    }

    /** Sends what the windows that have ended merged, each opening a new window; waits for the others. */
    private synchronized void windowsEnded() {
        flush = null;
        if (closed) {
            return;
        }
        long now = timer.now(TimeUnit.NANOSECONDS);
        long nextDue = Long.MAX_VALUE;
        for (int i = pending.size() - 1; i >= 0; i--) {
            Window window = pending.get(i);
            long due = window.openedNanos + windowNanos;
            if (due <= now) {
                unqueue(window);
                LiveFrame frame = window.pending;
                window.pending = null;
                window.openedNanos = now;
                emitPosition(window.slot, frame);
                if (closed) {
                    return;
                }
            } else {
                nextDue = Math.min(nextDue, due);
            }
        }
        if (nextDue != Long.MAX_VALUE) {
            flushBy(nextDue);
        }
    }

    private void emit(LiveFrame frame) {
        emit(frame, LiveOutbox.Order.PASSABLE);
    }

    private void emit(LiveFrame frame, LiveOutbox.Order order) {
        if (!closed && !outbox.offer(frame, order)) {
            tooSlow();
        }
    }

    /** Hands on a rep's position: the outbox may put it in the place of the rep's position still waiting there. */
    private void emitAbout(int slot, LiveFrame frame) {
        if (!closed && !outbox.offerAbout(slot, frame)) {
            tooSlow();
        }
    }

    private void emitPosition(int slot, LiveFrame frame) {
        if (!closed && !outbox.offerPosition(slot, frame)) {
            tooSlow();
        }
    }

    private void tooSlow() {
        close();
        tooSlow.run();
    }

    private void forgetWindows() {
        if (flush != null) {
            flush.dispose();
            flush = null;
        }
        windows = new Window[0];
        pending.clear();
    }

    synchronized void close() {
        closed = true;
        forgetWindows();
        outbox.close();
    }
}
