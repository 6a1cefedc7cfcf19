package io.waymark.live.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.waymark.identity.RepId;
import io.waymark.identity.Role;
import io.waymark.identity.TeamId;
import io.waymark.identity.Tracking;
import io.waymark.support.DeviceCredentials;
import io.waymark.support.IntegrationTest;
import io.waymark.support.LiveClient;
import io.waymark.support.RawDevice;
import io.waymark.support.WaymarkApi;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.net.http.WebSocketHandshakeException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

/** The live WebSocket against the real server: what a manager's dashboard receives, and what it never does. */
@IntegrationTest
class LiveSocketIntegrationTests {

    private static final Duration TIMEOUT = Duration.ofSeconds(15);

    @LocalServerPort
    int port;

    WaymarkApi api;

    /** A team with one rep and one device, and a manager of the team. */
    record Crew(TeamId team, RepId rep, DeviceCredentials device, String managerToken) {}

    @BeforeEach
    void setUp() {
        api = new WaymarkApi(port);
    }

    private Crew crew(String name) {
        TeamId team = api.createTeam(WaymarkApi.unique(name), Tracking.ALWAYS);
        RepId rep = api.createRep(team, name + " rep");
        DeviceCredentials device = api.createDevice(rep);
        String manager = api.createUser(WaymarkApi.unique(name + "-mgr"), Role.MANAGER, team);
        return new Crew(team, rep, device, manager);
    }

    private static String ping(long seq, double lat) {
        return "{\"seq\":" + seq + ",\"ts\":" + (System.currentTimeMillis() - 1000 + seq) + ",\"lat\":" + lat
                + ",\"lon\":-74.0,\"accuracy\":5,\"speed\":1.2,\"heading\":90,\"battery\":0.75}";
    }

    private static String activity(String type, String extra) {
        return "{\"activities\":[{\"id\":\"" + UUID.randomUUID() + "\",\"type\":\"" + type + "\",\"ts\":"
                + (System.currentTimeMillis() - 500) + extra + "}]}";
    }

    private static boolean isRep(JsonNode message, RepId rep) {
        return "rep".equals(message.path("type").asString())
                && rep.toString().equals(message.path("rep").path("repId").asString());
    }

    private static boolean isActivity(JsonNode message, RepId rep) {
        return "activity".equals(message.path("type").asString())
                && rep.toString().equals(message.path("activity").path("repId").asString());
    }

