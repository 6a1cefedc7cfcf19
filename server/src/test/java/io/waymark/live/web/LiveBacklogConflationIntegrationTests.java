package io.waymark.live.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.MeterRegistry;
import io.waymark.identity.RepId;
import io.waymark.identity.Role;
import io.waymark.identity.TeamId;
import io.waymark.identity.Tracking;
import io.waymark.support.LiveClient;
import io.waymark.support.RawDevice;
import io.waymark.support.WaymarkApi;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;

/**
 * A dashboard that stops reading while reps keep moving is not closed: its outbox keeps each rep's latest
 * position, and once it reads again it gets them. Here the outbox is small, the conflation window 0 and the send
 * buffer small, so that every ping is a frame for the outbox and a few reps quickly fill what the sockets hold.
 */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "waymark.live.max-queued-messages=16",
            "waymark.live.conflation-window=0ms",
            "waymark.live.send-buffer=8KB"
        })
@ActiveProfiles("test")
class LiveBacklogConflationIntegrationTests {

    private static final Duration TIMEOUT = Duration.ofSeconds(60);
    private static final int REPS = 3;
    /** Rounds of pings whose positions the outbox must have merged (all but a round's) to show the client stalled. */
    private static final int STALLED_ROUNDS = 50;

    @LocalServerPort
    int port;

    @Autowired
    MeterRegistry meters;

    private static String pings(long seq, long ts, double lat) {
        return "{\"pings\":[{\"seq\":" + seq + ",\"ts\":" + ts + ",\"lat\":" + lat
                + ",\"lon\":-74.0,\"accuracy\":5,\"speed\":1.2,\"heading\":90,\"battery\":0.75}]}";
    }

    private double merged() {
        return meters.counter("waymark.live.merged").count();
    }

    private double closedTooSlow() {
        return meters.counter("waymark.live.closed", "reason", "too-slow").count();
    }

    /**
     * Whether the positions of the last rounds were merged, all but a round's worth (the board takes a stored ping a
     * little after its ack).
     */
    private static boolean stalledFor(List<Double> mergedByRound, int rounds) {
        int last = mergedByRound.size() - 1;
        return last >= rounds
                && mergedByRound.get(last) - mergedByRound.get(last - rounds) >= (double) REPS * (rounds - 1);
    }

    @Test
    void aDashboardThatFallsBehindOnPositionsIsNotClosedAndGetsEachRepsLatestOnceItReadsAgain()
            throws InterruptedException {
        WaymarkApi api = new WaymarkApi(port);
        TeamId team = api.createTeam(WaymarkApi.unique("backlog"), Tracking.ALWAYS);
        List<RepId> reps = new ArrayList<>();
        List<RawDevice> devices = new ArrayList<>();
        String manager = api.createUser(WaymarkApi.unique("backlog-mgr"), Role.MANAGER, team);
        double mergedBefore = merged();
        double closedBefore = closedTooSlow();
        long firstTs = System.currentTimeMillis() - 60_000;

        try (LiveClient slow = LiveClient.connect(port, manager, "", false)) {
            for (int i = 0; i < REPS; i++) {
                RepId rep = api.createRep(team, "Rep " + i);
                reps.add(rep);
                devices.add(RawDevice.connect(
                        RawDevice.websocket(port), api.createDevice(rep).token()));
            }
            assertThat(slow.next(TIMEOUT).get("type").asString()).isEqualTo("snapshot");

            // The reps move until the stalled dashboard's outbox has merged nearly every position for a stretch of
            // rounds: it writes nothing to the client any more, and would have been closed without merging.
            Map<String, Double> latest = new HashMap<>();
            List<Double> mergedByRound = new ArrayList<>();
            long deadline = System.nanoTime() + TIMEOUT.toNanos();
            for (int round = 1; !stalledFor(mergedByRound, STALLED_ROUNDS); round++) {
                assertThat(System.nanoTime())
                        .as("the outbox merged the positions of %d rounds within %s", STALLED_ROUNDS, TIMEOUT)
                        .isLessThan(deadline);
                List<Mono<String>> requests = new ArrayList<>();
                for (int i = 0; i < REPS; i++) {
                    double lat = 40.0 + i + round / 10_000.0;
                    latest.put(reps.get(i).toString(), lat);
                    requests.add(devices.get(i).request("pings.batch", pings(round, firstTs + round, lat)));
                }
                Flux.merge(requests).then().block(TIMEOUT);
                mergedByRound.add(merged() - mergedBefore);
                assertThat(closedTooSlow()).as("dashboards closed as too slow").isEqualTo(closedBefore);
            }

            slow.readEverything();
            // Its positions come in order: once each rep's latest is read, nothing of it follows.
            Map<String, Double> seen = new HashMap<>();
            long readBy = System.nanoTime() + TIMEOUT.toNanos();
            while (!seen.equals(latest)) {
                JsonNode message = slow.received().poll(readBy - System.nanoTime(), TimeUnit.NANOSECONDS);
                if (message == null) {
                    break;
                }
                if ("rep".equals(message.path("type").asString())) {
                    seen.put(
                            message.get("rep").get("repId").asString(),
                            message.get("rep").get("lat").asDouble());
                }
            }
            assertThat(seen)
                    .as("each rep's latest position, read within %s", TIMEOUT)
                    .isEqualTo(latest);
            assertThat(slow.closeCode()).isNotDone();
            assertThat(closedTooSlow()).isEqualTo(closedBefore);
        } finally {
            devices.forEach(RawDevice::close);
        }
    }
}
