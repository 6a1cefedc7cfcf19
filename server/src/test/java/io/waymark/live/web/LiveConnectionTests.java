package io.waymark.live.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.waymark.identity.RepId;
import io.waymark.identity.TeamId;
import io.waymark.live.LiveRep;
import io.waymark.live.RepStatus;
import io.waymark.live.TodayCounters;
import io.waymark.live.internal.LiveUpdate;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import reactor.test.scheduler.VirtualTimeScheduler;

class LiveConnectionTests {

    private final TeamId mine = TeamId.random();
    private final TeamId theirs = TeamId.random();
    private final RepId rep = RepId.random();
    private final VirtualTimeScheduler time = VirtualTimeScheduler.create();
    private final List<Object> received = new CopyOnWriteArrayList<>();
    private final AtomicBoolean toldTooSlow = new AtomicBoolean();
    private LiveConnection connection;

    @BeforeEach
    void connect() {
        connection = connection(64);
        connection.messages().subscribe(received::add);
        connection.snapshotTaken();
    }

    private LiveConnection connection(int maxQueued) {
        return new LiveConnection(mine::equals, time, Duration.ofMillis(250), maxQueued, () -> toldTooSlow.set(true));
    }

    private LiveUpdate.RepChanged at(double lat) {
        return new LiveUpdate.RepChanged(
                rep,
                mine,
                new LiveRep(
                        rep.toString(),
                        "Ana",
                        mine.toString(),
                        lat,
                        -74.0,
                        1L,
                        null,
                        null,
                        null,
                        null,
                        RepStatus.ACTIVE,
                        1L,
                        TodayCounters.NONE));
    }

    private List<Double> sentLatitudes() {
        return received.stream()
                .filter(LiveMessages.Rep.class::isInstance)
                .map(message -> ((LiveMessages.Rep) message).rep().lat())
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
    void neverConflatesActivities() {
        for (int i = 0; i < 5; i++) {
            connection.offer(new LiveUpdate.ActivityLogged(mine, Map.of("id", "a" + i)));
        }
        assertThat(received).hasSize(5).allMatch(LiveMessages.Activity.class::isInstance);
    }

    @Test
    void passesOnNothingOfATeamTheUserMayNotSee() {
        connection.offer(new LiveUpdate.ActivityLogged(theirs, Map.of("id", "x")));
        connection.offer(new LiveUpdate.RepChanged(RepId.random(), theirs, at(1).rep()));
        assertThat(received).isEmpty();
    }

    @Test
    void aSubscriptionNarrowsTheStream() {
        connection.subscribe(Set.of(theirs));
        connection.offer(new LiveUpdate.ActivityLogged(mine, Map.of("id", "a")));
        assertThat(received).isEmpty();
    }

    @Test
    void holdsActivitiesUntilTheSnapshotAndDropsRepChangesItAlreadyHolds() {
        List<Object> early = new CopyOnWriteArrayList<>();
        LiveConnection starting = connection(64);
        starting.messages().subscribe(early::add);
        starting.offer(at(1));
        starting.offer(new LiveUpdate.ActivityLogged(mine, Map.of("id", "a")));
        assertThat(early).isEmpty();
        starting.snapshotTaken();
        assertThat(early).singleElement().isInstanceOf(LiveMessages.Activity.class);
    }

    @Test
    void tellsAClientThatFallsTooFarBehindToGo() {
        LiveConnection slow = connection(8);
        slow.messages().subscribe(new reactor.core.publisher.BaseSubscriber<>() {
            @Override
            protected void hookOnSubscribe(org.reactivestreams.Subscription subscription) {
                subscription.request(1);
            }
        });
        slow.snapshotTaken();
        for (int i = 0; i < 9; i++) {
            slow.offer(new LiveUpdate.ActivityLogged(mine, Map.of("id", "a" + i)));
        }
        assertThat(toldTooSlow).isFalse();
        slow.offer(new LiveUpdate.ActivityLogged(mine, Map.of("id", "overflow")));
        assertThat(toldTooSlow).isTrue();
    }
}
