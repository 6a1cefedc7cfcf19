package io.waymark.alert.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.waymark.alert.AlertKind;
import io.waymark.identity.RepId;
import io.waymark.identity.TeamId;
import io.waymark.protocol.Activity;
import io.waymark.protocol.Ping;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class KnockRuleTests {

    static final AlertPolicy.KnockLimits LIMITS = new AlertPolicy.KnockLimits(150, Duration.ofMinutes(2), 3);
    static final long T0 = 1_795_338_900_000L;
    static final Instant AT = Instant.ofEpochMilli(T0);
    /** About 111 m of latitude. */
    static final double HUNDRED_METERS = 0.001;

    final KnockRule rule = new KnockRule();
    final RepId rep = RepId.random();
    final TeamId team = TeamId.random();
    int knocks;

    private void fix(long ts, double lat, double lon) {
        rule.fix(rep, new Ping(1, ts, lat, lon, 10.0, null, null, null, null, null));
    }

    private List<Decision> knock(long ts, Double lat, Double lon) {
        Activity knock = Activity.builder("k-" + ++knocks, "DOOR_KNOCK", ts)
                .at(lat, lon)
                .outcome("NO_ANSWER")
                .address(knocks + " Elm St")
                .build();
        return rule.knock(rep, team, knock, AT, LIMITS);
    }

    private static List<String> raised(List<Decision> decisions) {
        return decisions.stream()
                .map(decision -> ((Decision.Raise) decision).raise())
                .peek(raise -> assertThat(raise.kind()).isEqualTo(AlertKind.KNOCK_INTEGRITY))
                .map(AlertEngine.Raise::subject)
                .toList();
    }

    @Test
    void aKnockFarFromTheFixNearestInTimeRaises() {
        fix(T0 - 90_000, 40.70 + 10 * HUNDRED_METERS, -74.0);
        fix(T0 - 10_000, 40.70 + 3 * HUNDRED_METERS, -74.0);
        fix(T0 + 100_000, 40.70, -74.0);

        List<Decision> decisions = knock(T0, 40.70, -74.0);

        assertThat(raised(decisions)).containsExactly("FAR_FROM_FIX");
        AlertEngine.Raise raise = ((Decision.Raise) decisions.get(0)).raise();
        assertThat(raise.reason()).isEqualTo("FAR_FROM_FIX");
        assertThat(raise.message()).contains("1 Elm St").contains("334 m");
        assertThat(raise.lat()).isEqualTo(40.70);
    }

    @Test
    void onlyTheLastKeptFixesAreComparedTheOldestFirstOnATie() {
        // The oldest fix, far away and nearest in time, is pushed out by KEPT_FIXES later ones at the door.
        fix(T0, 41.0, -74.0);
        for (int i = 1; i <= KnockRule.KEPT_FIXES; i++) {
            fix(T0 + i * 1_000L, 40.70, -74.0);
        }

        assertThat(knock(T0, 40.70, -74.0)).isEmpty();

        // Two fixes equally near in time: the older one (far from the knock) is the one compared.
        fix(T0 + 100_000, 40.70 + 5 * HUNDRED_METERS, -74.0);
        fix(T0 + 110_000, 40.70, -74.0);
        assertThat(raised(knock(T0 + 105_000, 40.70, -74.0))).containsExactly("FAR_FROM_FIX");
    }

    @Test
    void aKnockWithinTheDistanceOfTheNearestFixIsHonest() {
        fix(T0 - 10_000, 40.70 + HUNDRED_METERS, -74.0);

        assertThat(knock(T0, 40.70, -74.0)).isEmpty();
    }

    @Test
    void aFixFartherInTimeThanTheTeamAllowsIsNotCompared() {
        fix(T0 - 180_000, 41.0, -74.0);

        assertThat(knock(T0, 40.70, -74.0)).isEmpty();
    }

    @Test
    void consecutiveKnocksFasterThanAnyoneWalksRaiseTooFast() {
        assertThat(knock(T0, 40.70, -74.0)).isEmpty();
        // about 556 m in 60 s: 9 m/s
        List<Decision> decisions = knock(T0 + 60_000, 40.70 + 5 * HUNDRED_METERS, -74.0);

        assertThat(raised(decisions)).containsExactly("TOO_FAST");
        assertThat(((Decision.Raise) decisions.get(0)).raise().message())
                .contains("556 m")
                .contains("60 s");
    }

    @Test
    void aDriveThatThePhonesFixesFollowedIsNoTooFast() {
        fix(T0, 40.70, -74.0);
        knock(T0, 40.70, -74.0);
        fix(T0 + 300_000, 40.70 + 20 * HUNDRED_METERS, -74.0);

        // about 2.2 km in 5 minutes, and the phone went there too
        assertThat(knock(T0 + 300_000, 40.70 + 20 * HUNDRED_METERS, -74.0)).isEmpty();
    }

    @Test
    void doorsLoggedFastWhileThePhoneStoodStillAreTooFast() {
        fix(T0, 40.70, -74.0);
        knock(T0, 40.70, -74.0);

        assertThat(raised(knock(T0 + 10_000, 40.70 + HUNDRED_METERS, -74.0))).containsExactly("TOO_FAST");
    }

    @Test
    void aBriskWalkBetweenDoorsIsFine() {
        knock(T0, 40.70, -74.0);
        // about 111 m in 60 s: 1.9 m/s
        assertThat(knock(T0 + 60_000, 40.70 + HUNDRED_METERS, -74.0)).isEmpty();
    }

    @Test
    void neighbouringDoorsLoggedAtOnceAreNoWalkAtAll() {
        knock(T0, 40.70, -74.0);

        assertThat(knock(T0, 40.70 + 0.1 * HUNDRED_METERS, -74.0)).isEmpty();
        assertThat(raised(knock(T0, 40.70 + 2 * HUNDRED_METERS, -74.0))).containsExactly("TOO_FAST");
    }

    @Test
    void aKnockWithoutAPlaceIsNeitherCheckedNorTheNextOnesPredecessor() {
        fix(T0, 41.0, -74.0);
        knock(T0, 40.70, -74.0);

        assertThat(knock(T0 + 1_000, null, null)).isEmpty();
        assertThat(knock(T0 + 600_000, 40.70 + HUNDRED_METERS, -74.0))
                .as("compared with the placed knock ten minutes earlier")
                .isEmpty();
    }

    @Test
    void aLateKnockIsNotComparedWithALaterOne() {
        knock(T0 + 600_000, 40.70, -74.0);

        assertThat(knock(T0, 40.70 + 5 * HUNDRED_METERS, -74.0)).isEmpty();
        assertThat(knock(T0 + 1_200_000, 40.70, -74.0))
                .as("compared with the latest knock, not the late one")
                .isEmpty();
    }

    @Test
    void nothingItRaisesEverClearsByItself() {
        fix(T0, 41.0, -74.0);
        knock(T0, 40.70, -74.0);
        fix(T0 + 60_000, 40.70, -74.0);

        assertThat(knock(T0 + 60_000, 40.70, -74.0)).noneMatch(Decision.Clear.class::isInstance);
    }
}
