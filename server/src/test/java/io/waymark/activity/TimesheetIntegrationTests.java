package io.waymark.activity;

import io.waymark.identity.RepId;
import io.waymark.identity.Role;
import io.waymark.identity.TeamId;
import io.waymark.identity.Tracking;
import io.waymark.support.FieldDevice;
import io.waymark.support.IntegrationTest;
import io.waymark.support.WaymarkApi;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.MediaType;

/** {@code GET /api/reps/{repId}/timesheet} from clock events sent through the device protocol. */
@IntegrationTest
class TimesheetIntegrationTests {

    private static final ZoneId NEW_YORK = ZoneId.of("America/New_York");

    @LocalServerPort
    int port;

    private static long local(String time) {
        return LocalDateTime.parse(time).atZone(NEW_YORK).toInstant().toEpochMilli();
    }

    private static String event(String type, long ts) {
        return "{\"id\":\"" + UUID.randomUUID() + "\",\"type\":\"" + type + "\",\"ts\":" + ts + "}";
    }

    @Test
    void answersAShiftAcrossMidnightInTheTeamsZoneAndHidesOtherTeamsReps() {
        WaymarkApi api = new WaymarkApi(port);
        TeamId team = api.createTeam(WaymarkApi.unique("clock"), Tracking.ALWAYS);
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
        String manager = api.createUser(WaymarkApi.unique("clock-mgr"), Role.MANAGER, team);
        String outsider = api.createUser(
                WaymarkApi.unique("clock-out"), Role.MANAGER, api.createTeam(WaymarkApi.unique("clock-other")));
        try (FieldDevice phone = FieldDevice.connect(port, api.createDevice(rep))) {
            phone.sendActivities(
                    event("CLOCK_IN", local("2026-11-20T22:00")),
                    event("BREAK_START", local("2026-11-21T00:30")),
                    event("BREAK_END", local("2026-11-21T00:45")),
                    event("CLOCK_OUT", local("2026-11-21T02:00")));
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

        api.client()
                .get()
                .uri("/api/reps/{rep}/timesheet?day=2026-11-21", rep)
                .headers(headers -> headers.setBearerAuth(manager))
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.timeZone")
                .isEqualTo("America/New_York")
                .jsonPath("$.shiftMinutes")
                .isEqualTo(120)
                .jsonPath("$.breakMinutes")
                .isEqualTo(15)
                .jsonPath("$.workedMinutes")
                .isEqualTo(105)
                // Worked 00:00–00:30 and 00:45–02:00; idle 00:10–00:30, 00:45–01:30 and 01:40–02:00.
                .jsonPath("$.activeMinutes")
                .isEqualTo(20)
                .jsonPath("$.idleMinutes")
                .isEqualTo(85)
                .jsonPath("$.idle.length()")
                .isEqualTo(3)
                .jsonPath("$.idle[1].start")
                .isEqualTo(local("2026-11-21T00:45"))
                .jsonPath("$.idle[1].end")
                .isEqualTo(local("2026-11-21T01:30"))
                .jsonPath("$.shifts[0].start")
                .isEqualTo(local("2026-11-21T00:00"));
        api.client()
                .get()
                .uri("/api/reps/{rep}/timesheet?day=2026-11-20", rep)
                .headers(headers -> headers.setBearerAuth(manager))
                .exchange()
                .expectBody()
                .jsonPath("$.shiftMinutes")
                .isEqualTo(120);
        api.client()
                .get()
                .uri("/api/reps/{rep}/timesheet?day=2026-11-21", rep)
                .headers(headers -> headers.setBearerAuth(outsider))
                .exchange()
                .expectStatus()
                .isNotFound();
        api.client()
                .get()
                .uri("/api/reps/{rep}/timesheet?day=yesterday", rep)
                .headers(headers -> headers.setBearerAuth(manager))
                .exchange()
                .expectStatus()
                .isBadRequest()
                .expectBody()
                .jsonPath("$.errors[0].field")
                .isEqualTo("day");
    }
}
