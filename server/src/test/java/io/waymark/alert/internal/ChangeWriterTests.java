package io.waymark.alert.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.waymark.alert.Alert;
import io.waymark.alert.AlertChanged.Change;
import io.waymark.alert.AlertKind;
import io.waymark.alert.AlertState;
import io.waymark.identity.RepId;
import io.waymark.identity.TeamId;
import io.waymark.problem.UnavailableException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;
import reactor.test.StepVerifier;

/** The engine's group commit: what goes into which write, when changes are published, and what a failed write does. */
class ChangeWriterTests {

    private static final Instant T0 = Instant.parse("2026-12-01T09:00:00Z");

    /** The writes asked for, each with the sink that completes it. */
    private final List<List<Long>> writes = new ArrayList<>();

    private final List<Sinks.Empty<Void>> pendingWrites = new ArrayList<>();
    private final List<Long> published = new ArrayList<>();
    private final List<Throwable> lost = new ArrayList<>();
    private Timer timer;
    private ChangeWriter writer;

    @BeforeEach
    void setUp() {
        timer = new SimpleMeterRegistry().timer("writes");
        writer = new ChangeWriter(
                batch -> {
                    writes.add(
                            batch.stream().map(change -> change.alert().seq()).toList());
                    Sinks.Empty<Void> done = Sinks.empty();
                    pendingWrites.add(done);
                    return done.asMono();
                },
                stored -> published.add(stored.alert().seq()),
                lost::add,
                timer);
        writer.reset(10);
    }

    private static ChangeWriter.Pending change(long seq) {
        Alert alert = new Alert(
                UUID.randomUUID(),
                seq,
                AlertKind.SOS,
                "",
                AlertKind.SOS.severity(),
                AlertState.OPEN,
                1,
                null,
                RepId.random(),
                TeamId.random(),
                T0,
                T0,
                "SOS",
                null,
                null,
                null,
                null,
                null,
                null,
                T0.plusSeconds(120));
        return new ChangeWriter.Pending(Change.RAISED, alert, true);
    }

    private void completeWrite(int index) {
        pendingWrites.get(index).tryEmitEmpty();
    }

    @Test
    void theFirstChangeIsWrittenAloneAndThoseDecidedMeanwhileTogether() {
        assertThat(writer.add(change(11))).isTrue();
        assertThat(writer.add(change(12))).isTrue();
        assertThat(writer.add(change(13))).isTrue();
        assertThat(writes).as("one write at a time").containsExactly(List.of(11L));
        assertThat(published).as("nothing is published before it is stored").isEmpty();

        completeWrite(0);
        assertThat(published).containsExactly(11L);
        assertThat(writes).containsExactly(List.of(11L), List.of(12L, 13L));

        completeWrite(1);
        assertThat(published).containsExactly(11L, 12L, 13L);
        assertThat(timer.count()).isEqualTo(2);
        assertThat(lost).isEmpty();
    }

    @Test
    void whoeverAskedIsAnsweredOnlyOnceEveryChangeUpToTheirsIsStored() {
        List<String> answered = new ArrayList<>();
        writer.afterStored(10, () -> answered.add("nothing new"), error -> answered.add("failed"));
        assertThat(answered).as("up to date already: answered at once").containsExactly("nothing new");

        writer.add(change(11));
        writer.add(change(12));
        writer.afterStored(11, () -> answered.add("11"), error -> answered.add("failed"));
        writer.afterStored(12, () -> answered.add("12"), error -> answered.add("failed"));
        assertThat(answered).containsExactly("nothing new");

        completeWrite(0);
        assertThat(answered).containsExactly("nothing new", "11");
        completeWrite(1);
        assertThat(answered).containsExactly("nothing new", "11", "12");
    }

    @Test
    void aFailedWriteFailsEveryoneWaitingAndRefusesChangesUntilReset() {
        writer.add(change(11));
        writer.add(change(12));
        List<Throwable> failures = new ArrayList<>();
        writer.afterStored(11, () -> failures.add(null), failures::add);
        writer.afterStored(12, () -> failures.add(null), failures::add);

        IllegalStateException down = new IllegalStateException("database down");
        pendingWrites.get(0).tryEmitError(down);

        assertThat(failures).hasSize(2).allSatisfy(error -> assertThat(error)
                .isInstanceOf(UnavailableException.class)
                .hasRootCause(down));
        assertThat(lost).containsExactly(down);
        assertThat(published).as("neither was stored").isEmpty();
        assertThat(writes)
                .as("the change decided after the failed one is not written either")
                .hasSize(1);
        assertThat(writer.add(change(12)))
                .as("refused until the engine has read its state back")
                .isFalse();
        List<Throwable> refused = new ArrayList<>();
        writer.afterStored(12, () -> refused.add(null), refused::add);
        assertThat(refused).singleElement().isInstanceOf(UnavailableException.class);

        writer.reset(10);
        assertThat(writer.add(change(11))).isTrue();
        completeWrite(1);
        assertThat(published).containsExactly(11L);
    }

    @Test
    void aStoreThatThrowsInsteadOfFailingItsMonoIsAFailedWrite() {
        ChangeWriter throwing = new ChangeWriter(
                batch -> {
                    throw new IllegalArgumentException("unbindable");
                },
                stored -> published.add(stored.alert().seq()),
                lost::add,
                timer);
        throwing.reset(10);
        throwing.add(change(11));
        assertThat(lost).singleElement().isInstanceOf(IllegalArgumentException.class);
        assertThat(throwing.add(change(11))).isFalse();
    }

    @Test
    void aWriteCompletedOnAnotherThreadStillPublishesInSeqOrder() {
        ChangeWriter asynchronous = new ChangeWriter(
                batch -> Mono.delay(Duration.ofMillis(5)).then(),
                stored -> {
                    synchronized (published) {
                        published.add(stored.alert().seq());
                    }
                },
                lost::add,
                timer);
        asynchronous.reset(0);
        Sinks.Empty<Void> all = Sinks.empty();
        for (long seq = 1; seq <= 200; seq++) {
            asynchronous.add(change(seq));
        }
        asynchronous.afterStored(200, all::tryEmitEmpty, all::tryEmitError);
        StepVerifier.create(all.asMono()).expectComplete().verify(Duration.ofSeconds(10));
        synchronized (published) {
            assertThat(published).hasSize(200).isSorted();
        }
        assertThat(timer.count()).as("batched while writes were under way").isLessThan(200);
    }
}
