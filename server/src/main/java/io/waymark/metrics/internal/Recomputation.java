package io.waymark.metrics.internal;

import io.waymark.activity.WorkedDays;
import io.waymark.metrics.MetricsProperties;
import io.waymark.protocol.Activity;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.UUID;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * A rep-day worked out again from the raw stored activities and pings of that rep and day, by the same rules as the
 * upkeep: the repair path ({@code POST /api/metrics/rebuild}) and the check that the aggregates are right.
 */
@Component
class Recomputation {

    private final DatabaseClient db;
    private final WorkedDays workedDays;
    private final DistanceFilter filter;

    Recomputation(DatabaseClient db, WorkedDays workedDays, MetricsProperties properties) {
        this.db = db;
        this.workedDays = workedDays;
        this.filter = new DistanceFilter(
                properties.noiseRadiusMeters(), properties.maxAccuracyMeters(), properties.maxSpeedMetersPerSecond());
    }

    Mono<RepDayStore.Recomputed> of(RepDayKey key, ZoneId zone, Instant now) {
        LocalDate day = key.day();
        OffsetDateTime from = OffsetDateTime.ofInstant(day.atStartOfDay(zone).toInstant(), ZoneOffset.UTC);
        OffsetDateTime to =
                OffsetDateTime.ofInstant(day.plusDays(1).atStartOfDay(zone).toInstant(), ZoneOffset.UTC);
        Mono<Tally> counted = db.sql("SELECT type, outcome, amount FROM activities WHERE rep_id = :rep"
                        + " AND ts >= :from AND ts < :to")
                .bind("rep", key.rep().value())
                .bind("from", from)
                .bind("to", to)
                .map((row, meta) -> Tally.of(Activity.builder("stored", row.get("type", String.class), 0)
                        .outcome(row.get("outcome", String.class))
                        .amount(row.get("amount", BigDecimal.class))
                        .build()))
                .all()
                .reduce(Tally.NONE, Tally::plus);
        Mono<Tally> travelled = db.sql("SELECT id FROM devices WHERE rep_id = :rep")
                .bind("rep", key.rep().value())
                .map((row, meta) -> row.get("id", UUID.class))
                .all()
                .collectList()
                .filter(devices -> !devices.isEmpty())
                // by device id (the pings' key), not a sub-query, which PostgreSQL answered with a parallel scan
                .flatMapMany(devices -> db.sql("SELECT ts, lat, lon, accuracy, mock FROM pings"
                                + " WHERE device_id IN (:devices) AND ts >= :from AND ts < :to ORDER BY ts, seq")
                        .bind("devices", devices)
                        .bind("from", from)
                        .bind("to", to)
                        .map((row, meta) -> {
                            Number accuracy = row.get("accuracy", Number.class);
                            return new DistanceFilter.Fix(
                                    row.get("ts", OffsetDateTime.class).toInstant(),
                                    row.get("lat", Double.class),
                                    row.get("lon", Double.class),
                                    accuracy == null ? null : accuracy.doubleValue(),
                                    Boolean.TRUE.equals(row.get("mock", Boolean.class)));
                        })
                        .all())
                .reduce(new DistanceFilter.Step(0, null), (walked, fix) -> {
                    DistanceFilter.Step step = filter.take(walked.anchor(), fix, zone);
                    return new DistanceFilter.Step(walked.meters() + step.meters(), step.anchor());
                })
                .map(walked -> Tally.distance(walked.meters()));
        return Mono.zip(counted, travelled, workedDays.of(key.rep(), day, now))
                .map(parts -> new RepDayStore.Recomputed(parts.getT1().plus(parts.getT2()), parts.getT3(), now));
    }
}