    @Test
    void sendsASnapshotFirstThenTheRepsMovesAndActivities() {
        Crew crew = crew("snap");
        try (LiveClient live = LiveClient.connect(port, crew.managerToken());
                RawDevice device = RawDevice.connect(
                        RawDevice.websocket(port), crew.device().token())) {
            JsonNode snapshot = live.next(TIMEOUT);
            assertThat(snapshot.get("type").asString()).isEqualTo("snapshot");
            assertThat(snapshot.get("alertSeq").asLong())
                    .as("the latest seq of all alerts, which other tests may have raised")
                    .isNotNegative();
            assertThat(snapshot.get("alerts").isArray()).isTrue();
            assertThat(snapshot.get("alerts")).as("none of this new team's").isEmpty();
            assertThat(snapshot.get("reps")).singleElement().satisfies(rep -> {
                assertThat(rep.get("repId").asString()).isEqualTo(crew.rep().toString());
                assertThat(rep.get("teamId").asString()).isEqualTo(crew.team().toString());
                assertThat(rep.get("lat").isNull()).as("never pinged").isTrue();
                assertThat(rep.get("status").asString()).isEqualTo("OFF_SHIFT");
                assertThat(rep.get("today").get("doors").asInt()).isZero();
            });

            device.request("activities", activity("CLOCK_IN", "")).block(TIMEOUT);
            JsonNode clockIn = live.await(message -> isActivity(message, crew.rep()), TIMEOUT);
            assertThat(clockIn.get("activity").get("type").asString()).isEqualTo("CLOCK_IN");
            assertThat(clockIn.get("activity").get("teamId").asString())
                    .isEqualTo(crew.team().toString());

            device.request("pings.batch", "{\"pings\":[" + ping(1, 40.71) + "]}")
                    .block(TIMEOUT);
            JsonNode moved = live.await(
                    message -> isRep(message, crew.rep())
                            && !message.get("rep").get("lat").isNull(),
                    TIMEOUT);
            assertThat(moved.get("rep").get("lat").asDouble()).isEqualTo(40.71);
            assertThat(moved.get("rep").get("battery").asDouble()).isEqualTo(0.75);
            assertThat(moved.get("rep").get("status").asString()).isEqualTo("ACTIVE");

            device.request(
                            "activities",
                            activity(
                                    "DOOR_KNOCK", ",\"outcome\":\"SALE\",\"amount\":120.5,\"lat\":40.71,\"lon\":-74.0"))
                    .block(TIMEOUT);
            JsonNode counted = live.await(
                    message -> isRep(message, crew.rep())
                            && message.get("rep").get("today").get("sales").asInt() == 1,
                    TIMEOUT);
            assertThat(counted.get("rep").get("today").get("doors").asInt()).isEqualTo(1);
            assertThat(counted.get("rep").get("today").get("revenue").asDouble())
                    .isEqualTo(120.5);

            device.request("activities", activity("CALL", ",\"direction\":\"OUT\",\"durationSec\":95"))
                    .block(TIMEOUT);
            JsonNode called = live.await(
                    message -> isRep(message, crew.rep())
                            && message.get("rep").get("today").get("calls").asInt() == 1,
                    TIMEOUT);
            assertThat(called.get("rep").get("today").get("doors").asInt()).isEqualTo(1);
            assertThat(called.get("rep").get("today").get("visits").asInt()).isZero();
        }
    }

    @Test
    void neverTellsAManagerAnythingAboutAnotherTeam() {
        Crew mine = crew("mine");
        Crew theirs = crew("theirs");
        try (LiveClient live = LiveClient.connect(port, mine.managerToken());
                RawDevice theirDevice = RawDevice.connect(
                        RawDevice.websocket(port), theirs.device().token());
                RawDevice myDevice = RawDevice.connect(
                        RawDevice.websocket(port), mine.device().token())) {
            JsonNode snapshot = live.next(TIMEOUT);
            List<String> teams = new ArrayList<>();
            snapshot.get("reps").forEach(rep -> teams.add(rep.get("teamId").asString()));
            assertThat(teams).containsOnly(mine.team().toString());

            theirDevice.request("activities", activity("CLOCK_IN", "")).block(TIMEOUT);
            theirDevice
                    .request("pings.batch", "{\"pings\":[" + ping(1, 41.0) + "]}")
                    .block(TIMEOUT);
            myDevice.request("activities", activity("NOTE", "")).block(TIMEOUT);
            live.await(message -> isActivity(message, mine.rep()), TIMEOUT);
            assertThat(live.received()).noneMatch(message -> message.toString()
                    .contains(theirs.team().toString()));
        }
    }

    @Test
    void refusesAMissingOrBadTokenAtTheHandshakeWith401() {
        for (String query : List.of("", "?access_token=nonsense")) {
            assertThatThrownBy(() -> HttpClient.newHttpClient()
                            .newWebSocketBuilder()
                            .buildAsync(
                                    URI.create("ws://127.0.0.1:" + port + "/ws/live" + query),
                                    new WebSocket.Listener() {})
                            .join())
                    .isInstanceOf(CompletionException.class)
                    .cause()
                    .isInstanceOfSatisfying(WebSocketHandshakeException.class, refused -> assertThat(
                                    refused.getResponse().statusCode())
                            .isEqualTo(401));
        }
    }

