package io.waymark.activity;

import static org.assertj.core.api.Assertions.assertThat;

import io.waymark.identity.RepId;
import io.waymark.identity.Role;
import io.waymark.identity.TeamId;
import io.waymark.identity.Tracking;
import io.waymark.support.FieldDevice;
import io.waymark.support.IntegrationTest;
import io.waymark.support.WaymarkApi;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Follow-ups kept from activities sent through the device protocol, read with {@code GET /api/follow-ups}. */
@IntegrationTest
class FollowUpIntegrationTests {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Duration TIMEOUT = Duration.ofSeconds(20);

    @LocalServerPort
    int port;

    WaymarkApi api;
    TeamId team;
    TeamId other;
    RepId ann;
    FieldDevice phone;
    String manager;
    String outsider;
    String run = UUID.randomUUID().toString().substring(0, 8);
    long t0 = Instant.now().minus(Duration.ofHours(3)).toEpochMilli();

    @BeforeEach
    void setUp() {
        api = new WaymarkApi(port);
        team = api.createTeam(WaymarkApi.unique("follow"), Tracking.ALWAYS);
        other = api.createTeam(WaymarkApi.unique("follow-other"), Tracking.ALWAYS);
        ann = api.createRep(team, "Ann");
        phone = FieldDevice.connect(port, api.createDevice(ann));
        manager = api.createUser(WaymarkApi.unique("follow-mgr"), Role.MANAGER, team);
        outsider = api.createUser(WaymarkApi.unique("follow-out"), Role.MANAGER, other);
    }

    @AfterEach
    void disconnect() {
        phone.close();
    }

    private String knock(String id, long ts, String outcome, String address, Long followUpAt) {
        return "{\"id\":\"" + id + "-" + run + "\",\"type\":\"DOOR_KNOCK\",\"ts\":" + ts + ",\"outcome\":\"" + outcome
                + "\",\"address\":\"" + address + "\"" + (followUpAt == null ? "" : ",\"followUpAt\":" + followUpAt)
                + "}";
    }

    private JsonNode list(String query, String token) {
        byte[] body = api.client()
                .get()
                .uri("/api/follow-ups" + query)
                .headers(headers -> headers.setBearerAuth(token))
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody()
                .returnResult()
                .getResponseBody();
        return JSON.readTree(new String(body, StandardCharsets.UTF_8));
    }

    /** Lists until the answer passes: follow-ups are kept from the activities a moment after they are stored. */
    private JsonNode await(String query, Predicate<JsonNode> until) {
        return Flux.interval(Duration.ZERO, Duration.ofMillis(100))
                .onBackpressureDrop()
                .concatMap(
                        tick -> Mono.fromCallable(() -> list(query, manager)).subscribeOn(Schedulers.boundedElastic()),
                        1)
                .filter(until)
                .blockFirst(TIMEOUT);
    }

    private static List<String> addresses(JsonNode followUps) {
        List<String> addresses = new ArrayList<>();
        followUps.forEach(followUp -> addresses.add(followUp.get("address").asString()));
        return addresses;
    }

    @Test
    void opensFollowUpsFromCallbacksAndListsTheOverdueApartFromTheDue() {
        phone.sendActivities(
                knock("past", t0, "CALLBACK", "1 Past Rd", t0 + 3_600_000L),
                knock("later", t0, "APPOINTMENT", "2 Later Ave", System.currentTimeMillis() + 86_400_000L),
                knock("none", t0, "NO_ANSWER", "3 Nobody St", null));

        JsonNode open = await("?state=open&teamId=" + team, found -> found.size() == 2);
        assertThat(addresses(open)).containsExactly("1 Past Rd", "2 Later Ave");

        JsonNode overdue = list("?state=overdue&teamId=" + team, manager);
        assertThat(addresses(overdue)).containsExactly("1 Past Rd");
        assertThat(overdue.get(0).get("overdue").asBoolean()).isTrue();
        assertThat(overdue.get(0).get("repId").asString()).isEqualTo(ann.toString());
        assertThat(overdue.get(0).get("dueAt").asLong()).isEqualTo(t0 + 3_600_000L);
        assertThat(addresses(list("?state=due&repId=" + ann, manager))).containsExactly("2 Later Ave");
        assertThat(addresses(list("", manager))).as("due by default").containsExactly("2 Later Ave");
    }

