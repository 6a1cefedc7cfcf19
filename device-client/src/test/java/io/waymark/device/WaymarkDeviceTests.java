package io.waymark.device;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.rsocket.exceptions.ApplicationErrorException;
import io.waymark.protocol.Ack;
import io.waymark.protocol.Activity;
import io.waymark.protocol.ActivityResult;
import io.waymark.protocol.Hello;
import io.waymark.protocol.Ping;
import io.waymark.protocol.PingBatch;
import io.waymark.protocol.RequestError;
import io.waymark.protocol.Routes;
import io.waymark.protocol.WelfareAnswer;
import io.waymark.protocol.WelfareCheck;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;
import java.util.stream.LongStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;
import reactor.test.StepVerifier;

class WaymarkDeviceTests {

    private static final String TOKEN = "device-token-1";
    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final Instant NOW = Instant.parse("2026-11-23T09:00:00Z");

    @TempDir
    Path dir;

    private final List<AutoCloseable> open = new ArrayList<>();

    @AfterEach
    void closeAll() throws Exception {
        for (int i = open.size() - 1; i >= 0; i--) {
            open.get(i).close();
        }
    }

    private StandInServer server(StandInServer server) {
        open.add(server);
        return server;
    }

    private WaymarkDevice device(StandInServer server, UnaryOperator<WaymarkDevice.Builder> customize) {
        WaymarkDevice device = customize
                .apply(WaymarkDevice.builder()
                        .tcp("127.0.0.1", server.port())
                        .token(TOKEN)
                        .bufferDirectory(dir)
                        .flushInterval(Duration.ofMillis(50))
                        .reconnectBackoff(Duration.ofMillis(50), Duration.ofMillis(200))
                        .clock(Clock.fixed(NOW, ZoneOffset.UTC)))
                .build();
        open.add(device);
        return device;
    }

    private WaymarkDevice device(StandInServer server) {
        return device(server, b -> b);
    }

    private static void recordFixes(WaymarkDevice device, int count) {
        Flux.range(0, count)
                .concatMap(i -> device.record(40.7 + i * 1e-5, -74.0, 8.5))
                .then()
                .block(WAIT);
    }

    @Test
    void sendsBearerTokenInSetupAndRoutesInCompositeMetadata() {
        StandInServer server = server(StandInServer.tcp(TOKEN));
        WaymarkDevice device = device(server);

        StepVerifier.create(device.start())
                .assertNext(hello -> assertThat(hello.deviceId()).isEqualTo("device-1"))
                .expectComplete()
                .verify(WAIT);
        recordFixes(device, 3);

        await().atMost(WAIT).until(() -> server.stored.size() == 3);
        assertThat(server.setups)
                .singleElement()
                .isEqualTo(new StandInServer.Setup(
                        "application/json",
                        "message/x.rsocket.composite-metadata.v0",
                        "message/x.rsocket.authentication.v0",
                        TOKEN));
        assertThat(server.routes).startsWith(Routes.HELLO).contains(Routes.PINGS);
        assertThat(device.state()).isEqualTo(ConnectionState.CONNECTED);
    }

    @Test
    void sendsBufferedPingsInSeqOrderedBatchesNoLargerThanMaxBatchSize() {
        StandInServer server = server(StandInServer.tcp(TOKEN));
        WaymarkDevice device = device(server, b -> b.maxBatchSize(7));
        recordFixes(device, 50);

        device.start().block(WAIT);

        await().atMost(WAIT).until(() -> server.stored.size() == 50);
        assertThat(server.batches).allMatch(batch -> batch.pings().size() <= 7);
        List<Long> sent = server.batches.stream()
                .flatMap(batch -> batch.pings().stream())
                .map(Ping::seq)
                .toList();
        assertThat(sent)
                .isSorted()
                .containsExactlyElementsOf(LongStream.rangeClosed(1, 50).boxed().toList());
        assertThat(server.batches.get(0).pings().get(0).ts()).isEqualTo(NOW.toEpochMilli());
        await().atMost(WAIT).until(() -> device.stats().pendingPings() == 0);
        assertThat(device.stats().ackedPings()).isEqualTo(50);
    }

