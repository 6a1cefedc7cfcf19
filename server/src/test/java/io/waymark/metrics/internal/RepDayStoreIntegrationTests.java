package io.waymark.metrics.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.waymark.activity.WorkedDay;
import io.waymark.identity.RepId;
import io.waymark.identity.TeamId;
import io.waymark.support.IntegrationTest;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.r2dbc.core.DatabaseClient;

/**
 * The rep-day rows written many at a time (on PostgreSQL one statement per call): new rows are made, existing ones
 * grow by the deltas or take the new time, and a rep's day under two teams in one call is one row.
 */
@IntegrationTest
class RepDayStoreIntegrationTests {

    private static final Duration TIMEOUT = Duration.ofSeconds(10);
    private static final LocalDate DAY = LocalDate.of(2026, 11, 30);

    @Autowired
    RepDayStore store;

    @Autowired
    DatabaseClient db;

    private static Tally doors(int doors, String revenue, double meters) {
        return new Tally(doors, 0, 0, 0, 0, new BigDecimal(revenue), 0, 0, 0, 0, 0, meters);
    }

    private Map<String, Object> row(RepId rep) {
        return db.sql("SELECT doors, revenue, distance_meters, shift_seconds, shift_open, team_id"
                        + " FROM metrics_rep_days WHERE rep_id = :rep AND local_day = :day")
                .bind("rep", rep.value())
                .bind("day", DAY)
                .fetch()
                .one()
                .block(TIMEOUT);
    }

    @Test
    void addsDeltasToExistingRowsAndMakesTheMissingOnes() {
        TeamId team = TeamId.random();
        RepId known = RepId.random();
        RepId fresh = RepId.random();
        store.add(Map.of(new RepDayKey(known, DAY, team), doors(2, "10.50", 100)))
                .block(TIMEOUT);

        Map<RepDayKey, Tally> deltas = new LinkedHashMap<>();
        deltas.put(new RepDayKey(known, DAY, team), doors(3, "0.25", 50.5));
        deltas.put(new RepDayKey(fresh, DAY, team), doors(1, "0", 7));
        store.add(deltas).block(TIMEOUT);

        assertThat(row(known))
                .containsEntry("doors", 5)
                .containsEntry("distance_meters", 150.5)
                .containsEntry("team_id", team.value());
        assertThat(new BigDecimal(row(known).get("revenue").toString())).isEqualByComparingTo("10.75");
        assertThat(row(fresh)).containsEntry("doors", 1).containsEntry("distance_meters", 7.0);
    }

    @Test
    void aRepsDayUnderTwoTeamsInOneCallIsOneRow() {
        RepId rep = RepId.random();
        TeamId before = TeamId.random();
        Map<RepDayKey, Tally> deltas = new LinkedHashMap<>();
        deltas.put(new RepDayKey(rep, DAY, before), doors(1, "0", 0));
        deltas.put(new RepDayKey(rep, DAY, TeamId.random()), doors(2, "0", 0));
        store.add(deltas).block(TIMEOUT);
        assertThat(row(rep)).containsEntry("doors", 3).containsEntry("team_id", before.value());

        Map<RepDayKey, WorkedDay> times = new LinkedHashMap<>();
        times.put(new RepDayKey(rep, DAY, before), day(Duration.ofHours(1), true));
        times.put(new RepDayKey(rep, DAY, TeamId.random()), day(Duration.ofHours(2), false));
        store.setTimes(times, Instant.parse("2026-11-30T18:00:00Z")).block(TIMEOUT);
        assertThat(row(rep))
                .as("the later time wins; the counters stay")
                .containsEntry("shift_seconds", 7200L)
                .containsEntry("shift_open", false)
                .containsEntry("doors", 3);
    }

    @Test
    void setsTheTimeOfExistingAndNewRows() {
        TeamId team = TeamId.random();
        RepId known = RepId.random();
        RepId fresh = RepId.random();
        store.add(Map.of(new RepDayKey(known, DAY, team), doors(4, "0", 0))).block(TIMEOUT);

        Map<RepDayKey, WorkedDay> times = new LinkedHashMap<>();
        times.put(new RepDayKey(known, DAY, team), day(Duration.ofMinutes(90), true));
        times.put(new RepDayKey(fresh, DAY, team), day(Duration.ofMinutes(30), false));
        store.setTimes(times, Instant.parse("2026-11-30T12:00:00Z")).block(TIMEOUT);

        assertThat(row(known))
                .containsEntry("shift_seconds", 5400L)
                .containsEntry("shift_open", true)
                .containsEntry("doors", 4);
        assertThat(row(fresh)).containsEntry("shift_seconds", 1800L).containsEntry("doors", 0);
        assertThat(store.openDays(Instant.parse("2026-11-30T12:00:01Z"))
                        .filter(key -> key.rep().equals(known) || key.rep().equals(fresh))
                        .collectList()
                        .block(TIMEOUT))
                .extracting(RepDayKey::rep)
                .containsExactly(known);
    }

    @Test
    void keepsTheLastFixOfEachRepOverTheOneBefore() {
        RepId rep = RepId.random();
        RepId other = RepId.random();
        Instant first = Instant.parse("2026-11-30T09:00:00.123Z");
        store.saveAnchors(Map.of(rep, new DistanceFilter.Anchor(first, 40.7, -74.0)))
                .block(TIMEOUT);
        Instant later = first.plusSeconds(30);
        store.saveAnchors(Map.of(
                        rep, new DistanceFilter.Anchor(later, 40.71, -74.01),
                        other, new DistanceFilter.Anchor(first, 1.5, 2.5)))
                .block(TIMEOUT);

        Map<RepId, DistanceFilter.Anchor> anchors =
                store.anchors(List.of(rep, other, RepId.random())).block(TIMEOUT);
        assertThat(anchors)
                .containsOnlyKeys(rep, other)
                .containsEntry(rep, new DistanceFilter.Anchor(later, 40.71, -74.01))
                .containsEntry(other, new DistanceFilter.Anchor(first, 1.5, 2.5));
    }

    private static WorkedDay day(Duration shift, boolean open) {
        return new WorkedDay(shift, Duration.ZERO, shift, Duration.ZERO, Duration.ZERO, open);
    }
}
