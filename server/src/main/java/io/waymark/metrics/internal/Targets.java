package io.waymark.metrics.internal;

import io.waymark.identity.RepId;
import io.waymark.identity.TeamId;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Targets per team and per rep, per period and metric. A team's target applies to each of its reps without a target
 * of their own for that period and metric; a team's total target for a cumulative metric is the sum of its reps'.
 */
@Component
public class Targets {

    static final String TEAM = "TEAM";

    private final DatabaseClient db;

    Targets(DatabaseClient db) {
        this.db = db;
    }

    /** One target: for the whole team (rep null) or one rep. */
    public record Target(RepId rep, Period period, Metric metric, double value) {

        public Target {
            Objects.requireNonNull(period, "period");
            Objects.requireNonNull(metric, "metric");
            if (!(value >= 0) || Double.isInfinite(value)) {
                throw new IllegalArgumentException("a target is a finite number, not negative");
            }
        }
    }

    /** Every target of a team and its reps. */
    public Mono<List<Target>> of(TeamId team) {
        return db.sql("SELECT subject, period, metric, target FROM metrics_targets WHERE team_id = :team"
                        + " ORDER BY subject, period, metric")
                .bind("team", team.value())
                .map((row, meta) -> {
                    String subject = row.get("subject", String.class);
                    return new Target(
                            TEAM.equals(subject) ? null : new RepId(java.util.UUID.fromString(subject)),
                            Period.valueOf(row.get("period", String.class)),
                            Metric.valueOf(row.get("metric", String.class)),
                            row.get("target", Double.class));
                })
                .all()
                .collectList();
    }

    /** Replaces the targets of the team (rep null) or a rep for one period. */
    public Mono<Void> replace(TeamId team, RepId rep, Period period, Map<Metric, Double> targets, Instant now) {
        String subject = rep == null ? TEAM : rep.value().toString();
        return db.sql("DELETE FROM metrics_targets WHERE team_id = :team AND subject = :subject AND period = :period")
                .bind("team", team.value())
                .bind("subject", subject)
                .bind("period", period.name())
                .then()
                .thenMany(Flux.fromIterable(targets.entrySet())
                        .concatMap(target -> db.sql("INSERT INTO metrics_targets (team_id, subject, period, metric,"
                                        + " target, updated_at) VALUES (:team, :subject, :period, :metric, :target,"
                                        + " :now)")
                                .bind("team", team.value())
                                .bind("subject", subject)
                                .bind("period", period.name())
                                .bind("metric", target.getKey().name())
                                .bind("target", target.getValue())
                                .bind("now", OffsetDateTime.ofInstant(now, ZoneOffset.UTC))
                                .then()))
                .then();
    }

    /** The target that applies to a rep: their own, else the team's; null when there is none. */
    public static Double effective(List<Target> targets, RepId rep, Period period, Metric metric) {
        Double team = null;
        for (Target target : targets) {
            if (target.period() == period && target.metric() == metric) {
                if (rep != null && rep.equals(target.rep())) {
                    return target.value();
                }
                if (target.rep() == null) {
                    team = target.value();
                }
            }
        }
        return team;
    }
}
