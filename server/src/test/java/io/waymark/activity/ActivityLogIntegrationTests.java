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
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.MediaType;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** {@code GET /api/activities} (contract §6) on PostgreSQL, from activities sent through the device protocol. */
@IntegrationTest
class ActivityLogIntegrationTests {

    static final JsonMapper JSON = JsonMapper.builder().build();
    static final String TRICKY_NOTES = "come back after 6pm, ask for \"Jo\"\nside door";

    @LocalServerPort
    int port;

    WaymarkApi api;
    TeamId teamA;
    TeamId teamB;
    RepId ann;
    RepId bob;
    RepId cid;
    FieldDevice annPhone;
    FieldDevice bobPhone;
    FieldDevice cidPhone;
    long t0;
    String window;
    String run = UUID.randomUUID().toString().substring(0, 8);

    @BeforeEach
    void setUp() {
        api = new WaymarkApi(port);
        teamA = api.createTeam(WaymarkApi.unique("acts-a"), Tracking.ALWAYS);
        teamB = api.createTeam(WaymarkApi.unique("acts-b"), Tracking.ALWAYS);
        ann = api.createRep(teamA, "Ann");
        bob = api.createRep(teamA, "Bob");
        cid = api.createRep(teamB, "Cid");
        annPhone = FieldDevice.connect(port, api.createDevice(ann));
        bobPhone = FieldDevice.connect(port, api.createDevice(bob));
        cidPhone = FieldDevice.connect(port, api.createDevice(cid));
        t0 = Instant.now().minus(Duration.ofHours(2)).toEpochMilli();
        window = "from=" + t0 + "&to=" + (t0 + 600_000);
        annPhone.sendActivities(
                "{\"id\":\"ann-knock-" + run + "\",\"type\":\"DOOR_KNOCK\",\"ts\":" + t0
                        + ",\"lat\":40.7129,\"lon\":-74.0061,"
                        + "\"outcome\":\"CALLBACK\",\"address\":\"12 Elm St, Apt 3\",\"contactName\":\"=J. Doe\","
                        + "\"notes\":" + JSON.writeValueAsString(TRICKY_NOTES) + ",\"followUpAt\":" + (t0 + 86_400_000L)
                        + "}",
                "{\"id\":\"ann-call-" + run + "\",\"type\":\"CALL\",\"ts\":" + (t0 + 60_000) + ",\"direction\":\"OUT\","
                        + "\"durationSec\":95}",
                "{\"id\":\"ann-sale-" + run + "\",\"type\":\"DOOR_KNOCK\",\"ts\":" + (t0 + 180_000)
                        + ",\"lat\":40.8,\"lon\":-74.1," + "\"outcome\":\"SALE\",\"amount\":1250.5}");
        bobPhone.sendActivities("{\"id\":\"bob-note-" + run + "\",\"type\":\"NOTE\",\"ts\":" + (t0 + 120_000)
                + ",\"notes\":\"plain\"}");
        cidPhone.sendActivities("{\"id\":\"cid-knock-" + run + "\",\"type\":\"DOOR_KNOCK\",\"ts\":" + (t0 + 30_000)
                + ",\"outcome\":\"NO_ANSWER\"}");
    }

    @AfterEach
    void disconnect() {
        annPhone.close();
        bobPhone.close();
        cidPhone.close();
    }

    @Test
    void answersARepsActivitiesAsStoredWithWhoLoggedThemInTsOrder() {
        JsonNode activities = list("?repId=" + ann + "&" + window, api.adminToken());

        assertThat(ids(activities)).containsExactly("ann-knock", "ann-call", "ann-sale");
        JsonNode knock = activities.get(0);
        assertThat(knock.get("type").asString()).isEqualTo("DOOR_KNOCK");
        assertThat(knock.get("ts").asLong()).isEqualTo(t0);
        assertThat(knock.get("outcome").asString()).isEqualTo("CALLBACK");
        assertThat(knock.get("address").asString()).isEqualTo("12 Elm St, Apt 3");
        assertThat(knock.get("notes").asString()).isEqualTo(TRICKY_NOTES);
        assertThat(knock.get("lat").asDouble()).isEqualTo(40.7129);
        assertThat(knock.get("followUpAt").asLong()).isEqualTo(t0 + 86_400_000L);
        assertThat(knock.get("repId").asString()).isEqualTo(ann.toString());
        assertThat(knock.get("teamId").asString()).isEqualTo(teamA.toString());
        assertThat(knock.get("deviceId").asString()).isEqualTo(annPhone.id().toString());
        assertThat(knock.get("receivedAt").asLong()).isGreaterThan(t0);
        assertThat(activities.get(2).get("amount").decimalValue()).isEqualByComparingTo("1250.5");
    }

