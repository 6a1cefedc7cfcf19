package io.waymark.territory.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.waymark.bus.EventBus;
import io.waymark.identity.RepId;
import io.waymark.identity.Role;
import io.waymark.identity.TeamId;
import io.waymark.support.IntegrationTest;
import io.waymark.support.WaymarkApi;
import io.waymark.territory.TerritoryChanged;
import io.waymark.territory.TerritoryId;
import io.waymark.territory.TerritoryRemoved;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;
import reactor.test.StepVerifier;

@IntegrationTest
class TerritoryIntegrationTests {

    private static final String SQUARE = "{\"type\":\"Polygon\",\"coordinates\":[[[-74.01,40.70],[-74.00,40.70],"
            + "[-74.00,40.71],[-74.01,40.71],[-74.01,40.70]]]}";

    @LocalServerPort
    int port;

    @Autowired
    EventBus bus;

    WaymarkApi api;
    WebTestClient http;

    @BeforeEach
    void setUp() {
        api = new WaymarkApi(port);
        http = api.client();
    }

    @Test
    void createsReplacesListsAndDeletesATerritory() {
        TeamId team = api.createTeam("Territorial");
        RepId rep = api.createRep(team, "Terry");
        String manager = api.createUser(WaymarkApi.unique("manager"), Role.MANAGER, team);
        String id = "downtown-" + UUID.randomUUID().toString().substring(0, 8);

        StepVerifier.create(bus.events(TerritoryChanged.class)
                        .filter(changed -> changed.id().value().equals(id))
                        .next())
                .then(() -> put(manager, id, feature(SQUARE, "Downtown", team, List.of(rep)))
                        .expectStatus()
                        .isCreated()
                        .expectBody()
                        .jsonPath("$.type")
                        .isEqualTo("Feature")
                        .jsonPath("$.id")
                        .isEqualTo(id)
                        .jsonPath("$.properties.name")
                        .isEqualTo("Downtown")
                        .jsonPath("$.properties.repIds[0]")
                        .isEqualTo(rep.toString())
                        .jsonPath("$.geometry.type")
                        .isEqualTo("Polygon"))
                .assertNext(changed -> {
                    assertThat(changed.teamId()).isEqualTo(team);
                    assertThat(changed.repIds()).isEqualTo(Set.of(rep));
                    assertThat(changed.feature()).contains("\"Downtown\"");
                })
                .expectComplete()
                .verify(Duration.ofSeconds(10));

        put(manager, id, feature(SQUARE, "Downtown 2", team, List.of()))
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.properties.name")
                .isEqualTo("Downtown 2");

        get(manager, "/api/territories?teamId=" + team)
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.type")
                .isEqualTo("FeatureCollection")
                .jsonPath("$.features.length()")
                .isEqualTo(1)
                .jsonPath("$.features[0].id")
                .isEqualTo(id)
                .jsonPath("$.features[0].properties.name")
                .isEqualTo("Downtown 2");
        get(manager, "/api/territories/" + id).expectStatus().isOk();

        StepVerifier.create(bus.events(TerritoryRemoved.class)
                        .filter(removed -> removed.id().value().equals(id))
                        .next())
                .then(() -> http.delete()
                        .uri("/api/territories/{id}", id)
                        .headers(headers -> headers.setBearerAuth(manager))
                        .exchange()
                        .expectStatus()
                        .isNoContent())
                .expectNext(new TerritoryRemoved(new TerritoryId(id), team))
                .expectComplete()
                .verify(Duration.ofSeconds(10));
        get(manager, "/api/territories/" + id).expectStatus().isNotFound();
    }

