package io.waymark.territory.internal;

import io.waymark.bus.EventBus;
import io.waymark.identity.RepId;
import io.waymark.identity.TeamId;
import io.waymark.ingest.ActivitiesStored;
import io.waymark.ingest.Knock;
import io.waymark.ingest.Knocks;
import io.waymark.ingest.StoredActivity;
import io.waymark.territory.TeamCoverage;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.locationtech.jts.geom.Envelope;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * Which cells (at {@link TeamCoverage#RESOLUTION}) each rep of a team knocked in a span, for a team's coverage: the
 * distinct (rep, cell) pairs of the door knocks, so that a month's coverage need not read and locate every knock of
 * the month at each call.
 *
 * <p>A UTC day that is over and lies wholly in the span is kept in memory once read (all of the team's knocks of that
 * day, wherever they are); the rest (today, and the parts of days at the ends of a span, which follow the team's time
 * zone) is read from the knocks at each call, inside the box asked for. A knock stored for a day that is over (a phone
 * that was offline) drops that day ({@link ActivitiesStored}); a day read while such a knock arrived is not kept. A day
 * is kept at most {@link #KEEP} (should an event have been lost), and at most {@link #MAX_PAIRS} pairs are kept in
 * all, the least recently used days going first.
 */
@Component
class KnockedCells implements SmartLifecycle {

    /** How long a day is kept at most. */
    static final Duration KEEP = Duration.ofMinutes(10);

    /** How many (rep, cell) pairs are kept at most, of every team and day (about 16 bytes each: 32 MB). */
    static final long MAX_PAIRS = 2_000_000;

    private static final int READS_AT_ONCE = 4;

    private static final Envelope WORLD = new Envelope(-180, 180, -90, 90);

    private final Knocks knocks;
    private final CellGrid grid;
    private final Clock clock;
    private final EventBus bus;
    private final Map<Day, Kept> days = new LinkedHashMap<>(256, 0.75f, true);
    private long keptPairs;
    private long lateKnocks;
    private volatile Disposable running;

    KnockedCells(Knocks knocks, CellGrid grid, Clock clock, EventBus bus) {
        this.knocks = knocks;
        this.grid = grid;
        this.clock = clock;
        this.bus = bus;
    }

    /** The distinct (rep, cell) pairs of a span of a team's knocks, or of a part of it. */
    static final class Pairs {

        private final RepId[] reps;
        private final long[] cells;

        Pairs(List<RepId> reps, long[] cells) {
            if (reps.size() != cells.length) {
                throw new IllegalArgumentException("a rep for each cell");
            }
            this.reps = reps.toArray(RepId[]::new);
            this.cells = cells.clone();
        }

        int size() {
            return cells.length;
        }

        RepId rep(int i) {
            return reps[i];
        }

        long cell(int i) {
            return cells[i];
        }
    }

    /** A team's UTC day. */
    private record Day(TeamId team, Instant start) {}

    private record Kept(Pairs pairs, Instant readAt) {}

    /**
     * The (rep, cell) pairs of a team's knocks with {@code from <= ts < to}, in chunks in no particular order (a
     * pair may come in two chunks): those inside {@code box}, and possibly others (a day kept holds all of the day's).
     */
    Flux<Pairs> of(TeamId team, Instant from, Instant to, Envelope box) {
        Objects.requireNonNull(team, "team");
        Objects.requireNonNull(box, "box");
        Instant now = clock.instant();
        List<Mono<Pairs>> parts = new ArrayList<>();
        Instant start = from;
        while (start.isBefore(to)) {
            Instant dayStart = start.truncatedTo(ChronoUnit.DAYS);
            Instant dayEnd = dayStart.plus(Duration.ofDays(1));
            Instant end = dayEnd.isBefore(to) ? dayEnd : to;
            if (dayStart.equals(start) && end.equals(dayEnd) && !dayEnd.isAfter(now)) {
                parts.add(day(new Day(team, dayStart), now));
            } else {
                Instant partStart = start;
                parts.add(Mono.defer(() -> read(team, partStart, end, box)));
            }
            start = end;
        }
        // A few days read at once (the order of the chunks does not matter to a count).
        return Flux.merge(Flux.fromIterable(parts), READS_AT_ONCE);
    }

    private Mono<Pairs> day(Day day, Instant now) {
        return Mono.defer(() -> {
            long seen;
            synchronized (days) {
                Kept kept = days.get(day);
                if (kept != null && kept.readAt().plus(KEEP).isAfter(now)) {
                    return Mono.just(kept.pairs());
                }
                seen = lateKnocks;
            }
            return read(day.team(), day.start(), day.start().plus(Duration.ofDays(1)), WORLD)
                    .doOnNext(pairs -> keep(day, pairs, now, seen));
        });
    }

    private void keep(Day day, Pairs pairs, Instant readAt, long seen) {
        synchronized (days) {
            if (lateKnocks != seen) {
                return; // a knock of a past day arrived meanwhile: maybe of this one
            }
            Kept previous = days.put(day, new Kept(pairs, readAt));
            keptPairs += pairs.size() - (previous == null ? 0 : previous.pairs().size());
            Iterator<Kept> oldest = days.values().iterator();
            while (keptPairs > MAX_PAIRS && oldest.hasNext()) {
                keptPairs -= oldest.next().pairs().size();
                oldest.remove();
            }
        }
    }

    /** Reads and locates the knocks of a span (on the parallel scheduler: the cell work is CPU work). */
    private Mono<Pairs> read(TeamId team, Instant from, Instant to, Envelope box) {
        return knocks.of(team, box.getMinY(), box.getMinX(), box.getMaxY(), box.getMaxX(), from, to)
                .publishOn(Schedulers.parallel())
                .collect(() -> new HashMap<RepId, Set<Long>>(), (found, knock) -> found.computeIfAbsent(
                                knock.rep(), rep -> new HashSet<>())
                        .add(cellOf(knock)))
                .map(KnockedCells::pairs);
    }

    private long cellOf(Knock knock) {
        return grid.cellOf(knock.lat(), knock.lon(), TeamCoverage.RESOLUTION);
    }

    private static Pairs pairs(Map<RepId, Set<Long>> found) {
        List<RepId> reps = new ArrayList<>();
        List<Long> cells = new ArrayList<>();
        found.forEach((rep, worked) -> worked.forEach(cell -> {
            reps.add(rep);
            cells.add(cell);
        }));
        return new Pairs(reps, cells.stream().mapToLong(Long::longValue).toArray());
    }

    /** Knocks were stored: a day that is over and kept is dropped when one of them is of it. */
    void stored(ActivitiesStored stored) {
        Instant today = clock.instant().truncatedTo(ChronoUnit.DAYS);
        for (StoredActivity each : stored.activities()) {
            Long ts = each.activity().ts();
            if (!"DOOR_KNOCK".equals(each.activity().type()) || ts == null) {
                continue;
            }
            Instant dayStart = Instant.ofEpochMilli(ts).truncatedTo(ChronoUnit.DAYS);
            if (dayStart.isBefore(today)) {
                synchronized (days) {
                    lateKnocks++;
                    Kept dropped = days.remove(new Day(each.device().teamId(), dayStart));
                    if (dropped != null) {
                        keptPairs -= dropped.pairs().size();
                    }
                }
            }
        }
    }

    @Override
    public void start() {
        running = bus.events(ActivitiesStored.class).subscribe(this::stored);
    }

    @Override
    public void stop() {
        Disposable subscription = running;
        if (subscription != null) {
            subscription.dispose();
            running = null;
        }
    }

    @Override
    public boolean isRunning() {
        return running != null;
    }
}