    @Test
    void filtersByTeamAndByTypesRepeatedOrCommaSeparated() {
        assertThat(ids(list("?teamId=" + teamA + "&" + window, api.adminToken())))
                .containsExactly("ann-knock", "ann-call", "bob-note", "ann-sale");
        assertThat(ids(list("?teamId=" + teamA + "&type=CALL&type=NOTE&" + window, api.adminToken())))
                .containsExactly("ann-call", "bob-note");
        assertThat(ids(list("?teamId=" + teamA + "&type=DOOR_KNOCK,NOTE&" + window, api.adminToken())))
                .containsExactly("ann-knock", "bob-note", "ann-sale");
    }

    @Test
    void filtersByTimeWithBothEndsIncluded() {
        String from = Instant.ofEpochMilli(t0 + 60_000).toString();
        assertThat(ids(list("?teamId=" + teamA + "&from=" + from + "&to=" + (t0 + 120_000), api.adminToken())))
                .containsExactly("ann-call", "bob-note");
        assertThat(ids(list("?teamId=" + teamA + "&from=" + (t0 + 600_000), api.adminToken())))
                .isEmpty();
    }

    @Test
    void coversTheLastDayWhenNoWindowIsGiven() {
        annPhone.sendActivities("{\"id\":\"" + UUID.randomUUID() + "\",\"type\":\"NOTE\",\"ts\":"
                + Instant.now().minus(Duration.ofHours(25)).toEpochMilli() + "}");

        assertThat(ids(list("?repId=" + ann, api.adminToken()))).containsExactly("ann-knock", "ann-call", "ann-sale");
    }

    @Test
    void boundsTheRowsByLimit() {
        assertThat(ids(list("?teamId=" + teamA + "&limit=2&" + window, api.adminToken())))
                .containsExactly("ann-knock", "ann-call");
    }

    @Test
    void showsAManagerOnlyTheirTeamAndHidesOtherTeamsFiltersAsNotFound() {
        String managerOfA = api.createUser(WaymarkApi.unique("manager-a"), Role.MANAGER, teamA);

        assertThat(ids(list("?" + window, managerOfA)))
                .containsExactly("ann-knock", "ann-call", "bob-note", "ann-sale");
        for (String filter : List.of(
                "?teamId=" + teamB,
                "?repId=" + cid,
                "?teamId=" + UUID.randomUUID(),
                "?repId=" + UUID.randomUUID(),
                "?teamId=nonsense")) {
            api.client()
                    .get()
                    .uri("/api/activities" + filter)
                    .headers(headers -> headers.setBearerAuth(managerOfA))
                    .exchange()
                    .expectStatus()
                    .isNotFound()
                    .expectHeader()
                    .contentType(MediaType.APPLICATION_PROBLEM_JSON);
        }
        String dispatchOfB = api.createUser(WaymarkApi.unique("dispatch-b"), Role.DISPATCH, teamB);
        assertThat(ids(list("?" + window, dispatchOfB))).containsExactly("cid-knock");
    }