    @Test
    void removesPingsFromTheBufferOnlyWhenTheirAckArrives() {
        StandInServer server = server(StandInServer.tcp(TOKEN));
        Sinks.Empty<Void> gate = Sinks.empty();
        server.ackGate = gate.asMono();
        WaymarkDevice device = device(server, b -> b.maxBatchSize(10));
        List<Ack> acks = new ArrayList<>();
        device.acks().subscribe(acks::add);
        // Recorded before connecting, so they leave as three batches, all in flight while acks are held.
        recordFixes(device, 25);
        device.start().block(WAIT);
        await().atMost(WAIT).until(() -> server.stored.size() == 25);

        assertThat(device.stats().pendingPings()).isEqualTo(25);
        assertThat(device.stats().sentPings()).isEqualTo(25);
        assertThat(acks).isEmpty();

        gate.tryEmitEmpty();
        await().atMost(WAIT).until(() -> device.stats().pendingPings() == 0);
        assertThat(acks)
                .extracting(Ack::upToSeq)
                .isSortedAccordingTo(Long::compare)
                .last()
                .isEqualTo(25L);
        assertThat(acks).extracting(Ack::accepted).allMatch(accepted -> accepted <= 10);
        assertThat(acks.stream().mapToInt(Ack::accepted).sum()).isEqualTo(25);
    }

    @Test
    void resendsUnackedPingsAfterTheServerRestartsAndLosesNothing() {
        StandInServer server = server(StandInServer.tcp(TOKEN));
        Sinks.Empty<Void> gate = Sinks.empty();
        server.ackGate = gate.asMono();
        WaymarkDevice device = device(server, b -> b.maxBatchSize(20));
        // Recorded before connecting, so they leave as three full batches, all in flight while acks are held.
        recordFixes(device, 60);
        device.start().block(WAIT);
        await().atMost(WAIT).until(() -> server.stored.size() == 60);
        assertThat(device.stats().pendingPings()).isEqualTo(60);

        server.stop();
        server.stored.clear();
        server.ackGate = Mono.empty();
        await().atMost(WAIT).until(() -> device.state() != ConnectionState.CONNECTED);
        recordFixes(device, 40);
        server.start();

        await().atMost(WAIT).until(() -> device.stats().pendingPings() == 0);
        assertThat(server.stored)
                .containsExactlyElementsOf(
                        LongStream.rangeClosed(1, 100).boxed().toList());
        assertThat(server.routes.stream().filter(Routes.HELLO::equals)).hasSize(2);
        assertThat(device.stats().connections()).isEqualTo(2);
    }

    @Test
    void resendsEveryPingAfterAnInterruptedStreamWithManyRestarts() {
        StandInServer server = server(StandInServer.tcp(TOKEN));
        WaymarkDevice device = device(server, b -> b.maxBatchSize(5));
        device.start().block(WAIT);
        Flux<Ping> recording = Flux.range(0, 300)
                .concatMap(i -> device.record(40.7, -74.0, 5.0).delaySubscription(Duration.ofMillis(2)));
        reactor.core.Disposable recorder = recording.subscribe();
        for (int restart = 0; restart < 3; restart++) {
            await().atMost(WAIT).until(() -> device.state() == ConnectionState.CONNECTED);
            await().pollDelay(Duration.ofMillis(100)).atMost(WAIT).until(() -> true);
            server.stop();
            server.start();
        }
        await().atMost(WAIT).until(recorder::isDisposed);

        await().atMost(WAIT).until(() -> device.stats().pendingPings() == 0);
        assertThat(server.stored)
                .containsExactlyElementsOf(
                        LongStream.rangeClosed(1, 300).boxed().toList());
    }

