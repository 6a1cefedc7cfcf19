package io.waymark.alert.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.waymark.alert.AlertKind;
import io.waymark.identity.RepId;
import io.waymark.identity.TeamId;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class GeofenceRuleTests {

    private static final Instant T0 = Instant.parse("2026-11-20T15:00:00Z");
    private static final Duration TEN_MINUTES = Duration.ofMinutes(10);
    private final GeofenceRule rule = new GeofenceRule();
    private final RepId rep = RepId.random();
    private final TeamId team = TeamId.random();

    private java.util.List<Decision> due(Duration after) {
        return rule.due(T0.plus(after), ignored -> TEN_MINUTES);
    }

    @Test
    void aRepOnShiftOutsideTheirTerritoriesLongerThanTheThresholdRaisesOnce() {
        rule.shift(rep, true);
        rule.left(rep, team, T0, false, true, 40.7, -74.0);

        assertThat(due(Duration.ofMinutes(9))).isEmpty();
        assertThat(due(TEN_MINUTES)).singleElement().isInstanceOfSatisfying(Decision.Raise.class, raise -> {
            assertThat(raise.raise().kind()).isEqualTo(AlertKind.GEOFENCE_EXIT);
            assertThat(raise.raise().repId()).isEqualTo(rep);
            assertThat(raise.raise().lat()).isEqualTo(40.7);
        });
        assertThat(due(Duration.ofMinutes(30))).as("raised once").isEmpty();
        assertThat(rule.entered(rep, true))
                .containsExactly(new Decision.Clear(rep, AlertKind.GEOFENCE_EXIT, "", "back in an assigned territory"));
    }

    @Test
    void leavingOneTerritoryWhileStillInsideAnotherAssignedOneIsNotLeaving() {
        rule.shift(rep, true);
        rule.left(rep, team, T0, true, true, null, null);

        assertThat(due(Duration.ofHours(1))).isEmpty();
    }

    @Test
    void aRepWithNoAssignedTerritoryOrOffShiftIsNeverOutside() {
        rule.shift(rep, true);
        rule.left(rep, team, T0, false, false, null, null);
        assertThat(due(Duration.ofHours(1))).isEmpty();

        RepId offShift = RepId.random();
        rule.left(offShift, team, T0, false, true, null, null);
        assertThat(due(Duration.ofHours(1))).isEmpty();
    }

    @Test
    void enteringSomeoneElsesTerritoryKeepsTheClockRunningAndClockingOutClears() {
        rule.shift(rep, true);
        rule.left(rep, team, T0, false, true, null, null);
        assertThat(rule.entered(rep, false)).isEmpty();
        assertThat(due(TEN_MINUTES)).hasSize(1);

        assertThat(rule.shift(rep, false))
                .containsExactly(new Decision.Clear(rep, AlertKind.GEOFENCE_EXIT, "", "off shift"));
    }
}
