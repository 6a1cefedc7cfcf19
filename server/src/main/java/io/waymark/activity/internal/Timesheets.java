package io.waymark.activity.internal;

import io.waymark.identity.CurrentUser;
import io.waymark.identity.RepId;
import io.waymark.identity.TeamId;
import io.waymark.problem.NotFoundException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.UUID;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/** Reps' time clocks, a day at a time, in their team's time zone, seen through the eyes of a user. */
@Component
public class Timesheets {

    /** A shift that started this long before the day still counts into it; a longer one is taken as forgotten. */
    static final Duration LOOK_BACK = Duration.ofDays(2);

    private final DatabaseClient db;

    private record RepTeam(TeamId team, ZoneId zone) {}

    Timesheets(DatabaseClient db) {
        this.db = db;
    }

    /** The rep's timesheet for a day of their team (today when {@code day} is null); not found across teams. */
    public Mono<Timesheet> of(CurrentUser user, RepId rep, LocalDate day, Instant now) {
        return db.sql("SELECT r.team_id, t.time_zone FROM reps r JOIN teams t ON t.id = r.team_id WHERE r.id = :rep")
                .bind("rep", rep.value())
                .map((row, meta) -> new RepTeam(
                        new TeamId(row.get("team_id", UUID.class)), ZoneId.of(row.get("time_zone", String.class))))
                .one()
                .filter(found -> user.canSee(found.team()))
                .switchIfEmpty(Mono.error(() -> new NotFoundException("No rep " + rep)))
                .flatMap(found -> {
                    ZoneId zone = found.zone();
                    LocalDate theDay = day != null ? day : LocalDate.ofInstant(now, zone);
                    Instant from = theDay.atStartOfDay(zone).toInstant().minus(LOOK_BACK);
                    Instant to = theDay.plusDays(1).atStartOfDay(zone).toInstant();
                    return db.sql("SELECT type, ts FROM activities WHERE rep_id = :rep AND ts >= :from AND ts < :to"
                                    + " AND type IN ('CLOCK_IN', 'CLOCK_OUT', 'BREAK_START', 'BREAK_END')"
                                    + " ORDER BY ts, id")
                            .bind("rep", rep.value())
                            .bind("from", OffsetDateTime.ofInstant(from, ZoneOffset.UTC))
                            .bind("to", OffsetDateTime.ofInstant(to, ZoneOffset.UTC))
                            .map((row, meta) -> new Timesheet.ClockEvent(
                                    row.get("type", String.class),
                                    row.get("ts", OffsetDateTime.class).toInstant()))
                            .all()
                            .collectList()
                            .map(events -> Timesheet.of(theDay, zone, events, now));
                });
    }
}
