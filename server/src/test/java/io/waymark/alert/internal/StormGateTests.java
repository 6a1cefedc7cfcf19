package io.waymark.alert.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.waymark.alert.AlertKind;
import io.waymark.identity.TeamId;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class StormGateTests {

    static final AlertPolicy.StormLimit LIMIT = new AlertPolicy.StormLimit(3, Duration.ofMinutes(2));
    static final Instant T0 = Instant.parse("2026-12-01T09:15:00Z");

    final StormGate gate = new StormGate();
    final TeamId team = TeamId.random();

    private boolean admit(AlertKind kind, long seconds) {
        return gate.admit(team, kind, T0.plusSeconds(seconds), LIMIT);
    }

    @Test
    void upToTheLimitStandAloneWithinTheWindowAndTheRestAreGrouped() {
        assertThat(admit(AlertKind.NO_CLOCK_IN, 0)).isTrue();
        assertThat(admit(AlertKind.NO_CLOCK_IN, 1)).isTrue();
        assertThat(admit(AlertKind.NO_CLOCK_IN, 2)).isTrue();
        assertThat(admit(AlertKind.NO_CLOCK_IN, 3)).isFalse();
        assertThat(admit(AlertKind.NO_CLOCK_IN, 119)).isFalse();
    }

    @Test
    void theWindowSlidesSoThatAlertsStandAloneAgainOnceTheBurstIsOld() {
        admit(AlertKind.IDLE, 0);
        admit(AlertKind.IDLE, 10);
        admit(AlertKind.IDLE, 20);

        assertThat(admit(AlertKind.IDLE, 119)).isFalse();
        assertThat(admit(AlertKind.IDLE, 120))
                .as("the first is two minutes old")
                .isTrue();
        assertThat(admit(AlertKind.IDLE, 121)).isFalse();
        assertThat(admit(AlertKind.IDLE, 130)).isTrue();
    }

    @Test
    void kindsAndTeamsAreCountedApart() {
        admit(AlertKind.IDLE, 0);
        admit(AlertKind.IDLE, 1);
        admit(AlertKind.IDLE, 2);

        assertThat(admit(AlertKind.OFFLINE, 3)).isTrue();
        assertThat(gate.admit(TeamId.random(), AlertKind.IDLE, T0.plusSeconds(3), LIMIT))
                .isTrue();
    }

    @Test
    void anSosIsNeverGrouped() {
        for (int i = 0; i < 10; i++) {
            assertThat(admit(AlertKind.SOS, i)).isTrue();
        }
    }

    @Test
    void aLateRaiseIsJudgedByTheLatestTime() {
        admit(AlertKind.IDLE, 100);
        admit(AlertKind.IDLE, 101);
        admit(AlertKind.IDLE, 102);

        assertThat(admit(AlertKind.IDLE, 0)).isFalse();
    }
}
