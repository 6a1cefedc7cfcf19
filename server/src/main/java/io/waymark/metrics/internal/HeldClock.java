package io.waymark.metrics.internal;

import io.waymark.activity.FoldedClock;
import io.waymark.activity.WorkClock;
import io.waymark.identity.TeamId;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Comparator;
import java.util.Objects;
import java.util.PriorityQueue;

/**
 * A rep's work clock as the upkeep holds it: folded from the stored events, then fed the events published after.
 * Events may come out of time order by up to the lateness: they wait, in time order, until one that much newer has
 * come, and then go into the clock. Not thread-safe: the upkeep's thread alone uses it.
 */
final class HeldClock {

    /** An activity waiting to go into the clock. */
    private record Waiting(Instant at, String type) {}

    private final FoldedClock folded;
    private final Duration lateness;
    private final PriorityQueue<Waiting> activities = new PriorityQueue<>(Comparator.comparing(Waiting::at));
    private final FixHeap fixes = new FixHeap();
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
        if (type == null) {
            fixes.add(at, lat, lon);
        } else {
            activities.add(new Waiting(at, type));
        }
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
        feed(activities, fixes, folded.clock(), due);
    }

    /** The clock with the waiting events in it too, apart from the held one. */
    WorkClock now() {
        WorkClock view = folded.clock().copy();
        feed(new PriorityQueue<>(activities), fixes.copy(), view, Instant.MAX);
        return view;
    }

    /**
     * Feeds a clock the waiting events up to {@code due}, in time order, taking them out of their queues; an activity
     * goes before a fix of the same time.
     */
    private static void feed(PriorityQueue<Waiting> activities, FixHeap fixes, WorkClock clock, Instant due) {
        while (true) {
            Waiting activity = activities.peek();
            boolean activityDue = activity != null && !activity.at().isAfter(due);
            boolean fixDue = !fixes.isEmpty() && fixes.firstNotAfter(due);
            if (activityDue && (!fixDue || fixes.firstNotBefore(activity.at()))) {
                activities.poll();
                clock.activity(activity.type(), activity.at());
            } else if (fixDue) {
                fixes.feedFirst(clock);
            } else {
                return;
            }
        }
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
                || !activities.isEmpty()
                || !fixes.isEmpty()
                || (clock.latest() != null && clock.latest().isAfter(now.minus(Duration.ofDays(1))));
    }

    /**
     * The fixes waiting, a binary min-heap on their time in primitive arrays: a fix a second for thousands of reps,
     * each held for the lateness, would otherwise be two objects kept a minute, copied by the garbage collector and
     * stored into a long-lived queue at every ping.
     */
    private static final class FixHeap {
        private long[] seconds = new long[8];
        private int[] nanos = new int[8];
        private double[] lat = new double[8];
        private double[] lon = new double[8];
        private int size;

        boolean isEmpty() {
            return size == 0;
        }

        void add(Instant at, double fixLat, double fixLon) {
            if (size == seconds.length) {
                int grown = size * 2;
                seconds = Arrays.copyOf(seconds, grown);
                nanos = Arrays.copyOf(nanos, grown);
                lat = Arrays.copyOf(lat, grown);
                lon = Arrays.copyOf(lon, grown);
            }
            int i = size++;
            put(i, at.getEpochSecond(), at.getNano(), fixLat, fixLon);
            while (i > 0 && before(i, (i - 1) / 2)) {
                swap(i, (i - 1) / 2);
                i = (i - 1) / 2;
            }
        }

        /** Whether the earliest waiting fix is not after {@code at}; the heap is not empty. */
        boolean firstNotAfter(Instant at) {
            return compare(0, at) <= 0;
        }

        /** Whether the earliest waiting fix is not before {@code at}; the heap is not empty. */
        boolean firstNotBefore(Instant at) {
            return compare(0, at) >= 0;
        }

        /** Feeds the earliest waiting fix to the clock and removes it; the heap is not empty. */
        void feedFirst(WorkClock clock) {
            clock.fix(Instant.ofEpochSecond(seconds[0], nanos[0]), lat[0], lon[0]);
            size--;
            if (size > 0) {
                put(0, seconds[size], nanos[size], lat[size], lon[size]);
                int i = 0;
                while (true) {
                    int least = i;
                    for (int child = 2 * i + 1; child <= 2 * i + 2 && child < size; child++) {
                        if (before(child, least)) {
                            least = child;
                        }
                    }
                    if (least == i) {
                        break;
                    }
                    swap(i, least);
                    i = least;
                }
            }
        }

        FixHeap copy() {
            FixHeap copy = new FixHeap();
            copy.seconds = seconds.clone();
            copy.nanos = nanos.clone();
            copy.lat = lat.clone();
            copy.lon = lon.clone();
            copy.size = size;
            return copy;
        }

        private int compare(int i, Instant at) {
            int bySecond = Long.compare(seconds[i], at.getEpochSecond());
            return bySecond != 0 ? bySecond : Integer.compare(nanos[i], at.getNano());
        }

        private boolean before(int i, int j) {
            return seconds[i] < seconds[j] || (seconds[i] == seconds[j] && nanos[i] < nanos[j]);
        }

        private void put(int i, long second, int nano, double fixLat, double fixLon) {
            seconds[i] = second;
            nanos[i] = nano;
            lat[i] = fixLat;
            lon[i] = fixLon;
        }

        private void swap(int i, int j) {
            long second = seconds[i];
            int nano = nanos[i];
            double fixLat = lat[i];
            double fixLon = lon[i];
            put(i, seconds[j], nanos[j], lat[j], lon[j]);
            put(j, second, nano, fixLat, fixLon);
        }
    }
}
