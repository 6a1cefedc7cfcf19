package io.waymark.metrics.internal;

import io.waymark.identity.CurrentUser;
import io.waymark.identity.RepId;
import io.waymark.identity.TeamId;
import io.waymark.problem.NotFoundException;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.UUID;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * Reads the rep-day rows (never raw pings) through the eyes of a user: a team's reps' totals over a range of its days,
 * its days one by one, and the follow-ups due in the range (from the follow-ups table, which is small).
 */
@Component
public class Reports {

    private final DatabaseClient db;

    Reports(DatabaseClient db) {
        this.db = db;
    }

    /** A team the user may see: its time zone and its reps by name. */
    public record Team(TeamId id, ZoneId zone, Map<RepId, String> reps) {

        public Team {
            Objects.requireNonNull(id, "id");
            Objects.requireNonNull(zone, "zone");
        }
    }

    /** One rep's totals. */
    public record RepTotals(RepId rep, String name, Totals totals) {}

    /** The team's (or one rep's) totals of one day. */
    public record DayTotals(LocalDate day, Totals totals) {}

    /** The team of a rep; empty when there is no such rep. */
    public Mono<TeamId> teamOf(RepId rep) {
        return db.sql("SELECT team_id FROM reps WHERE id = :rep")
                .bind("rep", rep.value())
                .map((row, meta) -> new TeamId(row.get("team_id", UUID.class)))
                .one();
    }

    /** The team, when the user may see it; not found otherwise. */
    public Mono<Team> team(CurrentUser user, TeamId team) {
        if (!user.canSee(team)) {
            return Mono.error(new NotFoundException("No team " + team));
        }
        return db.sql("SELECT time_zone FROM teams WHERE id = :team")
                .bind("team", team.value())
                .map((row, meta) -> ZoneId.of(row.get("time_zone", String.class)))
                .one()
                .switchIfEmpty(Mono.error(() -> new NotFoundException("No team " + team)))
                .flatMap(zone -> db.sql("SELECT id, name FROM reps WHERE team_id = :team ORDER BY name, id")
                        .bind("team", team.value())
                        .map((row, meta) ->
                                Map.entry(new RepId(row.get("id", UUID.class)), row.get("name", String.class)))
                        .all()
                        .collectMap(Map.Entry::getKey, Map.Entry::getValue, LinkedHashMap::new)
                        .map(reps -> new Team(team, zone, reps)));
    }

    /** Each rep's totals over the days {@code from}..{@code to} (both included), every rep of the team, by name. */
    public Mono<List<RepTotals>> reps(Team team, LocalDate from, LocalDate to, Instant now) {
        Mono<Map<RepId, Totals>> rows = db.sql("SELECT rep_id, " + SUMS + " FROM metrics_rep_days WHERE team_id = :team"
                        + " AND local_day >= :from AND local_day <= :to GROUP BY rep_id")
                .bind("team", team.id().value())
                .bind("from", from)
                .bind("to", to)
                .map((row, meta) -> Map.entry(new RepId(row.get("rep_id", UUID.class)), totals(row)))
                .all()
                .collectMap(Map.Entry::getKey, Map.Entry::getValue, HashMap::new);
        return Mono.zip(rows, followUps(team, from, to, now)).map(found -> team.reps().entrySet().stream()
                .map(rep -> new RepTotals(
                        rep.getKey(),
                        rep.getValue(),
                        found.getT1()
                                .getOrDefault(rep.getKey(), Totals.NONE)
                                .plus(found.getT2().getOrDefault(rep.getKey(), Totals.NONE))))
                .toList());
    }

    /** The team's totals (or one rep's, when {@code rep} is not null) day by day, every day of the range. */
    public Mono<List<DayTotals>> days(Team team, RepId rep, LocalDate from, LocalDate to) {
        String sql = "SELECT local_day, " + SUMS + " FROM metrics_rep_days WHERE team_id = :team"
                + " AND local_day >= :from AND local_day <= :to" + (rep == null ? "" : " AND rep_id = :rep")
                + " GROUP BY local_day";
        DatabaseClient.GenericExecuteSpec query =
                db.sql(sql).bind("team", team.id().value()).bind("from", from).bind("to", to);
        if (rep != null) {
            query = query.bind("rep", rep.value());
        }
        return query.map((row, meta) -> Map.entry(row.get("local_day", LocalDate.class), totals(row)))
                .all()
                .collectMap(Map.Entry::getKey, Map.Entry::getValue, TreeMap::new)
                .map(found -> from.datesUntil(to.plusDays(1))
                        .map(day -> new DayTotals(day, found.getOrDefault(day, Totals.NONE)))
                        .toList());
    }

