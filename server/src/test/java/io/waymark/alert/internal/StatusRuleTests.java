package io.waymark.alert.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.waymark.alert.AlertKind;
import io.waymark.identity.RepId;
import io.waymark.identity.TeamId;
import io.waymark.live.RepStatus;
import io.waymark.live.RepStatusChanged;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class StatusRuleTests {

    private static final Instant T0 = Instant.parse("2026-11-20T15:00:00Z");
    private final StatusRule rule = new StatusRule();
    private final RepId rep = RepId.random();
    private final TeamId team = TeamId.random();
    private final RepSignals.Signals placed =
            new RepSignals.Signals(40.7, -74.0, T0.toEpochMilli(), 0.6, "ON", "ALWAYS", "CELL");

    private List<Decision> change(RepStatus from, RepStatus to, RepSignals.Signals signals) {
        return rule.changed(new RepStatusChanged(rep, team, from, to, T0), signals);
    }

    @Test
    void becomingIdleRaisesAnIdleAlertWhereTheRepStands() {
        List<Decision> decisions = change(RepStatus.ACTIVE, RepStatus.IDLE, placed);

        assertThat(decisions).singleElement().isInstanceOfSatisfying(Decision.Raise.class, raise -> {
            assertThat(raise.raise().kind()).isEqualTo(AlertKind.IDLE);
            assertThat(raise.raise().lat()).isEqualTo(40.7);
            assertThat(raise.raise().at()).isEqualTo(T0);
        });
    }

    @Test
    void leavingIdleClearsItAndGoingOfflineRaisesTheOtherKind() {
        List<Decision> decisions = change(RepStatus.IDLE, RepStatus.OFFLINE, placed);

        assertThat(decisions).hasSize(2);
        assertThat(decisions.get(0)).isEqualTo(new Decision.Clear(rep, AlertKind.IDLE, "", "now OFFLINE"));
        assertThat(decisions.get(1)).isInstanceOfSatisfying(Decision.Raise.class, raise -> {
            assertThat(raise.raise().kind()).isEqualTo(AlertKind.OFFLINE);
            assertThat(raise.raise().reason()).isEqualTo("UNKNOWN");
        });
    }

    @Test
    void clockingOutClearsWhateverWasOpen() {
        assertThat(change(RepStatus.OFFLINE, RepStatus.OFF_SHIFT, placed))
                .containsExactly(new Decision.Clear(rep, AlertKind.OFFLINE, "", "now OFF_SHIFT"));
        assertThat(change(RepStatus.ACTIVE, RepStatus.ON_BREAK, placed)).isEmpty();
    }

    @Test
    void anOfflineAlertNamesThePhonesLikelyReason() {
        RepSignals.Signals dying = new RepSignals.Signals(40.7, -74.0, 1L, 0.04, "ON", "ALWAYS", "CELL");
        RepSignals.Signals denied = new RepSignals.Signals(null, null, null, 0.8, "ON", "DENIED", "CELL");
        RepSignals.Signals gpsOff = new RepSignals.Signals(null, null, null, 0.8, "OFF", "ALWAYS", "WIFI");
        RepSignals.Signals noNetwork = new RepSignals.Signals(null, null, null, null, null, null, "NONE");

        assertThat(RepSignals.offlineReason(dying)).isEqualTo("BATTERY_LOW");
        assertThat(RepSignals.offlineReason(denied)).isEqualTo("PERMISSION_DENIED");
        assertThat(RepSignals.offlineReason(gpsOff)).isEqualTo("GPS_OFF");
        assertThat(RepSignals.offlineReason(noNetwork)).isEqualTo("NO_NETWORK");
        assertThat(RepSignals.offlineReason(RepSignals.Signals.NONE)).isEqualTo("UNKNOWN");
        assertThat(((Decision.Raise) change(RepStatus.ACTIVE, RepStatus.OFFLINE, dying)
                                .get(0))
                        .raise()
                        .message())
                .contains("battery");
    }

    @Test
    void theSignalsKeepTheLatestFixAndWhatThePhoneLastSaid() {
        RepSignals signals = new RepSignals();
        signals.fix(rep, io.waymark.protocol.Ping.of(1, 2_000, 40.7, -74.0));
        signals.fix(rep, io.waymark.protocol.Ping.of(2, 1_000, 41.0, -75.0));
        signals.deviceState(
                rep,
                io.waymark.protocol.Activity.builder("s", "DEVICE_STATE", 3_000)
                        .deviceState("OFF", null, null, null)
                        .battery(0.5)
                        .build());

        RepSignals.Signals known = signals.of(rep);
        assertThat(known.lat()).as("an older fix does not replace a newer one").isEqualTo(40.7);
        assertThat(known.gps()).isEqualTo("OFF");
        assertThat(known.battery()).isEqualTo(0.5);
    }
}