    @Test
    void countsAttemptsAtTheSameAddressAndIsDoneOnASale() {
        phone.sendActivities(knock("open", t0, "CALLBACK", "12 Elm St, Apt 3", null));
        await("?state=open&teamId=" + team, found -> found.size() == 1);

        phone.sendActivities(
                "{\"id\":\"call-" + run + "\",\"type\":\"CALL\",\"ts\":" + (t0 + 60_000)
                        + ",\"address\":\"12 ELM ST APT 3\",\"direction\":\"OUT\"}",
                knock("sale", t0 + 120_000, "SALE", "12 Elm St Apt 3", null));

        JsonNode closed = await("?state=closed&teamId=" + team, found -> found.size() == 1);
        JsonNode done = closed.get(0);
        assertThat(done.get("state").asString()).isEqualTo("DONE");
        assertThat(done.get("closedReason").asString()).isEqualTo("SALE");
        assertThat(done.get("attempts").asInt()).isEqualTo(2);
        assertThat(list("?state=open&teamId=" + team, manager)).isEmpty();
    }

    @Test
    void closesAfterThreeAttemptsWithoutASale() {
        phone.sendActivities(knock("open", t0, "LEAD", "7 Door Ln", null));
        await("?state=open&teamId=" + team, found -> found.size() == 1);
        phone.sendActivities(
                knock("try1", t0 + 60_000, "NO_ANSWER", "7 Door Ln", null),
                knock("try2", t0 + 120_000, "NO_ANSWER", "7 Door Ln", null),
                knock("try3", t0 + 180_000, "NO_ANSWER", "7 Door Ln", null));

        JsonNode closed = await("?state=closed&teamId=" + team, found -> found.size() == 1);
        assertThat(closed.get(0).get("closedReason").asString()).isEqualTo("ATTEMPT_LIMIT");
        assertThat(closed.get(0).get("attempts").asInt()).isEqualTo(3);
    }

    @Test
    void aTeamsOwnPolicySetsItsDefaultDelayAndAttemptLimit() {
        api.client()
                .get()
                .uri("/api/teams/{team}/follow-up-policy", team)
                .headers(headers -> headers.setBearerAuth(manager))
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.followUpDelayMs")
                .isEqualTo(86_400_000)
                .jsonPath("$.attemptLimit")
                .isEqualTo(3)
                .jsonPath("$.own.attemptLimit")
                .doesNotExist();
        put(manager, "{\"followUpDelayMs\":60000,\"attemptLimit\":0}")
                .expectStatus()
                .isBadRequest()
                .expectBody()
                .jsonPath("$.errors.length()")
                .isEqualTo(2);
        put(outsider, "{\"attemptLimit\":1}").expectStatus().isNotFound();
        put(manager, "{\"followUpDelayMs\":3600000,\"attemptLimit\":1}")
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.followUpDelayMs")
                .isEqualTo(3_600_000)
                .jsonPath("$.own.attemptLimit")
                .isEqualTo(1);

        phone.sendActivities(knock("open", t0, "LEAD", "8 Policy Rd", null));
        JsonNode open = await("?state=open&teamId=" + team, found -> found.size() == 1);
        assertThat(open.get(0).get("dueAt").asLong()).isEqualTo(t0 + 3_600_000L);
        phone.sendActivities(knock("try1", t0 + 60_000, "NO_ANSWER", "8 Policy Rd", null));
        JsonNode closed = await("?state=closed&teamId=" + team, found -> found.size() == 1);
        assertThat(closed.get(0).get("closedReason").asString()).isEqualTo("ATTEMPT_LIMIT");
        assertThat(closed.get(0).get("attempts").asInt()).isEqualTo(1);
    }

