package io.waymark.identity.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.waymark.identity.TeamId;
import io.waymark.identity.Tracking;
import io.waymark.problem.FieldProblem;
import io.waymark.problem.InvalidInputException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;

class TeamSettingsTests {

    private final Team team = new Team(
            TeamId.random(), "Team", Tracking.SHIFT_ONLY, ZoneId.of("UTC"), Duration.ofSeconds(10), Instant.EPOCH);

    @Test
    void keepsAbsentFields() {
        Team changed = new TeamSettings(null, Tracking.ALWAYS, null, null).applyTo(team);
        assertThat(changed.name()).isEqualTo("Team");
        assertThat(changed.tracking()).isEqualTo(Tracking.ALWAYS);
        assertThat(changed.pingInterval()).isEqualTo(Duration.ofSeconds(10));
        assertThat(changed.id()).isEqualTo(team.id());
    }

    @Test
    void changesGivenFields() {
        Team changed = new TeamSettings(" New ", null, "Asia/Tokyo", 2_000L).applyTo(team);
        assertThat(changed.name()).isEqualTo("New");
        assertThat(changed.timeZone()).isEqualTo(ZoneId.of("Asia/Tokyo"));
        assertThat(changed.pingInterval()).isEqualTo(Duration.ofSeconds(2));
    }

    @Test
    void namesEveryBadField() {
        assertThatThrownBy(() -> new TeamSettings("", null, "Nowhere/Else", 0L).applyTo(team))
                .isInstanceOfSatisfying(InvalidInputException.class, invalid -> assertThat(invalid.problems())
                        .extracting(FieldProblem::field)
                        .containsExactly("name", "timeZone", "pingIntervalMs"));
    }
}
