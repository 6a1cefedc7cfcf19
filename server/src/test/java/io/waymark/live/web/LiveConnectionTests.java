package io.waymark.live.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.waymark.identity.RepId;
import io.waymark.identity.TeamId;
import io.waymark.live.LiveRep;
import io.waymark.live.RepStatus;
import io.waymark.live.TodayCounters;
import io.waymark.live.internal.LiveFrame;
import io.waymark.live.internal.LiveUpdate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import reactor.core.Disposable;
import reactor.core.scheduler.Scheduler;
import reactor.test.scheduler.VirtualTimeScheduler;

class LiveConnectionTests {

    private static final Map<RepId, Integer> SLOTS = new java.util.concurrent.ConcurrentHashMap<>();
    private final TeamId mine = TeamId.random();
    private final TeamId theirs = TeamId.random();
    private final RepId rep = RepId.random();
    private final VirtualTimeScheduler time = VirtualTimeScheduler.create();
    private final List<Object> received = new CopyOnWriteArrayList<>();
    private final LiveFrame snapshot = LiveFrame.of("snapshot");
    private final AtomicBoolean toldTooSlow = new AtomicBoolean();
    private LiveConnection connection;

    @BeforeEach
    void connect() {
        connection = connection(new Outbox(received, 64));
        connection.snapshotTaken(snapshot, 0);
        received.clear();
    }

    /** The slot of the rep of every activity these tests log. */
    private static final int ACTIVITY_SLOT = 7;

    private LiveConnection connection(LiveOutbox outbox) {
        return new LiveConnection(mine::equals, time, Duration.ofMillis(250), outbox, () -> toldTooSlow.set(true));
    }

    /**
     * Takes frames into a list, up to a capacity: a client that reads nothing. Notes each frame's order, and the
     * rep's slot of each position frame (-1 for the others).
     */
    private record Outbox(
            List<Object> frames,
            int capacity,
            List<LiveOutbox.Order> orders,
            List<Integer> slots,
            List<Integer> aboutSlots)
            implements LiveOutbox {

        Outbox(List<Object> frames, int capacity) {
            this(frames, capacity, new ArrayList<>(), new ArrayList<>(), new ArrayList<>());
        }

        @Override
        public boolean offerAbout(int slot, LiveFrame frame) {
            boolean taken = take(frame, LiveOutbox.Order.PASSABLE, -1);
            if (taken) {
                aboutSlots.add(slot);
            }
            return taken;
        }

        @Override
        public boolean offer(LiveFrame frame, LiveOutbox.Order order) {
            return take(frame, order, -1);
        }

        @Override
        public boolean offerPosition(int slot, LiveFrame frame) {
            return take(frame, LiveOutbox.Order.PASSABLE, slot);
        }

        private boolean take(LiveFrame frame, LiveOutbox.Order order, int slot) {
            if (frames.size() >= capacity) {
                return false;
            }
            frames.add(frame);
            orders.add(order);
            slots.add(slot);
            return true;
        }

        @Override
        public void close() {}
    }

    private LiveUpdate.RepChanged at(double lat) {
        return changed(rep, mine, lat);
    }

    /** A rep change whose frame the connection passes on as it is: here "rep:" and the latitude. */
    private static LiveUpdate.RepChanged changed(RepId rep, TeamId team, double lat) {
        return new LiveUpdate.RepChanged(
                rep,
                SLOTS.computeIfAbsent(rep, id -> SLOTS.size()),
                team,
                new LiveRep(
                        rep.toString(),
                        "Ana",
                        team.toString(),
                        lat,
                        -74.0,
                        1L,
                        null,
                        null,
                        null,
                        null,
                        RepStatus.ACTIVE,
                        1L,
                        TodayCounters.NONE,
                        List.of()),
                LiveFrame.of("rep:" + lat));
    }

    private static LiveUpdate.ActivityLogged logged(TeamId team, String id) {
        return new LiveUpdate.ActivityLogged(team, ACTIVITY_SLOT, Map.of("id", id), LiveFrame.of("activity:" + id));
    }

    private static List<String> texts(List<Object> messages) {
        return messages.stream().map(String::valueOf).toList();
    }

    private List<Double> sentLatitudes() {
        return received.stream()
                .map(String::valueOf)
                .filter(message -> message.startsWith("rep:"))
                .map(message -> Double.valueOf(message.substring("rep:".length())))
                .toList();
    }

