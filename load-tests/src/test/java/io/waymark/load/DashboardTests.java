package io.waymark.load;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.handler.codec.http.websocketx.ContinuationWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import java.net.URI;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.netty.DisposableServer;
import reactor.netty.http.server.HttpServer;
import reactor.netty.resources.LoopResources;

class DashboardTests {

    private static String rep(String id, long ts) {
        return "{\"type\":\"rep\",\"rep\":{\"repId\":\"" + id + "\",\"name\":\"n\",\"teamId\":\"t\",\"lat\":1.0,"
                + "\"lon\":2.0,\"ts\":" + ts + ",\"status\":\"ACTIVE\"}}";
    }

    private static String alert(String id, String kind, String state, int level, String repId) {
        return "{\"type\":\"alert\",\"alert\":{\"id\":\"" + id + "\",\"seq\":1,\"kind\":\"" + kind
                + "\",\"severity\":\"CRITICAL\",\"state\":\"" + state + "\",\"level\":" + level
                + ",\"repId\":\"" + repId + "\",\"message\":\"SOS\"}}";
    }

    /** A live WebSocket that sends this snapshot, then, 300 ms later, these frames, and stays open. */
    private static DisposableServer liveServer(String snapshot, Flux<String> frames) {
        return HttpServer.create()
                .host("127.0.0.1")
                .port(0)
                .route(routes -> routes.ws(
                        "/ws/live",
                        (in, out) -> out.sendString(Flux.concat(
                                Mono.just(snapshot),
                                Mono.delay(Duration.ofMillis(300)).then(Mono.empty()),
                                frames,
                                Mono.never()))))
                .bindNow();
    }

    /** Opens the dashboard on the server, reads until {@code done} (10 s at most), closes both: what it saw. */
    private static Dashboard.Result read(Dashboard dashboard, DisposableServer server, Predicate<Dashboard.Result> done)
            throws Exception {
        LoopResources loops = LoopResources.create("test-dashboard", 1, true);
        try {
            dashboard
                    .open(URI.create("ws://127.0.0.1:" + server.port() + "/ws/live?access_token=x"), loops)
                    .get(10, TimeUnit.SECONDS);
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (!done.test(dashboard.result()) && System.nanoTime() < deadline) {
                Thread.sleep(10);
            }
            return dashboard.result();
        } finally {
            dashboard.close();
            server.disposeNow();
            loops.disposeLater().block(Duration.ofSeconds(5));
        }
    }

    @Test
    void measuresTheRaiseOfEachSosOfTheWindowAndCountsTheOtherAlertMessages() throws Exception {
        WallClock clock = new WallClock();
        SosLog sos = new SosLog();
        long sentMicros = clock.micros();
        sos.sent("a", new SosLog.Sent(sentMicros, sentMicros / 1000, true));
        sos.sent("b", new SosLog.Sent(sentMicros, sentMicros / 1000, false)); // in the warm-up
        sos.sent("c", new SosLog.Sent(sentMicros, sentMicros / 1000, true));
        DisposableServer server = liveServer(
                "{\"type\":\"snapshot\",\"reps\":[{\"repId\":\"a\"}],\"alerts\":[],\"alertSeq\":0}",
                Flux.just(
                        alert("1", "SOS", "OPEN", 1, "a"),
                        alert("1", "SOS", "OPEN", 1, "a"), // the welfare check's note
                        alert("1", "SOS", "OPEN", 2, "a"), // an escalation
                        alert("2", "SOS", "OPEN", 1, "b"),
                        alert("3", "SOS", "OPEN", 2, "c"), // the raise was missed
                        alert("4", "SOS", "OPEN", 1, "z"), // not this run's
                        alert("5", "IDLE", "OPEN", 1, "a"),
                        rep("a", System.currentTimeMillis())));

        Dashboard.Result result =
                read(new Dashboard(0, clock, new RepIndex(), sos), server, seen -> seen.frames() >= 9);
        Dashboard.SosSeen seen = result.sos();

        assertThat(result.frames()).isEqualTo(9);
        assertThat(result.repMessages()).isEqualTo(1);
        assertThat(seen.raised()).isEqualTo(3);
        assertThat(seen.inWindow()).isEqualTo(1);
        assertThat(seen.notRaised()).isEqualTo(1);
        assertThat(seen.later()).isEqualTo(2);
        assertThat(seen.escalated()).isEqualTo(2);
        assertThat(seen.otherAlerts()).isEqualTo(2);
        assertThat(seen.latencyMicros().getTotalCount()).isEqualTo(1);
        assertThat(seen.latencyMicros().getMinValue()).isGreaterThan(0);
        assertThat(seen.latencyMicros().getMaxValue()).isLessThan(10_000_000);
    }