    private org.springframework.test.web.reactive.server.WebTestClient.ResponseSpec put(String token, String body) {
        return api.client()
                .put()
                .uri("/api/teams/{team}/follow-up-policy", team)
                .headers(headers -> headers.setBearerAuth(token))
                .contentType(org.springframework.http.MediaType.APPLICATION_JSON)
                .bodyValue(body)
                .exchange();
    }

    @Test
    void aFollowUpIsReassignedToAnotherRepOfItsTeamOnly() {
        RepId bob = api.createRep(team, "Bob");
        RepId stranger = api.createRep(other, "Stranger");
        phone.sendActivities(knock("open", t0, "CALLBACK", "4 Move St", null));
        String id = await("?state=open&teamId=" + team, found -> found.size() == 1)
                .get(0)
                .get("id")
                .asString();

        post(outsider, "/api/follow-ups/" + id + "/assign", "{\"repId\":\"" + bob + "\"}")
                .expectStatus()
                .isNotFound();
        post(manager, "/api/follow-ups/" + id + "/assign", "{\"repId\":\"" + stranger + "\"}")
                .expectStatus()
                .isBadRequest()
                .expectBody()
                .jsonPath("$.errors[0].field")
                .isEqualTo("repId");
        post(manager, "/api/follow-ups/" + id + "/assign", "{\"repId\":\"" + bob + "\"}")
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.repId")
                .isEqualTo(bob.toString());

        assertThat(list("?state=open&repId=" + bob, manager)).hasSize(1);
        assertThat(list("?state=open&repId=" + ann, manager)).isEmpty();
    }

    @Test
    void aManagerClosesAFollowUpByHandOnceAndAnotherTeamCannot() {
        phone.sendActivities(knock("open", t0, "CALLBACK", "5 Close St", null));
        String id = await("?state=open&teamId=" + team, found -> found.size() == 1)
                .get(0)
                .get("id")
                .asString();

        post(outsider, "/api/follow-ups/" + id + "/close", "{\"note\":\"not mine\"}")
                .expectStatus()
                .isNotFound();
        post(manager, "/api/follow-ups/" + id + "/close", "{\"note\":\"" + "x".repeat(1001) + "\"}")
                .expectStatus()
                .isBadRequest();
        post(manager, "/api/follow-ups/" + id + "/close", "{\"note\":\"moved away\"}")
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.state")
                .isEqualTo("CLOSED")
                .jsonPath("$.closedReason")
                .isEqualTo("CLOSED")
                .jsonPath("$.closeNote")
                .isEqualTo("moved away");
        post(manager, "/api/follow-ups/" + id + "/close", "{}").expectStatus().isEqualTo(409);

        JsonNode closed = list("?state=closed&teamId=" + team, manager);
        assertThat(closed.get(0).get("closedBy").asString()).startsWith("follow-mgr");
        assertThat(list("?state=open&teamId=" + team, manager)).isEmpty();
    }

    private org.springframework.test.web.reactive.server.WebTestClient.ResponseSpec post(
            String token, String path, String body) {
        return api.client()
                .post()
                .uri(path)
                .headers(headers -> headers.setBearerAuth(token))
                .contentType(org.springframework.http.MediaType.APPLICATION_JSON)
                .bodyValue(body)
                .exchange();
    }

    @Test
    void showsNothingOfAnotherTeamAndRefusesABadState() {
        phone.sendActivities(knock("open", t0, "CALLBACK", "9 Secret St", null));
        await("?state=open&teamId=" + team, found -> found.size() == 1);

        assertThat(list("?state=open", outsider)).isEmpty();
        api.client()
                .get()
                .uri("/api/follow-ups?teamId=" + team)
                .headers(headers -> headers.setBearerAuth(outsider))
                .exchange()
                .expectStatus()
                .isNotFound()
                .expectHeader()
                .contentTypeCompatibleWith("application/problem+json");
        api.client()
                .get()
                .uri("/api/follow-ups?state=someday")
                .headers(headers -> headers.setBearerAuth(manager))
                .exchange()
                .expectStatus()
                .isBadRequest()
                .expectBody()
                .jsonPath("$.errors[0].field")
                .isEqualTo("state");
    }
}
