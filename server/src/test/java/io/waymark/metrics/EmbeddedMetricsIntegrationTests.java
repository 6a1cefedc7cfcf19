package io.waymark.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.waymark.identity.RepId;
import io.waymark.identity.TeamId;
import io.waymark.identity.Tracking;
import io.waymark.support.WaymarkApi;
import java.time.LocalDate;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

/** The rep-day upkeep and the reports on the embedded default (H2 in PostgreSQL mode). */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "spring.r2dbc.url=r2dbc:h2:file:///./target/h2-metrics-test/waymark;MODE=PostgreSQL;"
                    + "DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH",
            "spring.r2dbc.username=sa",
            "spring.r2dbc.password=",
            "server.port=0",
            "spring.rsocket.server.port=0",
            "waymark.metrics.time-refresh=1s",
            "waymark.admin.password=" + WaymarkApi.TEST_ADMIN_PASSWORD
        })
class EmbeddedMetricsIntegrationTests {

    @LocalServerPort
    int port;

    @Test
    void keepsTheRepDaysOnH2() {
        WaymarkApi api = new WaymarkApi(port);
        TeamId team = api.createTeam(WaymarkApi.unique("h2-metrics"), Tracking.ALWAYS);
        RepId walker = api.createRep(team, "Walker");
        RepId stander = api.createRep(team, "Stander");
        MetricsIntegrationTests.sendDay(port, api, walker, stander);
        String admin = api.adminToken();
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        String reps = "/api/metrics/reps?teamId=" + team + "&from=" + today.minusDays(1) + "&to=" + today;
        JsonNode rows = MetricsIntegrationTests.await(
                api,
                admin,
                reps,
                found -> found.size() == 2
                        && MetricsIntegrationTests.rowOf(found, "Walker")
                                        .get("distanceKm")
                                        .asDouble()
                                > 0.4
                        && MetricsIntegrationTests.rowOf(found, "Stander")
                                        .get("doors")
                                        .asInt()
                                == 3);
        JsonNode walked = MetricsIntegrationTests.rowOf(rows, "Walker");
        assertThat(walked.get("doors").asInt()).isEqualTo(3);
        assertThat(walked.get("revenue").decimalValue()).isEqualByComparingTo("100");
        assertThat(walked.get("distanceKm").asDouble()).isCloseTo(0.445, within(0.002));
        JsonNode trend = MetricsIntegrationTests.get(
                api, admin, "/api/metrics/trend?teamId=" + team + "&from=" + today.minusDays(1) + "&to=" + today);
        assertThat(trend.size()).isEqualTo(2);
        assertThat(trend.get(0).get("doors").asInt() + trend.get(1).get("doors").asInt())
                .isEqualTo(6);
        JsonNode funnel = MetricsIntegrationTests.get(
                api, admin, "/api/metrics/funnel?teamId=" + team + "&from=" + today.minusDays(1) + "&to=" + today);
        assertThat(funnel.get("team").get(0).get("count").asInt()).isEqualTo(6);
        assertThat(funnel.get("team").get(4).get("count").asInt()).isEqualTo(2);
    }
}
