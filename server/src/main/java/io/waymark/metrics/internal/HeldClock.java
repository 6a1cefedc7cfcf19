package io.waymark.metrics.internal;

import io.waymark.activity.FoldedClock;
import io.waymark.activity.WorkClock;
import io.waymark.identity.TeamId;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.Objects;
import java.util.PriorityQueue;

/**
 * A rep's work clock as the upkeep holds it: folded from the stored events, then fed the events published after.
 * Events may come out of time order by up to the lateness: they wait, in time order, until one that much newer has
 * come, and then go into the clock. Not thread-safe: the upkeep's thread alone uses it.
 */
final class HeldClock {

    /** An event waiting to go into the clock: an activity, or a fix when type is null. */
    private record Waiting(Instant at, String type, double lat, double lon) {}

    private final FoldedClock folded;
    private final Duration lateness;
    private final PriorityQueue<Waiting> waiting = new PriorityQueue<>(Comparator.comparing(Waiting::at));
    private Instant newest;
    private Instant written = Instant.EPOCH;

    HeldClock(FoldedClock folded, Duration lateness) {
        this.folded = Objects.requireNonNull(folded, "folded");
        this.lateness = Objects.requireNonNull(lateness, "lateness");
        this.newest = folded.clock().latest();
    }

    TeamId team() {
        return folded.team();
    }

    WorkClock clock() {
        return folded.clock();
    }

    /** Whether the fold already holds this event. */
    boolean holds(String identity, Instant receivedAt) {
        return folded.holds(identity, receivedAt);
    }

    /** Whether an event of this time can still be kept: not older than what already went into the clock. */
    boolean takes(Instant at) {
        return folded.clock().takes(at);
    }

    /** Keeps an activity ({@code type} set) or a fix; the caller has checked {@link #takes}. */
    void keep(Instant at, String type, double lat, double lon) {
        waiting.add(new Waiting(at, type, lat, lon));
        if (newest == null || at.isAfter(newest)) {
            newest = at;
        }
        release(newest.minus(lateness));
    }

    /** Lets the events that waited the lateness by the wall clock go into the clock, when no newer one came. */
    void settle(Instant now) {
        release(now.minus(lateness));
    }

    private void release(Instant due) {
        while (!waiting.isEmpty() && !waiting.peek().at().isAfter(due)) {
            feed(folded.clock(), waiting.poll());
        }
    }

    /** The clock with the waiting events in it too, apart from the held one. */
    WorkClock now() {
        WorkClock view = folded.clock().copy();
        waiting.stream().sorted(Comparator.comparing(Waiting::at)).forEach(event -> feed(view, event));
        return view;
    }

    /** When its days were last written. */
    Instant written() {
        return written;
    }

    void wrote(Instant at) {
        written = at;
    }

    /** Whether it is worth holding: a shift runs, events wait, or it took an event in the last day. */
    boolean busy(Instant now) {
        WorkClock clock = folded.clock();
        return clock.onShift()
                || !waiting.isEmpty()
                || (clock.latest() != null && clock.latest().isAfter(now.minus(Duration.ofDays(1))));
    }

    private static void feed(WorkClock clock, Waiting event) {
        if (event.type() == null) {
            clock.fix(event.at(), event.lat(), event.lon());
        } else {
            clock.activity(event.type(), event.at());
        }
    }
}