    @Test
    void sendsTheFirstUpdateAtOnceAndMergesTheRestOfTheWindowLatestWins() {
        connection.offer(at(1));
        assertThat(sentLatitudes()).containsExactly(1.0);
        connection.offer(at(2));
        connection.offer(at(3));
        time.advanceTimeBy(Duration.ofMillis(249));
        assertThat(sentLatitudes()).containsExactly(1.0);
        time.advanceTimeBy(Duration.ofMillis(1));
        assertThat(sentLatitudes()).containsExactly(1.0, 3.0);
        time.advanceTimeBy(Duration.ofMillis(250));
        connection.offer(at(4));
        assertThat(sentLatitudes())
                .as("after a quiet window the next goes at once")
                .containsExactly(1.0, 3.0, 4.0);
    }

    @Test
    void sendsEachAlertEventOnceInSeqOrderAfterTheSnapshotAndTheReplay() {
        Outbox outbox = new Outbox(received, 64);
        LiveConnection fresh = connection(outbox);
        fresh.offer(alert(mine, 5));
        fresh.offer(alert(mine, 7));
        fresh.snapshotTaken(snapshot, 6);
        fresh.offer(alert(mine, 8));
        fresh.offer(alert(theirs, 9));
        assertThat(received).as("live alert events wait for the replay").containsExactly(snapshot);

        fresh.alertsReplayed(List.of(LiveFrame.of("alert:3"), LiveFrame.of("alert:6")));
        fresh.offer(alert(mine, 8));
        fresh.offer(alert(mine, 10));

        assertThat(received)
                .map(String::valueOf)
                .as("5 is in the snapshot, 9 is another team's, the second 8 is a repeat")
                .containsExactly("snapshot", "alert:3", "alert:6", "alert:7", "alert:8", "alert:10");
        // The snapshot, the replay and the alerts held for it keep their place; only the live alert after may pass.
        assertThat(outbox.orders())
                .containsExactly(
                        LiveOutbox.Order.KEPT,
                        LiveOutbox.Order.KEPT,
                        LiveOutbox.Order.KEPT,
                        LiveOutbox.Order.KEPT,
                        LiveOutbox.Order.KEPT,
                        LiveOutbox.Order.URGENT);
    }

    private static LiveUpdate.AlertEvent alert(TeamId team, long seq) {
        return new LiveUpdate.AlertEvent(team, seq, LiveFrame.of("alert:" + seq));
    }

    /** A timer whose tasks run only when the test says so, with a clock of its own: a timer running late. */
    private static final class LateTimer implements Scheduler {

        private long nowNanos;
        private final List<Runnable> tasks = new ArrayList<>();

        @Override
        public Disposable schedule(Runnable task) {
            return schedule(task, 0, TimeUnit.NANOSECONDS);
        }

        @Override
        public Disposable schedule(Runnable task, long delay, TimeUnit unit) {
            tasks.add(task);
            return () -> tasks.remove(task);
        }

        @Override
        public long now(TimeUnit unit) {
            return unit.convert(nowNanos, TimeUnit.NANOSECONDS);
        }

        @Override
        public Worker createWorker() {
            throw new UnsupportedOperationException("not used by the connection");
        }

        void advance(Duration by) {
            nowNanos += by.toNanos();
        }

        void runTasks() {
            List<Runnable> due = new ArrayList<>(tasks);
            tasks.clear();
            due.forEach(Runnable::run);
        }
    }

    @Test
    void aRepsUpdateAfterItsWindowEndedGoesOutOnceWhileTheTimerIsLate() {
        LateTimer late = new LateTimer();
        LiveConnection slowTimer =
                new LiveConnection(mine::equals, late, Duration.ofMillis(250), new Outbox(received, 64), () -> {});
        slowTimer.snapshotTaken(snapshot, 0);
        received.clear();
        RepId first = RepId.random();
        RepId second = RepId.random();
        RepId third = RepId.random();
        RepId fourth = RepId.random();
        slowTimer.offer(changed(first, mine, 1));
        slowTimer.offer(changed(second, mine, 2));
        slowTimer.offer(changed(third, mine, 3));
        slowTimer.offer(changed(fourth, mine, 4));
        late.advance(Duration.ofMillis(100));
        slowTimer.offer(changed(first, mine, 11));
        slowTimer.offer(changed(second, mine, 12));
        slowTimer.offer(changed(third, mine, 13));
        slowTimer.offer(changed(fourth, mine, 14));
        assertThat(sentLatitudes()).containsExactly(1.0, 2.0, 3.0, 4.0);

        // The windows ended at 250 ms, but the timer has not run: the second and fourth reps' next updates go out at
        // once, in place of their merged ones, which are dropped.
        late.advance(Duration.ofMillis(200));
        slowTimer.offer(changed(second, mine, 22));
        slowTimer.offer(changed(fourth, mine, 24));
        assertThat(sentLatitudes()).containsExactly(1.0, 2.0, 3.0, 4.0, 22.0, 24.0);

        late.runTasks();
        assertThat(sentLatitudes())
                .hasSize(8)
                .startsWith(1.0, 2.0, 3.0, 4.0, 22.0, 24.0)
                .contains(11.0, 13.0);
        late.advance(Duration.ofMillis(300));
        late.runTasks();
        assertThat(sentLatitudes()).as("nothing waits twice").hasSize(8);
    }