    @Test
    void refusesInvalidGeoJsonNamingTheProblem() {
        TeamId team = api.createTeam("Invalid shapes");
        String open = "{\"type\":\"Polygon\",\"coordinates\":[[[0,0],[1,0],[1,1],[0,1]]]}";
        put(api.adminToken(), "open-ring", feature(open, "Open", team, List.of()))
                .expectStatus()
                .isBadRequest()
                .expectHeader()
                .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody()
                .jsonPath("$.errors[0].field")
                .isEqualTo("geometry.coordinates[0]")
                .jsonPath("$.errors[0].message")
                .isNotEmpty();
        String line = "{\"type\":\"LineString\",\"coordinates\":[[0,0],[1,1]]}";
        put(api.adminToken(), "a-line", feature(line, "Line", team, List.of()))
                .expectStatus()
                .isBadRequest()
                .expectBody()
                .jsonPath("$.errors[0].field")
                .isEqualTo("geometry.type");
        put(api.adminToken(), "bad id!", feature(SQUARE, "Bad id", team, List.of()))
                .expectStatus()
                .isBadRequest()
                .expectBody()
                .jsonPath("$.errors[0].field")
                .isEqualTo("id");
    }

    @Test
    void importsAFeatureCollectionAllOrNoneNamingEveryBadFeature() {
        TeamId team = api.createTeam("Importers");
        String manager = api.createUser(WaymarkApi.unique("importer"), Role.MANAGER, team);
        String run = UUID.randomUUID().toString().substring(0, 8);
        String holed = "{\"type\":\"Polygon\",\"coordinates\":[[[-74.03,40.70],[-74.02,40.70],[-74.02,40.71],"
                + "[-74.03,40.71],[-74.03,40.70]],[[-74.026,40.704],[-74.024,40.704],[-74.024,40.706],"
                + "[-74.026,40.706],[-74.026,40.704]]]}";
        String bowtie = "{\"type\":\"Polygon\",\"coordinates\":[[[0,0],[1,1],[1,0],[0,1],[0,0]]]}";
        String offTheMap = "{\"type\":\"Polygon\",\"coordinates\":[[[200,0],[201,0],[201,1],[200,0]]]}";
        String north = "{\"type\":\"Feature\",\"id\":\"north-" + run + "\",\"geometry\":" + SQUARE
                + ",\"properties\":{\"name\":\"North\"}}";
        String south = "{\"type\":\"Feature\",\"id\":\"south-" + run + "\",\"geometry\":" + holed
                + ",\"properties\":{\"name\":\"South\",\"teamId\":\"" + team + "\"}}";
        String crossed = "{\"type\":\"Feature\",\"id\":\"bowtie-" + run + "\",\"geometry\":" + bowtie
                + ",\"properties\":{\"name\":\"Bowtie\"}}";
        String far = "{\"type\":\"Feature\",\"id\":\"far-" + run + "\",\"geometry\":" + offTheMap
                + ",\"properties\":{\"name\":\"Far\"}}";

        importing(manager, team, north, south, crossed, far)
                .expectStatus()
                .isBadRequest()
                .expectHeader()
                .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody()
                .jsonPath("$.errors[0].field")
                .isEqualTo("features[2].geometry")
                .jsonPath("$.errors[0].message")
                .value(message -> assertThat((String) message).contains("bowtie-" + run))
                .jsonPath("$.errors[1:].field")
                .value(fields -> assertThat((List<?>) fields)
                        .isNotEmpty()
                        .allSatisfy(field -> assertThat((String) field).startsWith("features[3].geometry")))
                .jsonPath("$.errors[1:].message")
                .value(messages -> assertThat((List<?>) messages)
                        .allSatisfy(message -> assertThat((String) message).contains("far-" + run)));
        get(manager, "/api/territories?teamId=" + team)
                .expectBody()
                // Nothing of a refused import is stored.
                .jsonPath("$.features.length()")
                .isEqualTo(0);

        importing(manager, team, north, south)
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.created")
                .isEqualTo(List.of("north-" + run, "south-" + run))
                .jsonPath("$.replaced.length()")
                .isEqualTo(0);
        importing(manager, team, north)
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.replaced[0]")
                .isEqualTo("north-" + run);
        get(manager, "/api/territories/south-" + run)
                .expectBody()
                .jsonPath("$.properties.teamId")
                .isEqualTo(team.toString())
                // The hole is kept.
                .jsonPath("$.geometry.coordinates.length()")
                .isEqualTo(2);

        importing(manager, team, north, north)
                .expectStatus()
                .isBadRequest()
                .expectBody()
                .jsonPath("$.errors[0].field")
                .isEqualTo("features[1].id");
        String outsider = api.createUser(WaymarkApi.unique("import-out"), Role.MANAGER, api.createTeam("Others"));
        importing(outsider, null, north.replace("\"North\"}", "\"North\",\"teamId\":\"" + team + "\"}"))
                .expectStatus()
                .isBadRequest()
                .expectBody()
                .jsonPath("$.errors[0].field")
                .isEqualTo("features[0]");
    }

