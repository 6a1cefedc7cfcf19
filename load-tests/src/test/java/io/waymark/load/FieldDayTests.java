package io.waymark.load;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import io.waymark.protocol.Activity;
import io.waymark.protocol.Ping;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.HashSet;
import java.util.List;
import org.junit.jupiter.api.Test;

class FieldDayTests {

    private static final ZoneId CHICAGO = ZoneId.of("America/Chicago");
    private static final String REP = "3f2a9c1e-0000-4000-8000-000000000001";
    private static final LocalDate DAY = LocalDate.of(2026, 11, 17);

    private final FieldDay day = FieldDay.of(REP, 42, DAY, CHICAGO, 41.88, -87.63, Duration.ofMinutes(1));

    @Test
    void theSameSeedAndDayMakeTheSameDaySoThatSendingItAgainSendsOnlyDuplicates() {
        FieldDay again = FieldDay.of(REP, 42, DAY, CHICAGO, 41.88, -87.63, Duration.ofMinutes(1));

        assertThat(again).isEqualTo(day);
        assertThat(FieldDay.of(REP, 42, DAY.plusDays(1), CHICAGO, 41.88, -87.63, Duration.ofMinutes(1))
                        .activities())
                .extracting(Activity::id)
                .doesNotContainAnyElementsOf(
                        day.activities().stream().map(Activity::id).toList());
    }

    @Test
    void theShiftRunsFromClockInToClockOutInTheTeamsZoneWithLunchAtNoon() {
        List<Activity> activities = day.activities();
        Activity clockIn = activities.get(0);
        Activity clockOut = activities.get(activities.size() - 1);

        assertThat(clockIn.type()).isEqualTo("CLOCK_IN");
        assertThat(clockOut.type()).isEqualTo("CLOCK_OUT");
        assertThat(local(clockIn.ts())).isBetween(LocalTime.of(8, 0), LocalTime.of(9, 0));
        assertThat(local(clockOut.ts())).isBetween(LocalTime.of(16, 30), LocalTime.of(17, 30));
        assertThat(day.count("BREAK_START")).isEqualTo(1);
        assertThat(day.count("BREAK_END")).isEqualTo(1);
        assertThat(local(ts(activities, "BREAK_START"))).isBetween(LocalTime.NOON, LocalTime.of(12, 1));
        assertThat(ts(activities, "BREAK_END") - ts(activities, "BREAK_START"))
                .isBetween(
                        Duration.ofMinutes(30).toMillis(),
                        Duration.ofMinutes(31).toMillis());
        assertThat(day.pings()).allSatisfy(ping -> assertThat(ping.ts()).isBetween(clockIn.ts(), clockOut.ts()));
    }

    @Test
    void pingsAreInOrderWithTheirSecondAsSeqAndDoNotMoveDuringTheBreak() {
        List<Ping> pings = day.pings();
        for (int i = 1; i < pings.size(); i++) {
            assertThat(pings.get(i).seq()).isGreaterThan(pings.get(i - 1).seq());
            assertThat(pings.get(i).ts() - pings.get(i - 1).ts()).isEqualTo(60_000);
        }
        assertThat(pings).allSatisfy(ping -> assertThat(ping.seq()).isEqualTo(ping.ts() / 1000));
        List<Ping> atLunch = pings.stream()
                .filter(ping -> local(ping.ts()).isAfter(LocalTime.of(12, 2))
                        && local(ping.ts()).isBefore(LocalTime.of(12, 28)))
                .toList();
        assertThat(atLunch).hasSizeGreaterThan(20).allSatisfy(ping -> assertThat(ping.speed())
                .isZero());
    }

    @Test
    void aDayHoldsDozensOfKnocksOfEveryKindWithAmountsOnSalesAndFollowUpsWhereDue() {
        long knocks = day.count("DOOR_KNOCK");

        assertThat(knocks).isBetween(30L, 100L);
        assertThat(day.knocks("NO_ANSWER")).isPositive();
        assertThat(day.activities())
                .filteredOn(activity -> "SALE".equals(activity.outcome()))
                .allSatisfy(sale -> assertThat(sale.amount()).isPositive());
        assertThat(day.activities())
                .filteredOn(activity -> activity.outcome() != null
                        && List.of("CALLBACK", "LEAD", "APPOINTMENT").contains(activity.outcome()))
                .allSatisfy(open -> assertThat(open.followUpAt()).isGreaterThan(open.ts()));
        assertThat(day.count("CALL")).isBetween(2L, 5L);
        assertThat(day.count("VISIT_START")).isEqualTo(1);
        assertThat(new HashSet<>(day.activities().stream().map(Activity::id).toList()))
                .hasSize(day.activities().size());
    }

    @Test
    void aDayWhenTheClocksChangeStillStartsInTheMorningLocally() {
        FieldDay springForward =
                FieldDay.of(REP, 7, LocalDate.of(2026, 3, 8), CHICAGO, 41.88, -87.63, Duration.ofMinutes(1));

        assertThat(local(springForward.activities().get(0).ts())).isBetween(LocalTime.of(8, 0), LocalTime.of(9, 0));
    }

    @Test
    void refusesAPingIntervalUnderOneSecond() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> FieldDay.of(REP, 1, DAY, CHICAGO, 41.88, -87.63, Duration.ofMillis(500)));
    }

    private static LocalTime local(long epochMillis) {
        return Instant.ofEpochMilli(epochMillis).atZone(CHICAGO).toLocalTime();
    }

    private static long ts(List<Activity> activities, String type) {
        return activities.stream()
                .filter(activity -> type.equals(activity.type()))
                .findFirst()
                .orElseThrow()
                .ts();
    }
}