    @Test
    void endsEachRepsWindowAtItsOwnTime() {
        RepId other = RepId.random();
        connection.offer(at(1));
        time.advanceTimeBy(Duration.ofMillis(100));
        connection.offer(changed(other, mine, 10));
        connection.offer(changed(other, mine, 11));
        connection.offer(at(2));
        assertThat(sentLatitudes()).containsExactly(1.0, 10.0);
        time.advanceTimeBy(Duration.ofMillis(150));
        assertThat(sentLatitudes()).as("the first rep's window ended at 250 ms").containsExactly(1.0, 10.0, 2.0);
        time.advanceTimeBy(Duration.ofMillis(99));
        assertThat(sentLatitudes()).containsExactly(1.0, 10.0, 2.0);
        time.advanceTimeBy(Duration.ofMillis(1));
        assertThat(sentLatitudes()).as("the other rep's window ended at 350 ms").containsExactly(1.0, 10.0, 2.0, 11.0);
        connection.offer(at(3));
        assertThat(sentLatitudes())
                .as("a window reopens when the merged update goes out")
                .containsExactly(1.0, 10.0, 2.0, 11.0);
        time.advanceTimeBy(Duration.ofMillis(150));
        assertThat(sentLatitudes()).containsExactly(1.0, 10.0, 2.0, 11.0, 3.0);
    }

    @Test
    void neverConflatesActivities() {
        for (int i = 0; i < 5; i++) {
            connection.offer(logged(mine, "a" + i));
        }
        assertThat(texts(received))
                .containsExactly("activity:a0", "activity:a1", "activity:a2", "activity:a3", "activity:a4");
    }

    @Test
    void passesOnNothingOfATeamTheUserMayNotSee() {
        connection.offer(logged(theirs, "x"));
        connection.offer(changed(RepId.random(), theirs, 1));
        assertThat(received).isEmpty();
    }

    @Test
    void aSubscriptionNarrowsTheStream() {
        connection.subscribe(Set.of(theirs));
        connection.offer(logged(mine, "a"));
        assertThat(received).isEmpty();
    }

    @Test
    void holdsActivitiesUntilTheSnapshotAndDropsRepChangesItAlreadyHolds() {
        List<Object> early = new CopyOnWriteArrayList<>();
        LiveConnection starting = connection(new Outbox(early, 64));
        starting.offer(at(1));
        starting.offer(logged(mine, "a"));
        assertThat(early).isEmpty();
        starting.snapshotTaken(snapshot, 0);
        assertThat(texts(early)).containsExactly("snapshot", "activity:a");
    }

    @Test
    void tellsAClientThatFallsTooFarBehindToGo() {
        LiveConnection slow = connection(new Outbox(new CopyOnWriteArrayList<>(), 8));
        slow.snapshotTaken(snapshot, 0);
        for (int i = 0; i < 7; i++) {
            slow.offer(logged(mine, "a" + i));
        }
        assertThat(toldTooSlow).isFalse();
        slow.offer(logged(mine, "overflow"));
        assertThat(toldTooSlow).isTrue();
    }

    @Test
    void handsOnEachPositionAsItsRepsSoThatTheOutboxMayReplaceItAndNothingElse() {
        Outbox outbox = new Outbox(received, 64);
        LiveConnection fresh = connection(outbox);
        fresh.snapshotTaken(snapshot, 0);
        RepId other = RepId.random();
        fresh.offer(at(1));
        fresh.offer(logged(mine, "a"));
        fresh.offer(changed(other, mine, 10));
        fresh.offer(at(2));
        time.advanceTimeBy(Duration.ofMillis(250));

        assertThat(texts(received)).containsExactly("snapshot", "rep:1.0", "activity:a", "rep:10.0", "rep:2.0");
        assertThat(outbox.slots())
                .as("the window's end hands on the merged position as the rep's too")
                .containsExactly(-1, SLOTS.get(rep), -1, SLOTS.get(other), SLOTS.get(rep));
        assertThat(outbox.aboutSlots())
                .as("the activity is handed on as about its rep, to seal that rep's waiting position only")
                .containsExactly(ACTIVITY_SLOT);
    }

    @Test
    void tellsAClientWhoseOutboxRefusesAPositionToGo() {
        LiveConnection slow = connection(new Outbox(new CopyOnWriteArrayList<>(), 1));
        slow.snapshotTaken(snapshot, 0);
        assertThat(toldTooSlow).isFalse();
        slow.offer(at(1));
        assertThat(toldTooSlow).isTrue();
    }
}
