package io.waymark.alert.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.waymark.alert.AlertKind;
import io.waymark.identity.DeviceId;
import io.waymark.identity.RepId;
import io.waymark.identity.TeamId;
import io.waymark.protocol.Ping;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class GpsRuleTests {

    static final AlertPolicy.GpsLimits LIMITS = new AlertPolicy.GpsLimits(70, 200, 5, Duration.ofMinutes(15));
    static final long T0 = 1_795_338_900_000L;
    static final Instant AT = Instant.ofEpochMilli(T0);

    final GpsRule rule = new GpsRule();
    final DeviceId device = new DeviceId(UUID.randomUUID());
    final RepId rep = RepId.random();
    final TeamId team = TeamId.random();
    long seq;

    private Ping ping(long ts, double lat, double lon, Double accuracy, Boolean mock) {
        return new Ping(++seq, ts, lat, lon, accuracy, null, null, null, null, mock);
    }

    private List<Decision> fix(long ts, double lat, double lon, Double accuracy, Boolean mock) {
        return rule.fix(device, rep, team, ping(ts, lat, lon, accuracy, mock), AT, LIMITS);
    }

    private static List<String> raised(List<Decision> decisions) {
        return decisions.stream()
                .filter(Decision.Raise.class::isInstance)
                .map(decision -> ((Decision.Raise) decision).raise().subject())
                .toList();
    }

    private static List<String> cleared(List<Decision> decisions) {
        return decisions.stream()
                .filter(Decision.Clear.class::isInstance)
                .map(decision -> ((Decision.Clear) decision).subject())
                .toList();
    }

    @Test
    void aMockFixRaisesAtOnceWithMockAsSubjectAndReason() {
        List<Decision> decisions = fix(T0, 40.7, -74.0, 5.0, true);

        assertThat(decisions).hasSize(1);
        AlertEngine.Raise raise = ((Decision.Raise) decisions.get(0)).raise();
        assertThat(raise.kind()).isEqualTo(AlertKind.GPS_ANOMALY);
        assertThat(raise.subject()).isEqualTo("MOCK");
        assertThat(raise.reason()).isEqualTo("MOCK");
        assertThat(raise.repId()).isEqualTo(rep);
        assertThat(raise.teamId()).isEqualTo(team);
        assertThat(raise.at()).isEqualTo(AT);
        assertThat(raise.lat()).isEqualTo(40.7);
    }

    @Test
    void aJumpFasterThanAnyoneMovesRaisesSpeed() {
        assertThat(fix(T0, 40.70, -74.0, 5.0, false)).isEmpty();
        // about 11 km in 10 s
        List<Decision> decisions = fix(T0 + 10_000, 40.80, -74.0, 5.0, false);

        assertThat(raised(decisions)).containsExactly("SPEED");
        assertThat(((Decision.Raise) decisions.get(0)).raise().message()).contains("m/s");
    }

    @Test
    void aDrivingSpeedIsNoAnomaly() {
        fix(T0, 40.70, -74.0, 5.0, false);
        // about 300 m in 10 s: 30 m/s
        assertThat(fix(T0 + 10_000, 40.7027, -74.0, 5.0, false)).isEmpty();
    }

    @Test
    void aJumpThatTheFixesAccuracyExplainsIsNoAnomaly() {
        fix(T0, 40.70, -74.0, 150.0, false);
        // about 220 m in 1 s, but each fix is only good to 150 m
        assertThat(fix(T0 + 1_000, 40.702, -74.0, 150.0, false)).isEmpty();
    }

    @Test
    void fixesAMomentApartAreJudgedAsIfFiveSecondsApart() {
        fix(T0, 40.70, -74.0, 5.0, false);
        // about 300 m in half a second: 58 m/s over five seconds
        assertThat(fix(T0 + 500, 40.7027, -74.0, 5.0, false)).isEmpty();
        // about 500 m more at the same instant: 98 m/s over five seconds
        assertThat(raised(fix(T0 + 500, 40.7072, -74.0, 5.0, false))).containsExactly("SPEED");
    }

    @Test
    void onlyTheFifthPoorFixInARowRaisesAccuracyAndAGoodFixStartsTheRunAgain() {
        for (int i = 0; i < 4; i++) {
            assertThat(fix(T0 + i * 10_000L, 40.7, -74.0, 500.0, false)).isEmpty();
        }
        assertThat(fix(T0 + 40_000, 40.7, -74.0, 10.0, false)).isEmpty();
        for (int i = 5; i < 9; i++) {
            assertThat(fix(T0 + i * 10_000L, 40.7, -74.0, 500.0, false)).isEmpty();
        }
        assertThat(raised(fix(T0 + 90_000, 40.7, -74.0, 500.0, false))).containsExactly("ACCURACY");
    }

    @Test
    void anAnomalyClearsOnlyAfterItsCleanTimeOfFixesWithoutIt() {
        fix(T0, 40.7, -74.0, 5.0, true);
        assertThat(fix(T0 + 60_000, 40.7, -74.0, 5.0, false)).isEmpty();
        assertThat(raised(fix(T0 + 120_000, 40.7, -74.0, 5.0, true))).containsExactly("MOCK");
        assertThat(fix(T0 + 120_000 + Duration.ofMinutes(14).toMillis(), 40.7, -74.0, 5.0, false))
                .isEmpty();

        List<Decision> decisions = fix(T0 + 120_000 + Duration.ofMinutes(15).toMillis(), 40.7, -74.0, 5.0, false);

        assertThat(cleared(decisions)).containsExactly("MOCK");
        assertThat(((Decision.Clear) decisions.get(0)).kind()).isEqualTo(AlertKind.GPS_ANOMALY);
        assertThat(fix(T0 + Duration.ofMinutes(40).toMillis(), 40.7, -74.0, 5.0, false))
                .as("cleared once")
                .isEmpty();
    }

    @Test
    void theAnomaliesAreRaisedApartSoThatOneNeverHidesAnother() {
        fix(T0, 40.70, -74.0, 5.0, false);

        assertThat(raised(fix(T0 + 10_000, 40.80, -74.0, 5.0, true))).containsExactly("MOCK", "SPEED");
    }

    @Test
    void aLateFixIsCheckedForTheMockFlagButNotComparedForSpeed() {
        fix(T0 + 60_000, 40.70, -74.0, 5.0, false);

        assertThat(fix(T0, 41.70, -74.0, 5.0, false)).isEmpty();
        assertThat(raised(fix(T0 + 1_000, 41.70, -74.0, 5.0, true))).containsExactly("MOCK");
    }

    @Test
    void eachPhoneIsJudgedByItsOwnFixes() {
        fix(T0, 40.70, -74.0, 5.0, false);
        DeviceId otherPhone = new DeviceId(UUID.randomUUID());

        assertThat(rule.fix(otherPhone, rep, team, ping(T0 + 10_000, 40.80, -74.0, 5.0, false), AT, LIMITS))
                .isEmpty();
        assertThat(raised(fix(T0 + 20_000, 40.80, -74.0, 5.0, false))).containsExactly("SPEED");
    }
}