    @Test
    void answersCsvThatParsesBackWithQuotedFields() {
        String csv = api.client()
                .get()
                .uri("/api/activities?teamId=" + teamA + "&" + window)
                .accept(new MediaType("text", "csv"))
                .headers(headers -> headers.setBearerAuth(api.adminToken()))
                .exchange()
                .expectStatus()
                .isOk()
                .expectHeader()
                .contentTypeCompatibleWith(new MediaType("text", "csv"))
                .expectBody(String.class)
                .returnResult()
                .getResponseBody();

        List<List<String>> rows = parseCsv(csv);
        assertThat(rows).hasSize(5);
        List<String> header = rows.get(0);
        assertThat(header)
                .startsWith("id", "repId", "teamId", "deviceId", "type", "time", "ts")
                .contains("outcome", "lat", "lon", "address", "contactName", "amount", "notes");
        List<String> knock = rows.get(1);
        assertThat(knock).hasSameSizeAs(header);
        assertThat(cell(header, knock, "id")).isEqualTo("ann-knock-" + run);
        assertThat(cell(header, knock, "repId")).isEqualTo(ann.toString());
        assertThat(cell(header, knock, "teamId")).isEqualTo(teamA.toString());
        assertThat(cell(header, knock, "time"))
                .isEqualTo(Instant.ofEpochMilli(t0).toString());
        assertThat(cell(header, knock, "ts")).isEqualTo(Long.toString(t0));
        assertThat(cell(header, knock, "outcome")).isEqualTo("CALLBACK");
        assertThat(cell(header, knock, "lat")).isEqualTo("40.7129");
        assertThat(cell(header, knock, "address")).isEqualTo("12 Elm St, Apt 3");
        assertThat(cell(header, knock, "notes")).isEqualTo(TRICKY_NOTES);
        assertThat(cell(header, knock, "contactName"))
                .as("a leading = is defused for spreadsheets")
                .isEqualTo("'=J. Doe");
        assertThat(cell(header, rows.get(4), "amount")).isEqualTo("1250.5");
        assertThat(rows.stream().skip(1).map(row -> withoutRun(cell(header, row, "id"))))
                .containsExactly("ann-knock", "ann-call", "bob-note", "ann-sale");
        assertThat(csv).contains("\r\n");
    }

    @Test
    void refusesBadParametersWithAProblemNamingEach() {
        api.client()
                .get()
                .uri("/api/activities?from=yesterday&type=JUMP&limit=0")
                .headers(headers -> headers.setBearerAuth(api.adminToken()))
                .exchange()
                .expectStatus()
                .isBadRequest()
                .expectHeader()
                .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody()
                .jsonPath("$.errors[*].field")
                .value(fields -> assertThat(fields.toString()).contains("from", "type", "limit"));
        api.client()
                .get()
                .uri("/api/activities?from=" + (t0 + 1) + "&to=" + t0)
                .accept(new MediaType("text", "csv"))
                .headers(headers -> headers.setBearerAuth(api.adminToken()))
                .exchange()
                .expectStatus()
                .isBadRequest()
                .expectHeader()
                .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody()
                .jsonPath("$.errors[0].field")
                .isEqualTo("from");
    }

    private JsonNode list(String query, String token) {
        byte[] body = api.client()
                .get()
                .uri("/api/activities" + query)
                .headers(headers -> headers.setBearerAuth(token))
                .exchange()
                .expectStatus()
                .isOk()
                .expectHeader()
                .contentTypeCompatibleWith(MediaType.APPLICATION_JSON)
                .expectBody()
                .returnResult()
                .getResponseBody();
        JsonNode activities = JSON.readTree(new String(body, StandardCharsets.UTF_8));
        assertThat(activities.isArray()).isTrue();
        return activities;
    }

    /** An id made by this test without its run suffix. */
    private String withoutRun(String id) {
        return id.endsWith("-" + run) ? id.substring(0, id.length() - run.length() - 1) : id;
    }

    private List<String> ids(JsonNode activities) {
        List<String> ids = new ArrayList<>();
        activities.forEach(activity -> ids.add(withoutRun(activity.get("id").asString())));
        return ids;
    }

    private static String cell(List<String> header, List<String> row, String column) {
        return row.get(header.indexOf(column));
    }

    /** RFC 4180: fields split by commas, records by CRLF; a quoted field may hold commas, CRLF and doubled quotes. */
    static List<List<String>> parseCsv(String csv) {
        List<List<String>> rows = new ArrayList<>();
        List<String> row = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < csv.length(); i++) {
            char c = csv.charAt(i);
            if (quoted) {
                if (c == '"' && i + 1 < csv.length() && csv.charAt(i + 1) == '"') {
                    field.append('"');
                    i++;
                } else if (c == '"') {
                    quoted = false;
                } else {
                    field.append(c);
                }
            } else if (c == '"') {
                quoted = true;
            } else if (c == ',') {
                row.add(field.toString());
                field.setLength(0);
            } else if (c == '\r' && i + 1 < csv.length() && csv.charAt(i + 1) == '\n') {
                row.add(field.toString());
                field.setLength(0);
                rows.add(row);
                row = new ArrayList<>();
                i++;
            } else {
                field.append(c);
            }
        }
        assertThat(field).as("the CSV ends with CRLF").isEmpty();
        assertThat(row).isEmpty();
        return rows;
    }
}
