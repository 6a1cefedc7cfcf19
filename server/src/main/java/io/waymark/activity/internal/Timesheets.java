package io.waymark.activity.internal;

import io.waymark.activity.FoldedClock;
import io.waymark.activity.WorkClock;
import io.waymark.activity.WorkedDay;
import io.waymark.activity.WorkedDays;
import io.waymark.identity.CurrentUser;
import io.waymark.identity.RepId;
import io.waymark.identity.TeamId;
import io.waymark.live.LiveProperties;
import io.waymark.problem.NotFoundException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/** Reps' time clocks, a day at a time, in their team's time zone, seen through the eyes of a user. */
@Component
public class Timesheets implements WorkedDays {

    /** A shift that started this long before the day still counts into it; a longer one is taken as forgotten. */
    static final Duration LOOK_BACK = WorkClock.LOOK_BACK;

    private final DatabaseClient db;
    private final LiveProperties live;

    private record RepTeam(TeamId team, ZoneId zone, Duration idleAfter) {}

    /** A rep's day: the timesheet and how its worked time splits into active and idle. */
    public record Day(Timesheet sheet, WorkedTime worked) {

        public Day {
            java.util.Objects.requireNonNull(sheet, "sheet");
            java.util.Objects.requireNonNull(worked, "worked");
        }
    }

    Timesheets(DatabaseClient db, LiveProperties live) {
        this.db = db;
        this.live = live;
    }

    /**
     * The rep's day (today when {@code day} is null), with active and idle minutes by the team's idle threshold and
     * the live board's noise radius, from the day's stored fixes and activities; not found across teams.
     */
    public Mono<Day> dayOf(CurrentUser user, RepId rep, LocalDate day, Instant now) {
        return team(user, rep).flatMap(found -> day(rep, found, day, now));
    }

    @Override
    public Mono<WorkedDay> of(RepId rep, LocalDate day, Instant now) {
        return team(rep)
                .flatMap(found -> day(rep, found, day, now).zipWith(visits(rep, found.zone(), day), (sheet, visits) -> {
                    Instant dayEnd = day.plusDays(1).atStartOfDay(found.zone()).toInstant();
                    boolean open = now.isBefore(dayEnd)
                            && sheet.sheet().shifts().stream().anyMatch(Timesheet.Span::open);
                    return new WorkedDay(
                            Duration.ofSeconds(sheet.sheet().shifts().stream()
                                    .mapToLong(span -> span.length().toSeconds())
                                    .sum()),
                            Duration.ofSeconds(sheet.sheet().breaks().stream()
                                    .mapToLong(span -> span.length().toSeconds())
                                    .sum()),
                            sheet.worked().active(),
                            sheet.worked().idle(),
                            visits,
                            open);
                }))
                .defaultIfEmpty(WorkedDay.NONE);
    }

    @Override
    public Mono<FoldedClock> clock(RepId rep, Instant now) {
        return team(rep).flatMap(found -> fold(rep, found, now));
    }

    @Override
    public Mono<FoldedClock> clock(RepId rep, Instant now, WorkClock.Saved saved, Instant savedAt) {
        return team(rep).flatMap(found -> {
            LocalDate since = LocalDate.ofInstant(now, found.zone()).minusDays(1);
            Instant from = since.atStartOfDay(found.zone()).toInstant();
            Instant latest = saved.latest();
            if (latest == null
                    || latest.isBefore(from)
                    || !saved.sameRules(found.zone(), idleAfter(found), live.noiseRadiusMeters())) {
                return fold(rep, found, now);
            }
            // Besides the events from the saved clock's latest on, those received since it was saved (less a margin
            // for events on their way to it then): an older one among them came too late for the saved clock.
            Since after = new Since(latest, savedAt.minus(FoldedClock.UNSETTLED));
            return events(rep, from, from, after).flatMap(events -> {
                if (events.stream().anyMatch(event -> event.at().isBefore(latest))) {
                    return fold(rep, found, now);
                }
                WorkClock clock = WorkClock.from(saved);
                clock.forgetBefore(since);
                return Mono.just(feed(clock, events, found.team(), now));
            });
        });
    }

    /** The rep's clock folded from all their stored events of yesterday and today (activities looking further back). */
    private Mono<FoldedClock> fold(RepId rep, RepTeam found, Instant now) {
        LocalDate since = LocalDate.ofInstant(now, found.zone()).minusDays(1);
        Instant from = since.atStartOfDay(found.zone()).toInstant();
        return events(rep, from.minus(WorkClock.LOOK_BACK), from, null)
                .map(events -> feed(
                        new WorkClock(found.zone(), idleAfter(found), live.noiseRadiusMeters(), since),
                        events,
                        found.team(),
                        now));
    }