    @Test
    void resendsABatchAnsweredWithARetryableErrorAndDropsAHopelessOne() {
        StandInServer server = server(StandInServer.tcp(TOKEN));
        server.nextBatchErrors.add(RequestError.UNAVAILABLE);
        WaymarkDevice device = device(server, b -> b.maxBatchSize(10));
        recordFixes(device, 10);
        device.start().block(WAIT);

        await().atMost(WAIT).until(() -> server.stored.size() == 10);
        await().atMost(WAIT).until(() -> device.stats().pendingPings() == 0);

        server.nextBatchErrors.add(RequestError.MALFORMED);
        recordFixes(device, 10);
        await().atMost(WAIT).until(() -> device.stats().pendingPings() == 0);
        // The fixes may leave in one batch or several: the first one sent is refused for good and dropped,
        // every later one is stored, and no fix is both or neither.
        long discarded = device.stats().discardedPings();
        assertThat(discarded).isBetween(1L, 10L);
        assertThat(server.stored).hasSize(20 - (int) discarded);
        assertThat(server.stored)
                .containsAll(
                        java.util.stream.LongStream.rangeClosed(1, 10).boxed().toList());
        assertThat(server.stored).noneMatch(seq -> seq > 10 && seq <= 10 + discarded);
    }

    @Test
    void sendsNoPingsOffShiftUnderShiftOnlyUntilClockIn() {
        StandInServer server = server(StandInServer.tcp(TOKEN));
        server.tracking = "SHIFT_ONLY";
        server.onShift = false;
        WaymarkDevice device = device(server);
        device.start().block(WAIT);

        StepVerifier.create(device.record(40.7, -74.0, 5.0)).expectComplete().verify(WAIT);
        assertThat(device.stats().skippedOffShiftPings()).isEqualTo(1);
        assertThat(device.stats().pendingPings()).isZero();

        device.record(Activity.of("clock-in-1", "CLOCK_IN", NOW.toEpochMilli())).block(WAIT);
        StepVerifier.create(device.record(40.7, -74.0, 5.0))
                .assertNext(ping -> assertThat(ping.seq()).isEqualTo(1))
                .expectComplete()
                .verify(WAIT);
        await().atMost(WAIT).until(() -> server.stored.size() == 1);

        device.record(Activity.of("clock-out-1", "CLOCK_OUT", NOW.toEpochMilli()))
                .block(WAIT);
        StepVerifier.create(device.record(40.7, -74.0, 5.0)).expectComplete().verify(WAIT);
        await().atMost(WAIT).until(() -> server.activities.size() == 2);
        assertThat(server.stored).containsExactly(1L);
        assertThat(device.stats().skippedOffShiftPings()).isEqualTo(2);
    }

    @Test
    void aHelloThatDoesNotYetKnowAPendingClockInLeavesTheRepOnShift() {
        StandInServer server = server(StandInServer.tcp(TOKEN));
        server.tracking = "SHIFT_ONLY";
        server.onShift = false;
        Sinks.Empty<Void> answerActivities = Sinks.empty();
        server.activityGate = answerActivities.asMono();
        WaymarkDevice device = device(server);
        device.record(Activity.of("clock-in-early", "CLOCK_IN", NOW.toEpochMilli()))
                .block(WAIT);
        device.start().block(WAIT);

        StepVerifier.create(device.record(40.7, -74.0, 5.0))
                .as("the phone clocked in; the server's hello only has not heard of it yet")
                .assertNext(ping -> assertThat(ping.seq()).isEqualTo(1))
                .expectComplete()
                .verify(WAIT);
        assertThat(server.stored).as("pings wait for the clock event's answer").isEmpty();
        answerActivities.tryEmitEmpty();
        await().atMost(WAIT).until(() -> server.stored.size() == 1);
    }

