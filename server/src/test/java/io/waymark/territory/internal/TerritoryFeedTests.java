package io.waymark.territory.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.waymark.bus.EventBus;
import io.waymark.identity.RepId;
import io.waymark.identity.TeamId;
import io.waymark.territory.TerritoryChanged;
import io.waymark.territory.TerritoryId;
import io.waymark.territory.TerritoryRemoved;
import io.waymark.territory.TerritoryShape;
import java.time.Duration;
import java.util.Set;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Sinks;
import reactor.test.StepVerifier;
import tools.jackson.databind.json.JsonMapper;

class TerritoryFeedTests {

    private static final String SQUARE =
            "{\"type\":\"Polygon\",\"coordinates\":[[[10,50],[11,50],[11,51],[10,51]," + "[10,50]]]}";
    private static final String ORIGIN = "{\"type\":\"Polygon\",\"coordinates\":[[[0,0],[1,0],[1,1],[0,1],[0,0]]]}";

    private final TeamId team = TeamId.random();
    private final TestBus bus = new TestBus();
    private final JsonMapper json = JsonMapper.builder().build();
    private TerritoryFeed feed;

    @AfterEach
    void stop() {
        if (feed != null) {
            feed.stop();
        }
    }

    @Test
    void startsWithTheStoredTerritoriesAndTheirReps() {
        RepId rep = RepId.random();
        start(() -> Flux.just(stored("square", Set.of(rep), SQUARE), stored("origin", Set.of(), ORIGIN)));

        assertThat(feed.locate(team, 50.5, 10.5)).extracting(TerritoryShape::id).containsExactly(id("square"));
        assertThat(feed.isInsideAssigned(team, rep, 50.5, 10.5)).isTrue();
        assertThat(feed.isInsideAssigned(team, RepId.random(), 50.5, 10.5)).isFalse();
        assertThat(feed.index().size()).isEqualTo(2);
        assertThat(feed.isRunning()).isTrue();
    }

    @Test
    void followsChangesAndRemovalsFromTheBus() {
        RepId rep = RepId.random();
        start(() -> Flux.just(stored("square", Set.of(), SQUARE)));

        bus.publish(new TerritoryChanged(id("origin"), team, "Origin", Set.of(rep), feature(ORIGIN)));
        eventually(() -> !feed.locate(team, 0.5, 0.5).isEmpty());
        assertThat(feed.index().assignedTo(team, rep))
                .extracting(TerritoryShape::id)
                .containsExactly(id("origin"), id("square"));

        bus.publish(new TerritoryChanged(id("square"), team, "Moved", Set.of(), feature(ORIGIN)));
        eventually(() -> feed.locate(team, 50.5, 10.5).isEmpty());
        assertThat(feed.locate(team, 0.5, 0.5))
                .extracting(TerritoryShape::id)
                .containsExactly(id("origin"), id("square"));

        bus.publish(new TerritoryRemoved(id("origin"), team));
        eventually(() -> feed.index().find(id("origin")).isEmpty());
        assertThat(feed.locate(team, 0.5, 0.5)).extracting(TerritoryShape::id).containsExactly(id("square"));
    }

    @Test
    void appliesEventsPublishedWhileLoadingOnTopOfWhatWasLoaded() {
        // The rows are read before these events' changes were stored: without the events the index would be stale.
        start(() -> Flux.defer(() -> {
            bus.publish(new TerritoryChanged(id("origin"), team, "Origin", Set.of(), feature(ORIGIN)));
            bus.publish(new TerritoryRemoved(id("square"), team));
            return Flux.just(stored("square", Set.of(), SQUARE));
        }));

        eventually(() -> feed.index().find(id("origin")).isPresent());
        assertThat(feed.index().find(id("square"))).isEmpty();
        assertThat(feed.index().size()).isEqualTo(1);
    }

    @Test
    void leavesOutAStoredTerritoryItCannotRead() {
        start(() -> Flux.just(
                stored("square", Set.of(), SQUARE),
                new TerritoryFeed.StoredTerritory(
                        id("broken"), team, Set.of(), "{\"geometry\":{\"type\":\"Point\"}}")));

        assertThat(feed.index().size()).isEqualTo(1);
        assertThat(feed.index().find(id("square"))).isPresent();
    }

    @Test
    void takesOutATerritoryWhoseChangedFeatureItCannotRead() {
        start(() -> Flux.just(stored("square", Set.of(), SQUARE)));

        bus.publish(new TerritoryChanged(id("square"), team, "Broken", Set.of(), "not json"));

        eventually(() -> feed.index().size() == 0);
    }

    @Test
    void stopsFollowingTheBusWhenStopped() {
        start(() -> Flux.empty());
        feed.stop();

        bus.publish(new TerritoryChanged(id("origin"), team, "Origin", Set.of(), feature(ORIGIN)));

        assertThat(feed.isRunning()).isFalse();
        assertThat(bus.subscribers()).isZero();
        assertThat(feed.index().size()).isZero();
    }

    private void start(Supplier<Flux<TerritoryFeed.StoredTerritory>> stored) {
        feed = new TerritoryFeed(stored, bus, json);
        feed.start();
    }

    private TerritoryFeed.StoredTerritory stored(String id, Set<RepId> reps, String geometry) {
        return new TerritoryFeed.StoredTerritory(id(id), team, reps, feature(geometry));
    }

    private String feature(String geometry) {
        return "{\"type\":\"Feature\",\"geometry\":" + geometry + ",\"properties\":{\"name\":\"T\",\"teamId\":\"" + team
                + "\"}}";
    }

    private static TerritoryId id(String value) {
        return new TerritoryId(value);
    }

    /** Waits, up to 10 seconds, for a condition that the feed's thread makes true. */
    private static void eventually(BooleanSupplier condition) {
        StepVerifier.create(Flux.interval(Duration.ZERO, Duration.ofMillis(10))
                        .filter(tick -> condition.getAsBoolean())
                        .next())
                .expectNextCount(1)
                .expectComplete()
                .verify(Duration.ofSeconds(10));
    }

    /** An in-process bus like the application's, that counts its subscribers. */
    private static final class TestBus implements EventBus {

        private final Sinks.Many<Object> sink = Sinks.many().multicast().directBestEffort();

        @Override
        public synchronized void publish(Object event) {
            sink.tryEmitNext(event);
        }

        @Override
        public <T> Flux<T> events(Class<T> type) {
            return sink.asFlux().ofType(type).onBackpressureBuffer();
        }

        int subscribers() {
            return sink.currentSubscriberCount();
        }
    }
}