    private Duration idleAfter(RepTeam found) {
        return found.idleAfter() != null ? found.idleAfter() : live.idleAfter();
    }

    /** Events in time order into the clock; the ones received lately are named, to be told from those after. */
    private static FoldedClock feed(WorkClock clock, List<Folded> events, TeamId team, Instant now) {
        Instant settled = now.minus(FoldedClock.UNSETTLED);
        Set<String> unsettled = new HashSet<>();
        for (Folded event : events) {
            if (event.type() == null) {
                clock.fix(event.at(), event.lat(), event.lon());
            } else {
                clock.activity(event.type(), event.at());
            }
            if (!event.receivedAt().isBefore(settled)) {
                unsettled.add(event.identity());
            }
        }
        return new FoldedClock(clock, team, now, unsettled);
    }

    /** Of the stored events in a read, only those of {@code at} on or received after {@code receivedAfter}. */
    private record Since(Instant at, Instant receivedAfter) {}

    /**
     * The rep's stored activities from {@code activitiesFrom} and fixes from {@code fixesFrom}, narrowed to {@code
     * after} when given, in time order (then by identity).
     */
    private Mono<List<Folded>> events(RepId rep, Instant activitiesFrom, Instant fixesFrom, Since after) {
        String narrowed = after == null ? "" : " AND (ts >= :at OR received_at > :receivedAfter)";
        Mono<List<Folded>> activities = narrow(
                        db.sql("SELECT id, type, ts, received_at FROM activities WHERE rep_id = :rep AND ts >= :from"
                                        + narrowed)
                                .bind("rep", rep.value())
                                .bind("from", OffsetDateTime.ofInstant(activitiesFrom, ZoneOffset.UTC)),
                        after)
                .map((row, meta) -> new Folded(
                        row.get("ts", OffsetDateTime.class).toInstant(),
                        row.get("type", String.class),
                        0,
                        0,
                        FoldedClock.activityIdentity(row.get("id", String.class)),
                        row.get("received_at", OffsetDateTime.class).toInstant()))
                .all()
                .collectList();
        Mono<List<Folded>> fixes = devicesOf(rep)
                .flatMap(devices -> devices.isEmpty()
                        ? Mono.just(List.<Folded>of())
                        : narrow(
                                        db.sql("SELECT device_id, seq, ts, lat, lon, received_at FROM pings"
                                                        + " WHERE device_id IN (:devices) AND ts >= :from" + narrowed)
                                                .bind("devices", devices)
                                                .bind("from", OffsetDateTime.ofInstant(fixesFrom, ZoneOffset.UTC)),
                                        after)
                                .map((row, meta) -> new Folded(
                                        row.get("ts", OffsetDateTime.class).toInstant(),
                                        null,
                                        row.get("lat", Double.class),
                                        row.get("lon", Double.class),
                                        FoldedClock.pingIdentity(
                                                row.get("device_id", UUID.class), row.get("seq", Long.class)),
                                        row.get("received_at", OffsetDateTime.class)
                                                .toInstant()))
                                .all()
                                .collectList());
        return Mono.zip(activities, fixes, (logged, fixed) -> {
            List<Folded> events = new ArrayList<>(logged);
            events.addAll(fixed);
            events.sort(Comparator.comparing(Folded::at).thenComparing(Folded::identity));
            return events;
        });
    }

    private static DatabaseClient.GenericExecuteSpec narrow(DatabaseClient.GenericExecuteSpec sql, Since after) {
        return after == null
                ? sql
                : sql.bind("at", OffsetDateTime.ofInstant(after.at(), ZoneOffset.UTC))
                        .bind("receivedAfter", OffsetDateTime.ofInstant(after.receivedAfter(), ZoneOffset.UTC));
    }

    /**
     * The rep's devices. Pings are read by device id (their key's first column), not through a sub-query on the
     * devices, for which PostgreSQL chose a parallel scan of whole partitions.
     */
    private Mono<List<UUID>> devicesOf(RepId rep) {
        return db.sql("SELECT id FROM devices WHERE rep_id = :rep")
                .bind("rep", rep.value())
                .map((row, meta) -> row.get("id", UUID.class))
                .all()
                .collectList();
    }

    /** A stored event read for a clock: an activity, or a fix when type is null. */
    private record Folded(Instant at, String type, double lat, double lon, String identity, Instant receivedAt) {}