    /** Per rep: the rep-day row of one day with when its time was worked out and whether a shift was open. */
    public record Today(Totals totals, Instant timeAsOf, boolean open) {}

    public Mono<Map<RepId, Today>> today(Team team, LocalDate day) {
        return db.sql("SELECT * FROM metrics_rep_days WHERE team_id = :team AND local_day = :day")
                .bind("team", team.id().value())
                .bind("day", day)
                .map((row, meta) -> {
                    OffsetDateTime asOf = row.get("time_as_of", OffsetDateTime.class);
                    return Map.entry(
                            new RepId(row.get("rep_id", UUID.class)),
                            new Today(
                                    totals(row),
                                    asOf == null ? null : asOf.toInstant(),
                                    Boolean.TRUE.equals(row.get("shift_open", Boolean.class))));
                })
                .all()
                .collectMap(Map.Entry::getKey, Map.Entry::getValue, HashMap::new);
    }

    private static final String SUMS = "SUM(doors) AS doors, SUM(contacts) AS contacts, SUM(leads) AS leads,"
            + " SUM(appointments) AS appointments, SUM(sales) AS sales, SUM(revenue) AS revenue, SUM(calls) AS calls,"
            + " SUM(sms) AS sms, SUM(emails) AS emails, SUM(meetings) AS meetings, SUM(visits) AS visits,"
            + " SUM(distance_meters) AS distance_meters, SUM(shift_seconds) AS shift_seconds,"
            + " SUM(break_seconds) AS break_seconds, SUM(active_seconds) AS active_seconds,"
            + " SUM(idle_seconds) AS idle_seconds, SUM(visit_seconds) AS visit_seconds";

    private static Totals totals(io.r2dbc.spi.Readable row) {
        BigDecimal revenue = row.get("revenue", BigDecimal.class);
        return new Totals(
                new Tally(
                        count(row, "doors"),
                        count(row, "contacts"),
                        count(row, "leads"),
                        count(row, "appointments"),
                        count(row, "sales"),
                        revenue == null ? BigDecimal.ZERO : revenue,
                        count(row, "calls"),
                        count(row, "sms"),
                        count(row, "emails"),
                        count(row, "meetings"),
                        count(row, "visits"),
                        number(row, "distance_meters").doubleValue()),
                number(row, "shift_seconds").longValue(),
                number(row, "break_seconds").longValue(),
                number(row, "active_seconds").longValue(),
                number(row, "idle_seconds").longValue(),
                number(row, "visit_seconds").longValue(),
                0,
                0,
                0,
                0,
                0);
    }

    private static int count(io.r2dbc.spi.Readable row, String column) {
        return number(row, column).intValue();
    }

    private static Number number(io.r2dbc.spi.Readable row, String column) {
        Number value = row.get(column, Number.class);
        return value == null ? 0 : value;
    }

    /** Per rep, the follow-ups due in the days, as totals with only follow-up counts. */
    private Mono<Map<RepId, Totals>> followUps(Team team, LocalDate from, LocalDate to, Instant now) {
        return db.sql("SELECT rep_id, state, due_at, attempts FROM follow_ups WHERE team_id = :team"
                        + " AND due_at >= :from AND due_at < :to")
                .bind("team", team.id().value())
                .bind(
                        "from",
                        OffsetDateTime.ofInstant(from.atStartOfDay(team.zone()).toInstant(), ZoneOffset.UTC))
                .bind(
                        "to",
                        OffsetDateTime.ofInstant(
                                to.plusDays(1).atStartOfDay(team.zone()).toInstant(), ZoneOffset.UTC))
                .map((row, meta) -> {
                    boolean open = "OPEN".equals(row.get("state", String.class));
                    boolean pastDue =
                            !row.get("due_at", OffsetDateTime.class).toInstant().isAfter(now);
                    Number attempts = row.get("attempts", Number.class);
                    boolean done = !open || (attempts != null && attempts.intValue() > 0);
                    return Map.entry(
                            new RepId(row.get("rep_id", UUID.class)),
                            Totals.NONE.withFollowUps(
                                    1,
                                    open && pastDue ? 1 : 0,
                                    done ? 1 : 0,
                                    pastDue ? 1 : 0,
                                    pastDue && done ? 1 : 0));
                })
                .all()
                .collect(
                        HashMap::new,
                        (Map<RepId, Totals> map, Map.Entry<RepId, Totals> entry) ->
                                map.merge(entry.getKey(), entry.getValue(), Totals::plus));
    }
}
