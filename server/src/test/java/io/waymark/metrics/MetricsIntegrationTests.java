package io.waymark.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.waymark.identity.RepId;
import io.waymark.identity.Role;
import io.waymark.identity.TeamId;
import io.waymark.identity.Tracking;
import io.waymark.support.FieldDevice;
import io.waymark.support.IntegrationTest;
import io.waymark.support.WaymarkApi;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.MediaType;
import org.springframework.test.context.TestPropertySource;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The metrics REST answers after real devices send activities and pings, duplicates and replays included. */
@IntegrationTest
@TestPropertySource(properties = "waymark.metrics.time-refresh=1s")
class MetricsIntegrationTests {

    static final JsonMapper JSON = JsonMapper.builder().build();
    static final Duration TIMEOUT = Duration.ofSeconds(20);

    @LocalServerPort
    int port;

    static String knock(String id, long ts, String outcome, String amount) {
        return "{\"id\":\"" + id + "\",\"type\":\"DOOR_KNOCK\",\"ts\":" + ts + ",\"lat\":40.7,\"lon\":-74.0,"
                + "\"address\":\"" + id + " Main St\",\"outcome\":\"" + outcome + "\""
                + (amount == null ? "" : ",\"amount\":" + amount) + "}";
    }

    static JsonNode get(WaymarkApi api, String token, String path) {
        byte[] body = api.client()
                .get()
                .uri(path)
                .headers(headers -> headers.setBearerAuth(token))
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody()
                .returnResult()
                .getResponseBody();
        return JSON.readTree(new String(body, StandardCharsets.UTF_8));
    }

    static JsonNode await(WaymarkApi api, String token, String path, Predicate<JsonNode> until) {
        return Flux.interval(Duration.ZERO, Duration.ofMillis(200))
                .onBackpressureDrop()
                .concatMap(
                        tick -> Mono.fromCallable(() -> get(api, token, path)).subscribeOn(Schedulers.boundedElastic()),
                        1)
                .filter(until)
                .blockFirst(TIMEOUT);
    }

    static JsonNode rowOf(JsonNode rows, String name) {
        for (JsonNode row : rows) {
            if (row.get("repName").asString().equals(name)) {
                return row;
            }
        }
        throw new AssertionError("no row of " + name + " in " + rows);
    }

    /** Sends the same day to two reps, each part twice (the second time only duplicates). */
    static void sendDay(int port, WaymarkApi api, RepId walker, RepId stander) {
        long t0 = System.currentTimeMillis() - 10 * 60_000L;
        String run = UUID.randomUUID().toString();
        try (FieldDevice a = FieldDevice.connect(port, api.createDevice(walker));
                FieldDevice b = FieldDevice.connect(port, api.createDevice(stander))) {
            String[] walkerActivities = {
                knock(run + "-a1", t0, "NO_ANSWER", null),
                knock(run + "-a2", t0 + 1_000, "SALE", "100"),
                knock(run + "-a3", t0 + 2_000, "LEAD", null),
                "{\"id\":\"" + run + "-a4\",\"type\":\"CALL\",\"ts\":" + (t0 + 3_000) + "}"
            };
            String[] standerActivities = {
                knock(run + "-b1", t0, "NO_ANSWER", null),
                knock(run + "-b2", t0 + 1_000, "NOT_INTERESTED", null),
                knock(run + "-b3", t0 + 2_000, "SALE", "50.5")
            };
            List<String> walk = new ArrayList<>();
            List<String> stand = new ArrayList<>();
            for (int i = 0; i < 5; i++) {
                // 0.001° of latitude a minute: about 111 m each
                walk.add(FieldDevice.ping(i + 1, t0 + i * 60_000L, 40.700 + i * 0.001, -74.0));
                // jitter of a few metres around one spot
                stand.add(FieldDevice.ping(
                        i + 1, t0 + i * 60_000L, 40.700 + (i % 2) * 0.00004, -74.0 + (i % 3) * 0.00004));
            }
            a.sendActivities(walkerActivities);
            b.sendActivities(standerActivities);
            a.sendPings(walk);
            b.sendPings(stand);
            // the replay: the same activities and pings again, and a part of them once more
            a.resendActivities(walkerActivities);
            b.resendActivities(standerActivities);
            a.resendPings(walk);
            b.resendPings(stand.subList(1, 3));
        }
    }

