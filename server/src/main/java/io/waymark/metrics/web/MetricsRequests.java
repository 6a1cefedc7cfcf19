package io.waymark.metrics.web;

import io.waymark.identity.TeamId;
import io.waymark.metrics.internal.Metric;
import io.waymark.metrics.internal.Period;
import io.waymark.metrics.internal.Reports;
import io.waymark.metrics.internal.Totals;
import io.waymark.problem.InvalidInputException;
import io.waymark.problem.NotFoundException;
import io.waymark.query.QueryParameters;
import java.nio.charset.StandardCharsets;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

/** The parameters and answers shared by the metrics endpoints. */
final class MetricsRequests {

    static final MediaType TEXT_CSV = new MediaType("text", "csv", StandardCharsets.UTF_8);

    /** A range of the team's days. */
    record Range(LocalDate from, LocalDate to) {}

    private MetricsRequests() {}

    @SuppressWarnings("unchecked")
    static Map<String, Object> nested(Map<String, Object> map, String key) {
        return (Map<String, Object>) map.computeIfAbsent(key, missing -> new LinkedHashMap<String, Object>());
    }

    static Map<String, Object> row(String repId, String repName, Totals totals) {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("repId", repId);
        row.put("repName", repName);
        for (Metric metric : Metric.values()) {
            row.put(metric.key(), metric.of(totals));
        }
        return row;
    }

    static ResponseEntity<?> answer(List<Map<String, Object>> rows, String accept, String filename) {
        if (wantsCsv(accept)) {
            return ResponseEntity.ok()
                    .contentType(TEXT_CSV)
                    .header(
                            HttpHeaders.CONTENT_DISPOSITION,
                            ContentDisposition.attachment()
                                    .filename(filename)
                                    .build()
                                    .toString())
                    .body(MetricsCsv.of(rows));
        }
        return ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON).body(rows);
    }

    /** CSV when the client prefers {@code text/csv} to JSON. */
    static boolean wantsCsv(String accept) {
        if (accept == null || accept.isBlank()) {
            return false;
        }
        double csv = 0;
        double json = 0;
        for (MediaType type : MediaType.parseMediaTypes(accept)) {
            if (type.isWildcardType()) {
                continue;
            }
            if ("text".equals(type.getType()) && "csv".equals(type.getSubtype())) {
                csv = Math.max(csv, type.getQualityValue());
            } else if (type.isCompatibleWith(MediaType.APPLICATION_JSON)) {
                json = Math.max(json, type.getQualityValue());
            }
        }
        return csv > 0 && csv >= json;
    }

    static TeamId team(String teamId) {
        if (teamId == null || teamId.isBlank()) {
            throw new InvalidInputException("teamId", "is required");
        }
        return new TeamId(uuid(teamId, "team"));
    }

    static UUID uuid(String value, String what) {
        try {
            if (value.strip().length() == 36) {
                return UUID.fromString(value.strip());
            }
        } catch (IllegalArgumentException ignored) {
            // not found below
        }
        throw new NotFoundException("No " + what + " " + value);
    }

    /** {@code from} and {@code to} as dates (null when absent); a 400 naming the field for anything else. */
    /**
     * One end of a range as given: a day ({@code YYYY-MM-DD} in the team's time zone) or, as the contract has every
     * {@code from} and {@code to} take, an instant (epoch milliseconds or ISO-8601), which stands for its day in the
     * team's zone.
     */
    record Bound(LocalDate date, Instant instant) {

        static Bound of(LocalDate date) {
            return new Bound(date, null);
        }

        LocalDate in(ZoneId zone) {
            return date != null ? date : LocalDate.ofInstant(instant, zone);
        }
    }

    static Bound[] days(String from, String to) {
        QueryParameters parameters = new QueryParameters();
        Bound[] days = {bound("from", from, parameters), bound("to", to, parameters)};
        parameters.check();
        return days;
    }

    static Bound bound(String field, String value, QueryParameters parameters) {
        if (value == null || value.isBlank()) {
            return null;
        }
        String text = value.strip();
        if (text.chars().allMatch(Character::isDigit) || text.contains("T")) {
            Instant instant = parameters.instant(field, text);
            return instant == null ? null : new Bound(null, instant);
        }
        try {
            return Bound.of(LocalDate.parse(text));
        } catch (DateTimeException notADate) {
            parameters.reject(
                    field,
                    "must be a date YYYY-MM-DD in the team's time zone (such as 2026-11-30), epoch milliseconds or an"
                            + " ISO-8601 instant");
            return null;
        }
    }

    static Bound[] lastDays(Reports.Team team, Instant now, int count) {
        LocalDate today = LocalDate.ofInstant(now, team.zone());
        return new Bound[] {Bound.of(today.minusDays(count - 1L)), Bound.of(today)};
    }

    /** Without {@code to}: today; without {@code from}: {@code to}. At most {@code max-range-days} days. */
    static Range range(Bound[] days, Reports.Team team, Instant now, int maxRangeDays) {
        LocalDate to = days[1] != null ? days[1].in(team.zone()) : LocalDate.ofInstant(now, team.zone());
        LocalDate from = days[0] != null ? days[0].in(team.zone()) : to;
        if (from.isAfter(to)) {
            throw new InvalidInputException("from", "must not be after to");
        }
        if (ChronoUnit.DAYS.between(from, to) + 1 > maxRangeDays) {
            throw new InvalidInputException("to", "the range may span at most " + maxRangeDays + " days");
        }
        return new Range(from, to);
    }

    static Period period(String value, QueryParameters parameters) {
        if (value == null || value.isBlank()) {
            parameters.reject("period", "is required: day, week or month");
            return Period.DAY;
        }
        return Period.byKey(value.strip()).orElseGet(() -> {
            parameters.reject("period", "must be day, week or month");
            return Period.DAY;
        });
    }

    static Metric metric(String value, String field, QueryParameters parameters) {
        return Metric.byKey(value.strip()).orElseGet(() -> {
            parameters.reject(
                    field,
                    "unknown metric " + value + "; known: "
                            + String.join(
                                    ", ",
                                    Arrays.stream(Metric.values())
                                            .map(Metric::key)
                                            .toList()));
            return null;
        });
    }
}
