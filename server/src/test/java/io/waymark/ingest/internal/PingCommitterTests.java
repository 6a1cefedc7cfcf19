package io.waymark.ingest.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.waymark.identity.DeviceId;
import io.waymark.identity.DeviceIdentity;
import io.waymark.identity.RepId;
import io.waymark.identity.TeamId;
import io.waymark.ingest.StoredPing;
import io.waymark.protocol.Ping;
import io.waymark.protocol.RequestError;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;
import reactor.test.StepVerifier;
import reactor.test.scheduler.VirtualTimeScheduler;

class PingCommitterTests {

    private final DeviceIdentity device = new DeviceIdentity(DeviceId.random(), RepId.random(), TeamId.random());
    private final VirtualTimeScheduler time = VirtualTimeScheduler.create();
    private final List<Integer> groupSizes = new CopyOnWriteArrayList<>();
    private final List<Sinks.One<boolean[]>> writesInProgress = new CopyOnWriteArrayList<>();
    private final List<List<StoredPing>> told = new CopyOnWriteArrayList<>();

    private List<StoredPing> pings(int count) {
        List<StoredPing> pings = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            pings.add(new StoredPing(device, Ping.of(i + 1, 1, 1, 1), Instant.EPOCH));
        }
        return pings;
    }

    /** A writer that holds each write until the test completes it, storing what was not flagged maybe-stored. */
    private PingCommitter committer(int maxRows, int concurrency, int maxQueued) {
        return new PingCommitter(
                (pings, maybeStored) -> {
                    groupSizes.add(pings.size());
                    Sinks.One<boolean[]> write = Sinks.one();
                    writesInProgress.add(write);
                    boolean[] storedNow = new boolean[maybeStored.length];
                    for (int i = 0; i < storedNow.length; i++) {
                        storedNow[i] = !maybeStored[i];
                    }
                    return write.asMono().map(done -> storedNow);
                },
                told::add,
                time,
                maxRows,
                Duration.ofMillis(5),
                concurrency,
                maxQueued,
                new SimpleMeterRegistry());
    }

    private void completeWrite(int index) {
        writesInProgress.get(index).tryEmitValue(new boolean[0]);
    }

    @Test
    void lingersUpToTheMaxWaitThenWritesEverythingGatheredInOneGroup() {
        PingCommitter committer = committer(1000, 1, 10_000);
        var first = committer.submit(pings(3), new boolean[3]).toFuture();
        var second = committer.submit(pings(2), new boolean[] {false, true}).toFuture();
        time.advanceTimeBy(Duration.ofMillis(4));
        assertThat(groupSizes).isEmpty();
        time.advanceTimeBy(Duration.ofMillis(1));
        assertThat(groupSizes).containsExactly(5);
        assertThat(first).isNotDone();
        completeWrite(0);
        assertThat(first.join()).containsExactly(true, true, true);
        assertThat(second.join()).containsExactly(true, false);
    }

    @Test
    void tellsTheFreshPingsOfAGroupOnceBeforeAnsweringAnyOfItsRequests() {
        PingCommitter committer = committer(1000, 1, 10_000);
        List<StoredPing> first = pings(3);
        List<StoredPing> second = pings(2);
        List<Integer> toldWhenAnswered = new CopyOnWriteArrayList<>();
        committer.submit(first, new boolean[3]).subscribe(stored -> toldWhenAnswered.add(told.size()));
        committer.submit(second, new boolean[] {true, false}).subscribe(stored -> toldWhenAnswered.add(told.size()));
        time.advanceTimeBy(Duration.ofMillis(5));
        assertThat(told).isEmpty();

        completeWrite(0);

        assertThat(told)
                .as("one list for the whole group, without the ping stored before")
                .containsExactly(List.of(first.get(0), first.get(1), first.get(2), second.get(1)));
        assertThat(toldWhenAnswered).containsExactly(1, 1);
    }

    @Test
    void tellsNothingForAGroupThatFailed() {
        PingCommitter committer = committer(1000, 1, 10_000);
        var answer = committer.submit(pings(2), new boolean[2]).toFuture();
        time.advanceTimeBy(Duration.ofMillis(5));
        writesInProgress.get(0).tryEmitError(new IllegalStateException("database down"));
        assertThat(answer).isCompletedExceptionally();
        assertThat(told).isEmpty();
    }

    @Test
    void writesAtOnceWhenAGroupIsFull() {
        PingCommitter committer = committer(4, 1, 10_000);
        committer.submit(pings(2), new boolean[2]).subscribe();
        committer.submit(pings(2), new boolean[2]).subscribe();
        assertThat(groupSizes).containsExactly(4);
    }

    @Test
    void holdsSubmissionsWhileEveryWriterIsBusyAndGathersThem() {
        PingCommitter committer = committer(4, 1, 10_000);
        committer.submit(pings(4), new boolean[4]).subscribe();
        var waiting = new ArrayList<java.util.concurrent.CompletableFuture<boolean[]>>();
        for (int i = 0; i < 3; i++) {
            waiting.add(committer.submit(pings(1), new boolean[1]).toFuture());
        }
        time.advanceTimeBy(Duration.ofMillis(50));
        assertThat(groupSizes).as("one writer, busy").containsExactly(4);
        completeWrite(0);
        assertThat(groupSizes).containsExactly(4, 3);
        assertThat(waiting).noneMatch(java.util.concurrent.CompletableFuture::isDone);
        completeWrite(1);
        assertThat(waiting).allMatch(future -> Arrays.equals(future.join(), new boolean[] {true}));
    }

    @Test
    void neverSplitsOneSubmissionAcrossGroups() {
        PingCommitter committer = committer(4, 2, 10_000);
        committer.submit(pings(3), new boolean[3]).subscribe();
        committer.submit(pings(3), new boolean[3]).subscribe();
        assertThat(groupSizes).as("the first is full enough to go").containsExactly(3);
        time.advanceTimeBy(Duration.ofMillis(5));
        assertThat(groupSizes)
                .as("the second lingered, then went on the second writer")
                .containsExactly(3, 3);
    }

    @Test
    void refusesWithUnavailableWhenTooManyPingsWait() {
        PingCommitter committer = committer(4, 1, 6);
        committer.submit(pings(4), new boolean[4]).subscribe();
        committer.submit(pings(4), new boolean[4]).subscribe();
        StepVerifier.create(committer.submit(pings(3), new boolean[3]))
                .expectErrorSatisfies(
                        error -> assertThat(((RequestRefused) error).code()).isEqualTo(RequestError.UNAVAILABLE))
                .verify(Duration.ofSeconds(1));
    }

    @Test
    void failsEverySubmissionOfAFailedGroupAsUnavailableAndGoesOn() {
        List<Integer> attempts = new CopyOnWriteArrayList<>();
        PingCommitter committer = new PingCommitter(
                (pings, maybeStored) -> {
                    attempts.add(pings.size());
                    return attempts.size() == 1
                            ? Mono.error(new IllegalStateException("database down"))
                            : Mono.just(new boolean[pings.size()]);
                },
                told::add,
                time,
                2,
                Duration.ZERO,
                1,
                100,
                new SimpleMeterRegistry());
        StepVerifier.create(committer.submit(pings(2), new boolean[2]))
                .expectErrorSatisfies(
                        error -> assertThat(((RequestRefused) error).code()).isEqualTo(RequestError.UNAVAILABLE))
                .verify(Duration.ofSeconds(1));
        StepVerifier.create(committer.submit(pings(1), new boolean[1]))
                .expectNextCount(1)
                .expectComplete()
                .verify(Duration.ofSeconds(1));
    }
}