    @Test
    void reportsEachRepsDayRanksTiesAndStaysEqualToARebuildAfterDuplicates() {
        WaymarkApi api = new WaymarkApi(port);
        TeamId team = api.createTeam(WaymarkApi.unique("metrics"), Tracking.ALWAYS);
        api.client()
                .patch()
                .uri("/api/teams/{id}", team)
                .headers(headers -> headers.setBearerAuth(api.adminToken()))
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("timeZone", "America/New_York"))
                .exchange()
                .expectStatus()
                .isOk();
        RepId walker = api.createRep(team, "Walker");
        RepId stander = api.createRep(team, "Stander");
        String manager = api.createUser(WaymarkApi.unique("metrics-mgr"), Role.MANAGER, team);
        String outsider = api.createUser(
                WaymarkApi.unique("metrics-out"), Role.MANAGER, api.createTeam(WaymarkApi.unique("metrics-other")));
        sendDay(port, api, walker, stander);

        String range = "&from="
                + java.time.LocalDate.now(java.time.ZoneId.of("America/New_York"))
                        .minusDays(1) + "&to=" + java.time.LocalDate.now(java.time.ZoneId.of("America/New_York"));
        String reps = "/api/metrics/reps?teamId=" + team + range;
        JsonNode rows = await(
                api,
                manager,
                reps,
                found -> found.size() == 2
                        && rowOf(found, "Walker").get("doors").asInt() == 3
                        && rowOf(found, "Walker").get("distanceKm").asDouble() > 0.4
                        && rowOf(found, "Stander").get("sales").asInt() == 1);
        JsonNode walked = rowOf(rows, "Walker");
        assertThat(walked.get("contacts").asInt()).isEqualTo(2);
        assertThat(walked.get("leads").asInt()).isEqualTo(1);
        assertThat(walked.get("sales").asInt()).isEqualTo(1);
        assertThat(walked.get("revenue").decimalValue()).isEqualByComparingTo("100");
        assertThat(walked.get("calls").asInt()).isEqualTo(1);
        assertThat(walked.get("contactRate").asDouble()).isEqualTo(0.6667);
        assertThat(walked.get("closeRate").asDouble()).isEqualTo(0.5);
        assertThat(walked.get("distanceKm").asDouble()).isCloseTo(0.445, within(0.002));
        JsonNode stood = rowOf(rows, "Stander");
        assertThat(stood.get("doors").asInt()).isEqualTo(3);
        assertThat(stood.get("distanceKm").asDouble()).isEqualTo(0.0);
        assertThat(stood.get("averageDealSize").decimalValue()).isEqualByComparingTo("50.5");

        // Equal doors share rank 1, listed by name (also if the month turned since the knocks: 0 and 0 tie too).
        JsonNode board = get(api, manager, "/api/metrics/leaderboard?teamId=" + team + "&period=month&metric=doors");
        assertThat(board.size()).isEqualTo(2);
        assertThat(board.get(0).get("rank").asInt()).isEqualTo(1);
        assertThat(board.get(1).get("rank").asInt()).isEqualTo(1);
        assertThat(board.get(0).get("repName").asString()).isEqualTo("Stander");
        assertThat(board.get(1).get("repName").asString()).isEqualTo("Walker");
        assertThat(board.get(0).get("value").asInt())
                .isEqualTo(board.get(1).get("value").asInt());

        // The aggregates equal a recomputation from the raw events.
        JsonNode rebuilt = JSON.readTree(new String(
                api.client()
                        .post()
                        .uri("/api/metrics/rebuild?teamId=" + team + range)
                        .headers(headers -> headers.setBearerAuth(manager))
                        .exchange()
                        .expectStatus()
                        .isOk()
                        .expectBody()
                        .returnResult()
                        .getResponseBody(),
                StandardCharsets.UTF_8));
        assertThat(rebuilt.get("repDays").asInt()).isGreaterThanOrEqualTo(2);
        JsonNode again = get(api, manager, reps);
        for (String name : List.of("Walker", "Stander")) {
            for (String field : List.of("doors", "contacts", "leads", "sales", "revenue", "calls", "distanceKm")) {
                assertThat(rowOf(again, name).get(field).asDouble())
                        .as(name + " " + field)
                        .isEqualTo(rowOf(rows, name).get(field).asDouble());
            }
        }