    /** The length of the rep's visits that started in the day and ended (looking a day past its end for the end). */
    private Mono<Duration> visits(RepId rep, ZoneId zone, LocalDate day) {
        Instant from = day.atStartOfDay(zone).toInstant();
        Instant to = day.plusDays(1).atStartOfDay(zone).toInstant();
        return db.sql("SELECT id, type, ts FROM activities WHERE rep_id = :rep AND ts >= :from AND ts < :to"
                        + " AND type IN ('VISIT_START', 'VISIT_END')")
                .bind("rep", rep.value())
                .bind("from", OffsetDateTime.ofInstant(from, ZoneOffset.UTC))
                .bind("to", OffsetDateTime.ofInstant(to.plus(Duration.ofDays(1)), ZoneOffset.UTC))
                .map((row, meta) -> new Visit.Event(
                        rep,
                        new TeamId(new UUID(0, 0)),
                        io.waymark.protocol.Activity.of(
                                row.get("id", String.class),
                                row.get("type", String.class),
                                row.get("ts", OffsetDateTime.class).toInstant().toEpochMilli())))
                .all()
                .collectList()
                .map(events -> Visit.pair(events).stream()
                        .filter(visit ->
                                !visit.start().isBefore(from) && visit.start().isBefore(to))
                        .map(Visit::duration)
                        .filter(java.util.Objects::nonNull)
                        .reduce(Duration.ZERO, Duration::plus));
    }

    private Mono<Day> day(RepId rep, RepTeam found, LocalDate day, Instant now) {
        return sheet(rep, found, day, now).flatMap(sheet -> signs(rep, sheet)
                .map(signs -> new Day(
                        sheet,
                        WorkedTime.of(
                                WorkedTime.worked(sheet),
                                signs.fixes(),
                                signs.activities(),
                                found.idleAfter() != null ? found.idleAfter() : live.idleAfter(),
                                live.noiseRadiusMeters()))));
    }

    private record Signs(List<WorkedTime.Fix> fixes, List<Instant> activities) {}

    /** The day's fixes of all the rep's devices, and the times of their activities other than the phone's state. */
    private Mono<Signs> signs(RepId rep, Timesheet sheet) {
        Instant from = sheet.day().atStartOfDay(sheet.zone()).toInstant();
        Instant to = sheet.day().plusDays(1).atStartOfDay(sheet.zone()).toInstant();
        Mono<List<WorkedTime.Fix>> fixes = devicesOf(rep)
                .flatMap(devices -> devices.isEmpty()
                        ? Mono.just(List.<WorkedTime.Fix>of())
                        : db.sql("SELECT ts, lat, lon FROM pings WHERE device_id IN (:devices) AND ts >= :from"
                                        + " AND ts < :to")
                                .bind("devices", devices)
                                .bind("from", OffsetDateTime.ofInstant(from, ZoneOffset.UTC))
                                .bind("to", OffsetDateTime.ofInstant(to, ZoneOffset.UTC))
                                .map((row, meta) -> new WorkedTime.Fix(
                                        row.get("ts", OffsetDateTime.class).toInstant(),
                                        row.get("lat", Double.class),
                                        row.get("lon", Double.class)))
                                .all()
                                .collectList());
        Mono<List<Instant>> activities = db.sql("SELECT ts FROM activities WHERE rep_id = :rep AND ts >= :from"
                        + " AND ts < :to AND type <> 'DEVICE_STATE'")
                .bind("rep", rep.value())
                .bind("from", OffsetDateTime.ofInstant(from, ZoneOffset.UTC))
                .bind("to", OffsetDateTime.ofInstant(to, ZoneOffset.UTC))
                .map((row, meta) -> row.get("ts", OffsetDateTime.class).toInstant())
                .all()
                .collectList();
        return Mono.zip(fixes, activities, Signs::new);
    }

    private Mono<RepTeam> team(CurrentUser user, RepId rep) {
        return team(rep)
                .filter(found -> user.canSee(found.team()))
                .switchIfEmpty(Mono.error(() -> new NotFoundException("No rep " + rep)));
    }

    private Mono<RepTeam> team(RepId rep) {
        return db.sql("SELECT r.team_id, t.time_zone, t.idle_after_ms FROM reps r JOIN teams t ON t.id = r.team_id"
                        + " WHERE r.id = :rep")
                .bind("rep", rep.value())
                .map((row, meta) -> {
                    Long idleAfterMs = row.get("idle_after_ms", Long.class);
                    return new RepTeam(
                            new TeamId(row.get("team_id", UUID.class)),
                            ZoneId.of(row.get("time_zone", String.class)),
                            idleAfterMs == null ? null : Duration.ofMillis(idleAfterMs));
                })
                .one();
    }

    private Mono<Timesheet> sheet(RepId rep, RepTeam found, LocalDate day, Instant now) {
        return Mono.defer(() -> {
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
