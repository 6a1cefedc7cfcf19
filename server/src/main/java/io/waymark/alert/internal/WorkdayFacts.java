package io.waymark.alert.internal;

import io.waymark.identity.RepId;
import io.waymark.identity.TeamId;
import io.waymark.identity.TeamPolicy;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * What the clock-based rules need to know of a team's working day, read from the tables of the modules that keep it
 * ({@code teams}, {@code reps}, {@code activities}): the teams and their time zones, who clocked in and how many
 * doors each rep knocked. Time zones are cached, and replaced when a team's policy changes.
 */
@Component
class WorkdayFacts {

    /** A team and the zone its day is reckoned in. */
    record TeamZone(TeamId team, ZoneId zone) {

        TeamZone {
            Objects.requireNonNull(team, "team");
            Objects.requireNonNull(zone, "zone");
        }
    }

    private final DatabaseClient db;
    private final Map<TeamId, ZoneId> zones = new ConcurrentHashMap<>();

    WorkdayFacts(DatabaseClient db) {
        this.db = db;
    }

    /** Every team with its zone. */
    Flux<TeamZone> teams() {
        return db.sql("SELECT id, time_zone FROM teams")
                .map(row -> new TeamZone(
                        new TeamId(row.get("id", UUID.class)), ZoneId.of(row.get("time_zone", String.class))))
                .all()
                .doOnNext(team -> zones.put(team.team(), team.zone()));
    }

    /** A team's zone; UTC for a team that is not (or no longer) there. */
    Mono<ZoneId> zoneOf(TeamId team) {
        ZoneId known = zones.get(team);
        if (known != null) {
            return Mono.just(known);
        }
        return db.sql("SELECT time_zone FROM teams WHERE id = :team")
                .bind("team", team.value())
                .map(row -> ZoneId.of(row.get("time_zone", String.class)))
                .one()
                .doOnNext(zone -> zones.put(team, zone))
                .defaultIfEmpty(ZoneOffset.UTC);
    }

    void changed(TeamPolicy policy) {
        zones.put(policy.teamId(), policy.timeZone());
    }

    /** The team's reps with a CLOCK_IN at or after {@code from} and before {@code to}. */
    Mono<Set<RepId>> clockedIn(TeamId team, Instant from, Instant to) {
        return db.sql("SELECT DISTINCT rep_id FROM activities WHERE team_id = :team AND type = 'CLOCK_IN'"
                        + " AND ts >= :from AND ts < :to")
                .bind("team", team.value())
                .bind("from", time(from))
                .bind("to", time(to))
                .map(row -> new RepId(row.get("rep_id", UUID.class)))
                .all()
                .collect(Collectors.toSet());
    }

    /** Each rep's door knocks at or after {@code from} and before {@code to}; reps without any are absent. */
    Mono<Map<RepId, Long>> doors(TeamId team, Instant from, Instant to) {
        return db.sql("SELECT rep_id, COUNT(*) AS doors FROM activities WHERE team_id = :team"
                        + " AND type = 'DOOR_KNOCK' AND ts >= :from AND ts < :to GROUP BY rep_id")
                .bind("team", team.value())
                .bind("from", time(from))
                .bind("to", time(to))
                .map(row -> Map.entry(
                        new RepId(row.get("rep_id", UUID.class)),
                        row.get("doors", Number.class).longValue()))
                .all()
                .collectMap(Map.Entry::getKey, Map.Entry::getValue);
    }

    /** The names of a team's reps. */
    Mono<Map<RepId, String>> names(TeamId team) {
        return db.sql("SELECT id, name FROM reps WHERE team_id = :team")
                .bind("team", team.value())
                .map(row -> Map.entry(new RepId(row.get("id", UUID.class)), row.get("name", String.class)))
                .all()
                .collectMap(Map.Entry::getKey, Map.Entry::getValue);
    }

    private static OffsetDateTime time(Instant instant) {
        return OffsetDateTime.ofInstant(instant, ZoneOffset.UTC);
    }
}