    @Test
    void conflatesARepsPositionUpdatesAndTheLatestWins() {
        Crew crew = crew("conflate");
        try (LiveClient live = LiveClient.connect(port, crew.managerToken());
                RawDevice device = RawDevice.connect(
                        RawDevice.websocket(port), crew.device().token())) {
            live.next(TIMEOUT);
            int pings = 30;
            long started = System.nanoTime();
            for (int seq = 1; seq <= pings; seq++) {
                device.request("pings.batch", "{\"pings\":[" + ping(seq, 40.0 + seq / 1000.0) + "]}")
                        .block(TIMEOUT);
            }
            Duration sending = Duration.ofNanos(System.nanoTime() - started);
            double last = 40.0 + pings / 1000.0;
            live.await(
                    message -> isRep(message, crew.rep())
                            && message.get("rep").get("lat").asDouble() == last,
                    TIMEOUT);
            long repMessages = 1
                    + live.received().stream()
                            .filter(message -> isRep(message, crew.rep()))
                            .count();
            List<JsonNode> drained = new ArrayList<>();
            live.received().drainTo(drained);
            long windows = sending.toMillis() / 250 + 2;
            assertThat(repMessages)
                    .as(
                            "%d pings in %d ms: at most one update per 250 ms window, plus the first",
                            pings, sending.toMillis())
                    .isLessThanOrEqualTo(windows + 1)
                    .isLessThan(pings);
        }
    }

    @Test
    void aSubscriptionNarrowsTheStreamAndSendsAFreshSnapshot() {
        Crew one = crew("one");
        Crew two = crew("two");
        String dispatch = api.createUser(WaymarkApi.unique("dispatch"), Role.DISPATCH, one.team(), two.team());
        try (LiveClient live = LiveClient.connect(port, dispatch);
                RawDevice twoDevice = RawDevice.connect(
                        RawDevice.websocket(port), two.device().token());
                RawDevice oneDevice = RawDevice.connect(
                        RawDevice.websocket(port), one.device().token())) {
            JsonNode snapshot = live.next(TIMEOUT);
            assertThat(snapshot.get("reps")).hasSize(2);
            live.send("{\"type\":\"subscribe\",\"teamIds\":[\"" + one.team() + "\"]}");
            JsonNode narrowed =
                    live.await(message -> "snapshot".equals(message.path("type").asString()), TIMEOUT);
            assertThat(narrowed.get("reps")).singleElement().satisfies(rep -> assertThat(
                            rep.get("repId").asString())
                    .isEqualTo(one.rep().toString()));
            twoDevice.request("activities", activity("NOTE", "")).block(TIMEOUT);
            oneDevice.request("activities", activity("NOTE", "")).block(TIMEOUT);
            live.await(message -> isActivity(message, one.rep()), TIMEOUT);
            assertThat(live.received()).noneMatch(message -> isActivity(message, two.rep()));

            live.send("not json");
            assertThat(live.await(message -> "error".equals(message.path("type").asString()), TIMEOUT)
                            .get("detail")
                            .asString())
                    .startsWith("not JSON");
        }
    }

    @Test
    void aDashboardThatReconnectsGetsTheStateItMissed() {
        Crew crew = crew("reconnect");
        try (RawDevice device =
                RawDevice.connect(RawDevice.websocket(port), crew.device().token())) {
            try (LiveClient live = LiveClient.connect(port, crew.managerToken())) {
                live.next(TIMEOUT);
                device.request("pings.batch", "{\"pings\":[" + ping(1, 40.5) + "]}")
                        .block(TIMEOUT);
                live.await(message -> isRep(message, crew.rep()), TIMEOUT);
            }
            device.request("pings.batch", "{\"pings\":[" + ping(2, 40.6) + "]}").block(TIMEOUT);
            try (LiveClient again = LiveClient.connect(port, crew.managerToken(), "&sinceAlertSeq=0", true)) {
                JsonNode snapshot = again.next(TIMEOUT);
                assertThat(snapshot.get("reps").get(0).get("lat").asDouble()).isEqualTo(40.6);
            }
        }
    }
}