        // CSV, bad input and scope.
        String csv = api.client()
                .get()
                .uri(reps)
                .headers(headers -> headers.setBearerAuth(manager))
                .accept(new MediaType("text", "csv"))
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody(String.class)
                .returnResult()
                .getResponseBody();
        assertThat(csv).startsWith("repId,repName,doors,contacts,");
        assertThat(csv.split("\r\n")).hasSize(3);
        api.client()
                .get()
                .uri("/api/metrics/reps?teamId=" + team + "&from=yesterday")
                .headers(headers -> headers.setBearerAuth(manager))
                .exchange()
                .expectStatus()
                .isBadRequest()
                .expectBody()
                .jsonPath("$.errors[0].field")
                .isEqualTo("from");
        api.client()
                .get()
                .uri("/api/metrics/reps?teamId=" + team + "&from=2020-01-01&to=2026-01-01")
                .headers(headers -> headers.setBearerAuth(manager))
                .exchange()
                .expectStatus()
                .isBadRequest();
        api.client()
                .get()
                .uri("/api/metrics/leaderboard?teamId=" + team + "&period=year&metric=doors")
                .headers(headers -> headers.setBearerAuth(manager))
                .exchange()
                .expectStatus()
                .isBadRequest()
                .expectBody()
                .jsonPath("$.errors[0].field")
                .isEqualTo("period");
        api.client()
                .get()
                .uri(reps)
                .headers(headers -> headers.setBearerAuth(outsider))
                .exchange()
                .expectStatus()
                .isNotFound();
    }

    private static final java.time.ZoneId NEW_YORK = java.time.ZoneId.of("America/New_York");

    private static long local(String time) {
        return java.time.LocalDateTime.parse(time).atZone(NEW_YORK).toInstant().toEpochMilli();
    }

    private static String event(String type, long ts) {
        return "{\"id\":\"" + UUID.randomUUID() + "\",\"type\":\"" + type + "\",\"ts\":" + ts + "}";
    }

    @Test
    void splitsAShiftAcrossMidnightAndADaylightSavingDayInTheTeamsZone() {
        WaymarkApi api = new WaymarkApi(port);
        TeamId team = api.createTeam(WaymarkApi.unique("metrics-night"), Tracking.ALWAYS);
        api.client()
                .patch()
                .uri("/api/teams/{id}", team)
                .headers(headers -> headers.setBearerAuth(api.adminToken()))
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("timeZone", "America/New_York"))
                .exchange()
                .expectStatus()
                .isOk();
        RepId rep = api.createRep(team, "Night Owl");
        String manager = api.createUser(WaymarkApi.unique("metrics-night-mgr"), Role.MANAGER, team);
        try (FieldDevice phone = FieldDevice.connect(port, api.createDevice(rep))) {
            phone.sendActivities(
                    event("CLOCK_IN", local("2026-11-20T22:00")),
                    // 23:30 in New York is 04:30 UTC on the 21st: it counts on the 20th
                    knock(UUID.randomUUID().toString(), local("2026-11-20T23:30"), "APPOINTMENT", null),
                    event("BREAK_START", local("2026-11-21T00:30")),
                    event("BREAK_END", local("2026-11-21T00:45")),
                    event("CLOCK_OUT", local("2026-11-21T02:00")),
                    // 1 November 2026 has 25 hours in New York: 00:00 to 05:00 on the clock is six hours
                    event("CLOCK_IN", local("2026-11-01T00:00")),
                    event("CLOCK_OUT", local("2026-11-01T05:00")));
            // Walks from 00:00 to 00:10, stands still (GPS jitter) until 01:30, walks until 01:40, then stands.
            phone.sendPings(List.of(
                    FieldDevice.ping(1, local("2026-11-21T00:00"), 40.7000, -74.0),
                    FieldDevice.ping(2, local("2026-11-21T00:10"), 40.7020, -74.0),
                    FieldDevice.ping(3, local("2026-11-21T00:40"), 40.70205, -74.0),
                    FieldDevice.ping(4, local("2026-11-21T01:10"), 40.70195, -74.0),
                    FieldDevice.ping(5, local("2026-11-21T01:30"), 40.7040, -74.0),
                    FieldDevice.ping(6, local("2026-11-21T01:40"), 40.7060, -74.0),
                    FieldDevice.ping(7, local("2026-11-21T01:55"), 40.70601, -74.0)));
        }
        String base = "/api/metrics/reps?teamId=" + team;
        JsonNode night = await(
                api,
                manager,
                base + "&from=2026-11-21&to=2026-11-21",
                found -> found.get(0).get("shiftMinutes").asInt() == 120);
        // Worked 00:00–00:30 and 00:45–02:00; idle 00:10–00:30, 00:45–01:30 and 01:40–02:00 (as the timesheet).
        assertThat(night.get(0).get("breakMinutes").asInt()).isEqualTo(15);
        assertThat(night.get(0).get("activeMinutes").asInt()).isEqualTo(20);
        assertThat(night.get(0).get("idleMinutes").asInt()).isEqualTo(85);
        assertThat(night.get(0).get("doorsPerHour").asDouble()).isEqualTo(0.0);
        assertThat(night.get(0).get("distanceKm").asDouble()).isCloseTo(0.667, within(0.002));
        assertThat(night.get(0).get("appointments").asInt()).isZero();
        JsonNode evening = await(
                api,
                manager,
                base + "&from=2026-11-20&to=2026-11-20",
                found -> found.get(0).get("shiftMinutes").asInt() == 120);
        assertThat(evening.get(0).get("appointments").asInt()).isEqualTo(1);
        assertThat(evening.get(0).get("doors").asInt()).isEqualTo(1);
        JsonNode both = get(api, manager, base + "&from=2026-11-20&to=2026-11-21");
        assertThat(both.get(0).get("shiftMinutes").asInt()).isEqualTo(240);
        JsonNode dst = await(
                api,
                manager,
                base + "&from=2026-11-01&to=2026-11-01",
                found -> found.get(0).get("shiftMinutes").asInt() > 0);
        assertThat(dst.get(0).get("shiftMinutes").asInt()).isEqualTo(360);
        JsonNode trend = get(api, manager, "/api/metrics/trend?teamId=" + team + "&from=2026-11-20&to=2026-11-21");
        assertThat(trend.size()).isEqualTo(2);
        assertThat(trend.get(0).get("day").asString()).isEqualTo("2026-11-20");
        assertThat(trend.get(0).get("shiftMinutes").asInt()).isEqualTo(120);
        assertThat(trend.get(1).get("idleMinutes").asInt()).isEqualTo(85);
    }

    @Test
    void keepsTargetsAndAnswersTodaysPace() {
        WaymarkApi api = new WaymarkApi(port);
        TeamId team = api.createTeam(WaymarkApi.unique("metrics-pace"), Tracking.ALWAYS);
        RepId rep = api.createRep(team, "Pacer");
        String manager = api.createUser(WaymarkApi.unique("metrics-pace-mgr"), Role.MANAGER, team);
        api.client()
                .put()
                .uri("/api/metrics/targets?teamId=" + team + "&period=day")
                .headers(headers -> headers.setBearerAuth(manager))
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("doors", 60, "contactRate", 0.4))
                .exchange()
                .expectStatus()
                .isOk();
        api.client()
                .put()
                .uri("/api/metrics/targets?repId=" + rep + "&period=day")
                .headers(headers -> headers.setBearerAuth(manager))
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("doors", 80))
                .exchange()
                .expectStatus()
                .isOk();
        api.client()
                .put()
                .uri("/api/metrics/targets?teamId=" + team + "&period=day")
                .headers(headers -> headers.setBearerAuth(manager))
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("doorz", 60))
                .exchange()
                .expectStatus()
                .isBadRequest()
                .expectBody()
                .jsonPath("$.errors[0].field")
                .isEqualTo("doorz");
        String dispatcher = api.createUser(WaymarkApi.unique("metrics-pace-dsp"), Role.DISPATCH, team);
        api.client()
                .put()
                .uri("/api/metrics/targets?teamId=" + team + "&period=day")
                .headers(headers -> headers.setBearerAuth(dispatcher))
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("doors", 1))
                .exchange()
                .expectStatus()
                .isForbidden();
        // Neither the bad request nor the refused one changed what was set.
        JsonNode targets = get(api, manager, "/api/metrics/targets?teamId=" + team);
        assertThat(targets.get("team").get("day").get("contactRate").asDouble()).isEqualTo(0.4);
        assertThat(targets.get("team").get("day").get("doors").asDouble()).isEqualTo(60);
        assertThat(targets.get("reps")
                        .get(rep.toString())
                        .get("day")
                        .get("doors")
                        .asDouble())
                .isEqualTo(80);
        JsonNode pace = get(api, manager, "/api/metrics/pace?teamId=" + team);
        JsonNode repPace = pace.get("reps").get(0).get("pace").get("doors");
        assertThat(repPace.get("target").asDouble()).isEqualTo(80);
        assertThat(repPace.get("progress").asDouble()).isEqualTo(0);
        assertThat(pace.get("pace").get("doors").get("target").asDouble()).isEqualTo(80);
    }
}