    private WebTestClient.ResponseSpec importing(String token, TeamId team, String... features) {
        return http.post()
                .uri(team == null ? "/api/territories" : "/api/territories?teamId=" + team)
                .headers(headers -> headers.setBearerAuth(token))
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue("{\"type\":\"FeatureCollection\",\"features\":[" + String.join(",", features) + "]}")
                .exchange();
    }

    @Test
    void refusesRepsOfAnotherTeam() {
        TeamId team = api.createTeam("Home");
        RepId stranger = api.createRep(api.createTeam("Away"), "Stranger");
        put(api.adminToken(), "home-" + UUID.randomUUID(), feature(SQUARE, "Home", team, List.of(stranger)))
                .expectStatus()
                .isBadRequest()
                .expectBody()
                .jsonPath("$.errors[0].field")
                .isEqualTo("properties.repIds[0]");
    }

    @Test
    void refusesAnotherTeamsTerritoryWith404() {
        TeamId mine = api.createTeam("Mine");
        TeamId theirs = api.createTeam("Theirs");
        String manager = api.createUser(WaymarkApi.unique("manager"), Role.MANAGER, mine);
        String their = "theirs-" + UUID.randomUUID().toString().substring(0, 8);
        String own = "mine-" + UUID.randomUUID().toString().substring(0, 8);
        put(api.adminToken(), their, feature(SQUARE, "Theirs", theirs, List.of()))
                .expectStatus()
                .isCreated();
        put(manager, own, feature(SQUARE, "Mine", mine, List.of()))
                .expectStatus()
                .isCreated();

        get(manager, "/api/territories/" + their).expectStatus().isNotFound();
        get(manager, "/api/territories?teamId=" + theirs).expectStatus().isNotFound();
        http.delete()
                .uri("/api/territories/{id}", their)
                .headers(headers -> headers.setBearerAuth(manager))
                .exchange()
                .expectStatus()
                .isNotFound();
        put(manager, their, feature(SQUARE, "Taken", mine, List.of()))
                .expectStatus()
                .isNotFound();
        put(manager, "new-" + UUID.randomUUID(), feature(SQUARE, "Sneaky", theirs, List.of()))
                .expectStatus()
                .isNotFound();
        get(manager, "/api/territories")
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.features[*].id")
                .isEqualTo(List.of(own));
    }

    @Test
    void letsDispatchReadButNotChangeTerritories() {
        TeamId team = api.createTeam("Watched");
        String dispatch = api.createUser(WaymarkApi.unique("dispatch"), Role.DISPATCH, team);
        String id = "watched-" + UUID.randomUUID().toString().substring(0, 8);
        put(api.adminToken(), id, feature(SQUARE, "Watched", team, List.of()))
                .expectStatus()
                .isCreated();
        get(dispatch, "/api/territories/" + id).expectStatus().isOk();
        put(dispatch, id, feature(SQUARE, "Mine now", team, List.of()))
                .expectStatus()
                .isForbidden();
    }

    private static String feature(String geometry, String name, TeamId team, List<RepId> reps) {
        String repIds =
                String.join(",", reps.stream().map(rep -> "\"" + rep + "\"").toList());
        return "{\"type\":\"Feature\",\"geometry\":" + geometry + ",\"properties\":{\"name\":\"" + name
                + "\",\"teamId\":\"" + team + "\",\"repIds\":[" + repIds + "]}}";
    }

    private WebTestClient.ResponseSpec put(String token, String id, String body) {
        return http.put()
                .uri("/api/territories/{id}", id)
                .headers(headers -> headers.setBearerAuth(token))
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(body)
                .exchange();
    }

    private WebTestClient.ResponseSpec get(String token, String path) {
        return http.get()
                .uri(path)
                .headers(headers -> headers.setBearerAuth(token))
                .exchange();
    }
}
