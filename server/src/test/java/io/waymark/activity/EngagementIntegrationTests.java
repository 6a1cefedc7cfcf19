package io.waymark.activity;

import io.waymark.identity.RepId;
import io.waymark.identity.Role;
import io.waymark.identity.TeamId;
import io.waymark.identity.Tracking;
import io.waymark.support.FieldDevice;
import io.waymark.support.IntegrationTest;
import io.waymark.support.WaymarkApi;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

/** {@code GET /api/visits} and {@code GET /api/deals} from activities sent through the device protocol. */
@IntegrationTest
class EngagementIntegrationTests {

    @LocalServerPort
    int port;

    private final String run = UUID.randomUUID().toString().substring(0, 8);
    private final long t0 = Instant.now().minus(Duration.ofHours(3)).toEpochMilli();

    private String event(String id, String type, long minutes, String extra) {
        return "{\"id\":\"" + id + "-" + run + "\",\"type\":\"" + type + "\",\"ts\":" + (t0 + minutes * 60_000)
                + (extra.isEmpty() ? "" : "," + extra) + "}";
    }

    @Test
    void visitsArePairedWithTheirDurationsAndDealsKeepTheirLatestStageWithinTheTeam() {
        WaymarkApi api = new WaymarkApi(port);
        TeamId team = api.createTeam(WaymarkApi.unique("visits"), Tracking.ALWAYS);
        RepId ann = api.createRep(team, "Ann");
        String manager = api.createUser(WaymarkApi.unique("visits-mgr"), Role.MANAGER, team);
        String outsider = api.createUser(
                WaymarkApi.unique("visits-out"), Role.MANAGER, api.createTeam(WaymarkApi.unique("visits-other")));
        try (FieldDevice phone = FieldDevice.connect(port, api.createDevice(ann))) {
            phone.sendActivities(
                    event("v1", "VISIT_START", 0, "\"lat\":40.7,\"lon\":-74.0,\"address\":\"12 Elm St\""),
                    event("v1e", "VISIT_END", 25, ""),
                    event("v2", "VISIT_START", 40, "\"leadId\":\"L-7\""),
                    event("d1", "DEAL_UPDATE", 41, "\"leadId\":\"L-7\",\"stage\":\"QUALIFIED\",\"amount\":900"),
                    event("d2", "DEAL_UPDATE", 50, "\"leadId\":\"L-7\",\"stage\":\"PROPOSAL\""),
                    event("d3", "DEAL_UPDATE", 55, "\"address\":\"3 Oak Ave\",\"stage\":\"LOST\",\"amount\":50"));
        }

        api.client()
                .get()
                .uri("/api/visits?teamId={team}", team)
                .headers(headers -> headers.setBearerAuth(manager))
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.length()")
                .isEqualTo(2)
                .jsonPath("$[0].id")
                .isEqualTo("v1-" + run)
                .jsonPath("$[0].state")
                .isEqualTo("ENDED")
                .jsonPath("$[0].durationSec")
                .isEqualTo(25 * 60)
                .jsonPath("$[0].address")
                .isEqualTo("12 Elm St")
                .jsonPath("$[1].state")
                .isEqualTo("OPEN")
                .jsonPath("$[1].leadId")
                .isEqualTo("L-7")
                .jsonPath("$[1].durationSec")
                .doesNotExist();

        api.client()
                .get()
                .uri("/api/deals?repId={rep}", ann)
                .headers(headers -> headers.setBearerAuth(manager))
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.length()")
                .isEqualTo(2)
                .jsonPath("$[0].key")
                .isEqualTo("address:3 oak ave")
                .jsonPath("$[1].key")
                .isEqualTo("lead:L-7")
                .jsonPath("$[1].stage")
                .isEqualTo("PROPOSAL")
                .jsonPath("$[1].amount")
                .isEqualTo(900)
                .jsonPath("$[1].updates.length()")
                .isEqualTo(2);
        api.client()
                .get()
                .uri("/api/deals?teamId={team}&stage=lost", team)
                .headers(headers -> headers.setBearerAuth(manager))
                .exchange()
                .expectBody()
                .jsonPath("$.length()")
                .isEqualTo(1)
                .jsonPath("$[0].amount")
                .isEqualTo(50);

        api.client()
                .get()
                .uri("/api/visits?teamId={team}", team)
                .headers(headers -> headers.setBearerAuth(outsider))
                .exchange()
                .expectStatus()
                .isNotFound();
        api.client()
                .get()
                .uri("/api/deals?teamId={team}&from=tomorrow", team)
                .headers(headers -> headers.setBearerAuth(manager))
                .exchange()
                .expectStatus()
                .isBadRequest()
                .expectBody()
                .jsonPath("$.errors[0].field")
                .isEqualTo("from");
    }
}
