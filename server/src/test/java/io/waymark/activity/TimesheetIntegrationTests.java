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
