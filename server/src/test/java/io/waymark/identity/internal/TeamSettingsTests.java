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
            TeamId.random(),
            "Team",
            Tracking.SHIFT_ONLY,
            ZoneId.of("UTC"),
            Duration.ofSeconds(10),
            null,
            null,
            Instant.EPOCH);

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
    void setsATeamsOwnStatusThresholdsAndKeepsThemWhenAbsent() {
        Team strict = new TeamSettings(null, null, null, null, 300_000L, 180_000L).applyTo(team);
        assertThat(team.idleAfter()).as("a new team uses the server's defaults").isNull();
        assertThat(strict.idleAfter()).isEqualTo(Duration.ofMinutes(5));
        assertThat(strict.offlineAfter()).isEqualTo(Duration.ofMinutes(3));
        assertThat(strict.policy().idleAfter()).isEqualTo(Duration.ofMinutes(5));

        Team renamed = new TeamSettings("Renamed", null, null, null).applyTo(strict);
        assertThat(renamed.idleAfter()).isEqualTo(Duration.ofMinutes(5));
        assertThat(renamed.offlineAfter()).isEqualTo(Duration.ofMinutes(3));
    }

    @Test
    void refusesStatusThresholdsUnderAMinuteOrOverADay() {
        assertThatThrownBy(() -> new TeamSettings(null, null, null, null, 59_999L, 86_400_001L).applyTo(team))
                .isInstanceOfSatisfying(InvalidInputException.class, invalid -> assertThat(invalid.problems())
                        .extracting(FieldProblem::field)
                        .containsExactly("idleAfterMs", "offlineAfterMs"));
    }

    @Test
    void namesEveryBadField() {
        assertThatThrownBy(() -> new TeamSettings("", null, "Nowhere/Else", 0L).applyTo(team))
                .isInstanceOfSatisfying(InvalidInputException.class, invalid -> assertThat(invalid.problems())
                        .extracting(FieldProblem::field)
                        .containsExactly("name", "timeZone", "pingIntervalMs"));
    }
}
