package io.waymark.activity;

import static org.assertj.core.api.Assertions.assertThat;

import io.waymark.identity.RepId;
import io.waymark.identity.TeamId;
import io.waymark.identity.Tracking;
import io.waymark.support.FieldDevice;
import io.waymark.support.IntegrationTest;
import io.waymark.support.WaymarkApi;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/** A rep's work clock through {@link WorkedDays}: folded from the stored events, or taken up from a saved one. */
@IntegrationTest
class WorkedDaysIntegrationTests {

    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    @LocalServerPort
    int port;

    @Autowired
    WorkedDays workedDays;

    private static String event(String type, Instant at) {
        return "{\"id\":\"" + UUID.randomUUID() + "\",\"type\":\"" + type + "\",\"ts\":" + at.toEpochMilli() + "}";
    }

    private static String knock(Instant at) {
        return "{\"id\":\"" + UUID.randomUUID() + "\",\"type\":\"DOOR_KNOCK\",\"ts\":" + at.toEpochMilli()
                + ",\"lat\":40.7,\"lon\":-74.0,\"outcome\":\"NO_ANSWER\",\"address\":\"1 Main St\"}";
    }

    @Test
    void takesASavedClockUpWithTheEventsSinceAndFoldsAgainWhenOneCameTooLateForIt() {
        WaymarkApi api = new WaymarkApi(port);
        TeamId team = api.createTeam(WaymarkApi.unique("worked-days"), Tracking.ALWAYS);
        RepId rep = api.createRep(team, "Taken Up");
        Instant t0 = Instant.ofEpochMilli(System.currentTimeMillis()).minus(Duration.ofMinutes(60));
        try (FieldDevice phone = FieldDevice.connect(port, api.createDevice(rep))) {
            phone.sendActivities(event("CLOCK_IN", t0), knock(t0.plus(Duration.ofMinutes(30))));
            Instant savedAt = Instant.now();
            WorkClock.Saved saved =
                    workedDays.clock(rep, savedAt).block(TIMEOUT).clock().saved();
            assertThat(saved.latest()).isEqualTo(t0.plus(Duration.ofMinutes(30)));

            phone.sendActivities(knock(t0.plus(Duration.ofMinutes(40))));
            Instant now = Instant.now();
            WorkClock takenUp =
                    workedDays.clock(rep, now, saved, savedAt).block(TIMEOUT).clock();
            WorkClock folded = workedDays.clock(rep, now).block(TIMEOUT).clock();
            assertThat(takenUp.latest()).isEqualTo(t0.plus(Duration.ofMinutes(40)));
            for (LocalDate day = folded.since(); !day.isAfter(folded.dayOf(now)); day = day.plusDays(1)) {
                assertThat(takenUp.day(day, now)).as("day %s", day).isEqualTo(folded.day(day, now));
            }

            // A break older than the saved clock's latest event, received since it was saved: it came too late for
            // the saved clock, which is folded again from the store with it.
            phone.sendActivities(
                    event("BREAK_START", t0.plus(Duration.ofMinutes(5))),
                    event("BREAK_END", t0.plus(Duration.ofMinutes(15))));
            Instant later = Instant.now();
            WorkClock again =
                    workedDays.clock(rep, later, saved, savedAt).block(TIMEOUT).clock();
            LocalDate breakDay = again.dayOf(t0.plus(Duration.ofMinutes(5)));
            assertThat(again.day(breakDay, later).breaks()).isEqualTo(Duration.ofMinutes(10));
            assertThat(again.latest()).isEqualTo(t0.plus(Duration.ofMinutes(40)));
        }
    }
}
