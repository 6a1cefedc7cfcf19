package io.waymark.alert.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.waymark.alert.AlertKind;
import io.waymark.identity.RepId;
import io.waymark.identity.TeamId;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class FollowUpRuleTests {

    static final Instant NOW = Instant.parse("2026-12-01T15:00:00Z");
    /** About 1.1 km of latitude. */
    static final double KM = 0.01;

    final TeamId team = TeamId.random();
    final RepId owner = RepId.random();
    final FollowUpRule.Overdue overdue = new FollowUpRule.Overdue(
            UUID.randomUUID(), team, owner, "12 Elm St", NOW.minus(Duration.ofMinutes(30)), 40.70, -74.0);

    private List<Decision> look(
            List<FollowUpRule.Overdue> found,
            Map<String, RepId> active,
            Duration grace,
            List<FollowUpRule.OnShift> onShift) {
        return FollowUpRule.look(NOW, found, true, active, any -> grace, any -> onShift);
    }

    private static FollowUpRule.OnShift rep(String name, double kmNorth) {
        return new FollowUpRule.OnShift(RepId.random(), name, 40.70 + kmNorth * KM, -74.0);
    }

    @Test
    void anOverdueFollowUpIsRaisedForItsOwnerNamingTheThreeNearestOtherRepsOnShift() {
        List<FollowUpRule.OnShift> onShift = List.of(
                rep("Far", 9),
                rep("Near", 1),
                new FollowUpRule.OnShift(owner, "Owner", 40.70, -74.0),
                rep("Middle", 3),
                rep("Close", 2));

        List<Decision> decisions = look(List.of(overdue), Map.of(), Duration.ZERO, onShift);

        assertThat(decisions).hasSize(1);
        AlertEngine.Raise raise = ((Decision.Raise) decisions.get(0)).raise();
        assertThat(raise.kind()).isEqualTo(AlertKind.FOLLOW_UP_MISSED);
        assertThat(raise.subject()).isEqualTo(overdue.id().toString());
        assertThat(raise.repId()).isEqualTo(owner);
        assertThat(raise.lat()).isEqualTo(40.70);
        assertThat(raise.message())
                .startsWith("The follow-up at 12 Elm St is 30 min overdue with no attempt")
                .endsWith("nearest on shift: Near (1.1 km), Close (2.2 km), Middle (3.3 km)")
                .doesNotContain("Owner")
                .doesNotContain("Far");
    }

    @Test
    void itWaitsForTheTeamsGracePastTheDueTime() {
        assertThat(look(List.of(overdue), Map.of(), Duration.ofMinutes(31), List.of()))
                .isEmpty();
        assertThat(look(List.of(overdue), Map.of(), Duration.ofMinutes(30), List.of()))
                .hasSize(1);
    }

    @Test
    void anAlreadyActiveOneIsNotRaisedAgain() {
        assertThat(look(List.of(overdue), Map.of(overdue.id().toString(), owner), Duration.ZERO, List.of()))
                .isEmpty();
    }

    @Test
    void anActiveAlertClearsOnceItsFollowUpIsNoLongerOverdue() {
        String attempted = UUID.randomUUID().toString();

        assertThat(look(List.of(), Map.of(attempted, owner), Duration.ZERO, List.of()))
                .containsExactly(
                        new Decision.Clear(owner, AlertKind.FOLLOW_UP_MISSED, attempted, "attempted or closed"));
    }

    @Test
    void anIncompleteReadClearsNothing() {
        String unseen = UUID.randomUUID().toString();

        assertThat(FollowUpRule.look(
                        NOW, List.of(), false, Map.of(unseen, owner), any -> Duration.ZERO, any -> List.of()))
                .isEmpty();
    }

    @Test
    void aFollowUpWithoutAPlaceOrWithNoOneAroundSaysSo() {
        FollowUpRule.Overdue nowhere =
                new FollowUpRule.Overdue(UUID.randomUUID(), team, owner, null, overdue.dueAt(), null, null);

        assertThat(FollowUpRule.message(nowhere, NOW, List.of(rep("Near", 1))))
                .isEqualTo("A follow-up is 30 min overdue with no attempt; it has no place to find the nearest reps"
                        + " from");
        assertThat(FollowUpRule.message(overdue, NOW, List.of())).endsWith("no other rep on shift has a position");
    }
}