    @Test
    void keepsItsBufferUsableWhenRecordingsAreCancelledMidWrite() {
        StandInServer server = server(StandInServer.tcp(TOKEN));
        WaymarkDevice device = device(server);
        for (int i = 0; i < 2000; i++) {
            device.record(40.7, -74.0, 5.0).subscribe().dispose();
        }
        StepVerifier.create(device.record(40.7, -74.0, 5.0))
                .as("a cancelled write must not close the buffer file")
                .expectNextCount(1)
                .expectComplete()
                .verify(WAIT);
    }

    @Test
    void continuesTheSeqCounterAboveTheServersLastSeqAndAcrossRestarts() {
        StandInServer server = server(StandInServer.tcp(TOKEN));
        server.helloLastSeq = 5000;
        WaymarkDevice device = device(server);
        device.start().block(WAIT);
        recordFixes(device, 2);
        await().atMost(WAIT).until(() -> device.stats().pendingPings() == 0);
        assertThat(server.stored).containsExactly(5001L, 5002L);
        device.close();
        open.remove(device);

        server.helloLastSeq = 10;
        WaymarkDevice reopened = device(server);
        StepVerifier.create(reopened.record(40.7, -74.0, 5.0))
                .assertNext(ping -> assertThat(ping.seq()).isEqualTo(5003))
                .expectComplete()
                .verify(WAIT);
    }

    @Test
    void keepsUnsentPingsOnDiskAcrossClose() {
        StandInServer server = server(StandInServer.tcp(TOKEN));
        WaymarkDevice offline = device(server);
        recordFixes(offline, 5);
        offline.close();
        open.remove(offline);
        assertThat(server.stored).isEmpty();

        WaymarkDevice device = device(server);
        assertThat(device.stats().pendingPings()).isEqualTo(5);
        device.start().block(WAIT);
        await().atMost(WAIT).until(() -> server.stored.size() == 5);
    }

    @Test
    void sendsActivitiesAndRemovesThemOnceStoredDuplicateOrRejected() {
        StandInServer server = server(StandInServer.tcp(TOKEN));
        server.activities.put("seen", ActivityResult.stored("seen"));
        WaymarkDevice device = device(server);
        List<ActivityResult> results = new ArrayList<>();
        device.activityResults().subscribe(results::add);
        device.record(Activity.doorKnock("k1", NOW.toEpochMilli(), 40.7, -74.0, "CALLBACK", "12 Elm St"))
                .block(WAIT);
        device.record(Activity.of("seen", "NOTE", NOW.toEpochMilli())).block(WAIT);
        device.record(Activity.of("bad", "BOGUS", NOW.toEpochMilli())).block(WAIT);
        assertThat(device.stats().pendingActivities()).isEqualTo(3);

        device.start().block(WAIT);

        await().atMost(WAIT).until(() -> device.stats().pendingActivities() == 0);
        assertThat(results)
                .containsExactly(
                        ActivityResult.stored("k1"),
                        ActivityResult.duplicate("seen"),
                        ActivityResult.rejected("bad", "TYPE_UNKNOWN"));
    }

    @Test
    void answersAWelfareCheckWithTheRegisteredHandler() {
        StandInServer server = server(StandInServer.tcp(TOKEN));
        WaymarkDevice device = device(server);
        device.onWelfareCheck(check -> Mono.just(new WelfareAnswer(true, "fine, re " + check.alertId())));
        device.start().block(WAIT);

        StepVerifier.create(server.check(new WelfareCheck("alert-7", "Are you OK?")))
                .expectNext(new WelfareAnswer(true, "fine, re alert-7"))
                .expectComplete()
                .verify(WAIT);
    }

    @Test
    void answersAWelfareCheckNotOkWhenNoHandlerIsRegistered() {
        StandInServer server = server(StandInServer.tcp(TOKEN));
        WaymarkDevice device = device(server);
        device.start().block(WAIT);

        StepVerifier.create(server.check(new WelfareCheck("alert-8", "Are you OK?")))
                .expectNext(new WelfareAnswer(false, "no handler"))
                .expectComplete()
                .verify(WAIT);
    }