    @Test
    void measuresNewRepPositionsOfTheWindowAndCountsTheRest() throws Exception {
        long windowStart = System.currentTimeMillis() - 60_000;
        DisposableServer server = liveServer(
                "{\"type\":\"snapshot\",\"reps\":[{\"repId\":\"a\"},{\"repId\":\"b\"},"
                        + "{\"repId\":\"c\"}],\"alerts\":[],\"alertSeq\":0}",
                Flux.defer(() -> {
                    long sent = System.currentTimeMillis() - 5;
                    return Flux.just(
                            rep("a", sent),
                            rep("a", sent), // the same position again: a repeat
                            rep("b", windowStart - 1), // a ping from before the window
                            "{\"type\":\"activity\",\"activity\":{\"type\":\"NOTE\"}}",
                            rep("c", sent));
                }));
        Dashboard dashboard = new Dashboard(3, new WallClock(), new RepIndex());
        dashboard.window(windowStart, windowStart + 120_000);

        Dashboard.Result result = read(dashboard, server, seen -> seen.frames() >= 6);

        assertThat(result.index()).isEqualTo(3);
        assertThat(result.snapshotReps()).isEqualTo(3);
        assertThat(result.frames()).isEqualTo(6);
        assertThat(result.repMessages()).isEqualTo(4);
        assertThat(result.inWindow()).isEqualTo(2);
        assertThat(result.repeats()).isEqualTo(1);
        assertThat(result.latencyMicros().getTotalCount()).isEqualTo(2);
        assertThat(result.latencyMicros().getMinValue()).isGreaterThanOrEqualTo(5_000);
        assertThat(result.latencyMicros().getMaxValue()).isLessThan(5_000_000);
        assertThat(result.closedBecause()).isNull();
    }

    @Test
    void readsAFrameSentInFragmentsAndSeesTheServersCloseStatus() throws Exception {
        long windowStart = System.currentTimeMillis() - 60_000;
        String snapshot = "{\"type\":\"snapshot\",\"reps\":[{\"repId\":\"a\"},{\"repId\":\"b\"}],"
                + "\"alerts\":[],\"alertSeq\":0}";
        int half = snapshot.length() / 2;
        DisposableServer server = HttpServer.create()
                .host("127.0.0.1")
                .port(0)
                .route(routes -> routes.ws("/ws/live", (in, out) -> out.sendObject(Flux.concat(
                                Mono.fromSupplier(() -> new TextWebSocketFrame(false, 0, snapshot.substring(0, half))),
                                Mono.fromSupplier(
                                        () -> new ContinuationWebSocketFrame(true, 0, snapshot.substring(half))),
                                Mono.fromSupplier(
                                        () -> new TextWebSocketFrame(rep("a", System.currentTimeMillis() - 5)))))
                        .then(out.sendClose(1013, "client too slow; reconnect"))))
                .bindNow();
        Dashboard dashboard = new Dashboard(1, new WallClock(), new RepIndex());
        dashboard.window(windowStart, windowStart + 120_000);

        Dashboard.Result result = read(dashboard, server, seen -> seen.closedBecause() != null);

        assertThat(result.snapshotReps()).isEqualTo(2);
        assertThat(result.frames()).isEqualTo(2);
        assertThat(result.repMessages()).isEqualTo(1);
        assertThat(result.closedBecause()).contains("1013");
    }

    @Test
    void measuresTheWarmUpsEndApartFromTheWindow() throws Exception {
        long now = System.currentTimeMillis();
        DisposableServer server = liveServer(
                "{\"type\":\"snapshot\",\"reps\":[],\"alerts\":[],\"alertSeq\":0}",
                Flux.just(
                        rep("a", now - 9_000), // the warm-up, before its end
                        rep("b", now - 4_000), // the warm-up's end
                        rep("c", now - 1_000), // the warm-up's end
                        rep("d", now))); // the window
        Dashboard dashboard = new Dashboard(0, new WallClock(), new RepIndex());
        dashboard.window(now, now + 60_000);

        Dashboard.Result result = read(dashboard, server, seen -> seen.repMessages() >= 4);

        assertThat(result.inWindow()).isEqualTo(1);
        assertThat(result.warmupEndMicros().getTotalCount()).isEqualTo(2);
        assertThat(result.warmupEndMicros().getMinValue()).isGreaterThanOrEqualTo(1_000_000);
    }
}