    @Test
    void surfacesARejectedSetupAsAnErrorAndStopsRetrying() {
        StandInServer server = server(StandInServer.tcp("another-token"));
        WaymarkDevice device = device(server);

        StepVerifier.create(device.start())
                .expectErrorSatisfies(error -> assertThat(error)
                        .isInstanceOf(DeviceRejectedException.class)
                        .hasMessageContaining("unknown token"))
                .verify(WAIT);

        assertThat(device.state()).isEqualTo(ConnectionState.REJECTED);
        await().pollDelay(Duration.ofMillis(500)).atMost(WAIT).until(() -> true);
        assertThat(server.setups).hasSize(1);
        StepVerifier.create(device.hello())
                .expectError(IllegalStateException.class)
                .verify(WAIT);
    }

    @Test
    void sendsLowLevelRequestsIncludingRawMalformedData() {
        StandInServer server = server(StandInServer.tcp(TOKEN));
        WaymarkDevice device = device(server);
        device.start().block(WAIT);

        StepVerifier.create(device.hello())
                .assertNext(hello -> assertThat(hello).extracting(Hello::repId).isEqualTo("rep-1"))
                .expectComplete()
                .verify(WAIT);
        StepVerifier.create(device.sendBatch(new PingBatch(List.of(Ping.of(900, NOW.toEpochMilli(), 1, 2)))))
                .assertNext(ack -> assertThat(ack.upToSeq()).isEqualTo(900))
                .expectComplete()
                .verify(WAIT);
        StepVerifier.create(device.channel(Flux.just(
                        new PingBatch(List.of(Ping.of(901, NOW.toEpochMilli(), 1, 2))),
                        new PingBatch(List.of(Ping.of(902, NOW.toEpochMilli(), 1, 2))))))
                .assertNext(ack -> assertThat(ack.upToSeq()).isEqualTo(901))
                .assertNext(ack -> assertThat(ack.upToSeq()).isEqualTo(902))
                .expectComplete()
                .verify(WAIT);
        StepVerifier.create(device.requestRaw(Routes.PINGS_BATCH, "{not json"))
                .assertNext(answer -> assertThat(answer).contains("MALFORMED"))
                .expectComplete()
                .verify(WAIT);
        StepVerifier.create(device.requestRaw("no.such.route", new byte[] {1, 2, 3}))
                .expectErrorSatisfies(error -> assertThat(error)
                        .isInstanceOf(ApplicationErrorException.class)
                        .hasMessageContaining("ROUTE_UNKNOWN"))
                .verify(WAIT);
        assertThat(server.rawData).contains("{not json");
    }

    @Test
    void reportsConnectionStateChanges() {
        StandInServer server = server(StandInServer.tcp(TOKEN));
        WaymarkDevice device = device(server);
        List<ConnectionState> states = new ArrayList<>();
        device.states().subscribe(states::add);

        device.start().block(WAIT);
        server.stop();
        await().atMost(WAIT).until(() -> states.contains(ConnectionState.DISCONNECTED));
        server.start();
        await().atMost(WAIT).until(() -> device.stats().connections() == 2);
        device.close();

        assertThat(states)
                .startsWith(ConnectionState.STOPPED, ConnectionState.CONNECTING, ConnectionState.CONNECTED)
                .contains(ConnectionState.DISCONNECTED)
                .endsWith(ConnectionState.CLOSED);
    }

    @Test
    void refusesASecondDeviceOnTheSameBufferDirectory() {
        StandInServer server = server(StandInServer.tcp(TOKEN));
        device(server);

        assertThatThrownBy(() -> device(server))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("in use");
    }

    @Test
    void resumesTheSessionWhenTheServerAllowsIt() {
        StandInServer server = server(StandInServer.tcpWithResume(TOKEN));
        WaymarkDevice device = device(server, b -> b.resume(true));
        device.start().block(WAIT);
        recordFixes(device, 10);
        await().atMost(WAIT).until(() -> device.stats().pendingPings() == 0);
        assertThat(server.stored).hasSize(10);
    }
}
