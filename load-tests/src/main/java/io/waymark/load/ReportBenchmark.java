package io.waymark.load;

import io.r2dbc.postgresql.PostgresqlConnectionConfiguration;
import io.r2dbc.postgresql.PostgresqlConnectionFactory;
import io.r2dbc.postgresql.api.PostgresqlConnection;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.HdrHistogram.Histogram;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

/**
 * How long the report calls take over the history {@link ReportData} made: each call {@code --runs} times one after
 * the other, after {@code --warmup} unmeasured ones, and in the same run two baselines: a trivial authenticated call
 * ({@code GET /api/teams/{id}}: the cost of HTTP, the token and JSON alone) and, with {@code --database}, the
 * month's door knocks and distance per rep computed straight from the raw activities and pings in PostgreSQL (what a
 * report would cost without the per-rep-and-day aggregates).
 */
public final class ReportBenchmark {

    /** The report calls measured; {team}, {from}, {to} (dates in the team's zone) and {today} are filled in. */
    static final Map<String, String> CALLS = defaultCalls();

    /** The raw baseline: door knocks from activities and metres walked from pings, per rep, over the month. */
    static final String RAW_SQL =
            """
            WITH fixes AS (
                SELECT p.rep_id, p.lat, p.lon,
                       LAG(p.lat) OVER (PARTITION BY p.device_id ORDER BY p.ts) AS prev_lat,
                       LAG(p.lon) OVER (PARTITION BY p.device_id ORDER BY p.ts) AS prev_lon
                FROM pings p
                WHERE p.rep_id IN (SELECT id FROM reps WHERE team_id = $1) AND p.ts >= $2 AND p.ts < $3),
            walked AS (
                SELECT rep_id, SUM(6371000 * 2 * ASIN(SQRT(
                    POWER(SIN(RADIANS(lat - prev_lat) / 2), 2)
                    + COS(RADIANS(prev_lat)) * COS(RADIANS(lat)) * POWER(SIN(RADIANS(lon - prev_lon) / 2), 2))))
                    AS meters
                FROM fixes WHERE prev_lat IS NOT NULL GROUP BY rep_id),
            knocked AS (
                SELECT rep_id, COUNT(*) AS doors FROM activities
                WHERE team_id = $1 AND type = 'DOOR_KNOCK' AND ts >= $2 AND ts < $3 GROUP BY rep_id)
            SELECT r.id, COALESCE(k.doors, 0) AS doors, COALESCE(w.meters, 0) AS meters
            FROM reps r LEFT JOIN knocked k ON k.rep_id = r.id LEFT JOIN walked w ON w.rep_id = r.id
            WHERE r.team_id = $1""";

    private ReportBenchmark() {}

    private static Map<String, String> defaultCalls() {
        Map<String, String> calls = new LinkedHashMap<>();
        calls.put("metrics/reps, 30 days", "/api/metrics/reps?teamId={team}&from={from}&to={to}");
        calls.put("metrics/reps, 30 days, CSV", "/api/metrics/reps?teamId={team}&from={from}&to={to}&csv");
        calls.put("metrics/team, 30 days", "/api/metrics/team?teamId={team}&from={from}&to={to}");
        calls.put("metrics/funnel, 30 days", "/api/metrics/funnel?teamId={team}&from={from}&to={to}");
        calls.put("metrics/trend, 30 days", "/api/metrics/trend?teamId={team}&from={from}&to={to}");
        calls.put("leaderboard, month, doors", "/api/metrics/leaderboard?teamId={team}&period=month&metric=doors");
        calls.put("pace, today", "/api/metrics/pace?teamId={team}");
        return calls;
    }

    public static void main(String[] args) throws Exception {
        CommandLine line = new CommandLine(
                args,
                Set.of(
                        "http",
                        "admin-user",
                        "admin-password",
                        "devices-file",
                        "team",
                        "zone",
                        "days",
                        "runs",
                        "warmup",
                        "database",
                        "call"),
                Set.of("help"));
        if (line.flag("help")) {
            System.out.println(
                    """
                    ReportBenchmark: report latency over the history ReportData made
                      --http URI               http://127.0.0.1:8080 (default)
                      --admin-user NAME        admin (default)
                      --admin-password PW      or WAYMARK_ADMIN_PASSWORD
                      --devices-file PATH      ReportData's file: the team is read from it (or --team ID)
                      --zone ID                America/Chicago (default): the team's zone, for the dates
                      --days N                 30 (default): the range ends yesterday
                      --runs N                 20 (default): measured calls of each kind
                      --warmup N               5 (default): unmeasured calls of each kind first
                      --database URL           r2dbc:postgresql://127.0.0.1:5432/DB for the raw baseline (optional)
                      --call PATH              a call of your own instead of the default ones ({team} {from} {to};
                                               a path ending in &csv asks for text/csv)
                    """);
            return;
        }
        URI http = URI.create(line.string("http", "http://127.0.0.1:8080"));
        ZoneId zone = ZoneId.of(line.string("zone", "America/Chicago"));
        int days = line.integer("days", 30);
        int runs = line.integer("runs", 20);
        int warmup = line.integer("warmup", 5);
        String team = line.string("team", null);
        if (team == null && line.has("devices-file")) {
            team = teamOf(Path.of(line.string("devices-file", null)));
        }
        if (team == null) {
            throw new IllegalArgumentException("--team or --devices-file is needed");
        }
        SetupClient setup = new SetupClient(http, JsonMapper.builder().build());
        String token = setup.token(
                line.string("admin-user", "admin"),
                line.string("admin-password", System.getenv("WAYMARK_ADMIN_PASSWORD")));
        LocalDate today = LocalDate.now(zone);
        LocalDate from = today.minusDays(days);
        LocalDate to = today.minusDays(1);
        Map<String, String> calls = new LinkedHashMap<>();
        calls.put("baseline: GET /api/teams/{id}", "/api/teams/{team}");
        if (line.has("call")) {
            calls.put(line.string("call", null), line.string("call", null));
        } else {
            calls.putAll(CALLS);
        }

        HttpClient client = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5))
                .build();
        System.out.printf(
                Locale.ROOT,
                "== Waymark report latency ==%nteam %s, %s to %s (%s), %d measured calls of each after %d warm-up%n",
                team,
                from,
                to,
                zone,
                runs,
                warmup);
        List<String> rows = new ArrayList<>();
        double baselineMedian = 0;
        for (Map.Entry<String, String> call : calls.entrySet()) {
            String path = fill(call.getValue(), team, from, to, today);
            Histogram histogram = new Histogram(3_600_000_000L, 3);
            int bytes = 0;
            for (int i = 0; i < warmup + runs; i++) {
                boolean csv = path.endsWith("&csv");
                HttpRequest request = HttpRequest.newBuilder(
                                http.resolve(csv ? path.substring(0, path.length() - 4) : path))
                        .header("Authorization", "Bearer " + token)
                        .header("Accept", csv ? "text/csv" : "application/json")
                        .timeout(Duration.ofMinutes(2))
                        .GET()
                        .build();
                long started = System.nanoTime();
                HttpResponse<byte[]> response = client.send(request, HttpResponse.BodyHandlers.ofByteArray());
                long micros = (System.nanoTime() - started) / 1_000;
                if (response.statusCode() != 200) {
                    throw new IllegalStateException("GET " + path + " answered " + response.statusCode() + ": "
                            + new String(response.body(), java.nio.charset.StandardCharsets.UTF_8));
                }
                bytes = response.body().length;
                if (i >= warmup) {
                    histogram.recordValue(micros);
                }
            }
            double median = histogram.getValueAtPercentile(50) / 1000.0;
            if (rows.isEmpty()) {
                baselineMedian = median;
            }
            rows.add(row(call.getKey(), path, histogram, bytes, baselineMedian));
        }
        if (line.has("database")) {
            rows.add(
                    raw(line.string("database", null), team, from, to.plusDays(1), zone, warmup, runs, baselineMedian));
        }
        rows.forEach(System.out::println);
    }

    static String fill(String template, String team, LocalDate from, LocalDate to, LocalDate today) {
        return template.replace("{team}", team)
                .replace("{from}", from.toString())
                .replace("{to}", to.toString())
                .replace("{today}", today.toString());
    }

    private static String row(String name, String path, Histogram histogram, int bytes, double baselineMedian) {
        double median = histogram.getValueAtPercentile(50) / 1000.0;
        return String.format(
                Locale.ROOT,
                "%-32s p50 %8.2f ms  p90 %8.2f ms  max %8.2f ms  (%,d bytes; %.1f× the baseline's p50)  %s",
                name,
                median,
                histogram.getValueAtPercentile(90) / 1000.0,
                histogram.getMaxValue() / 1000.0,
                bytes,
                baselineMedian > 0 ? median / baselineMedian : 1.0,
                path);
    }

    /** The raw baseline's latency, straight on PostgreSQL (no HTTP): the same number of warm-up and measured runs. */
    private static String raw(
            String url,
            String team,
            LocalDate from,
            LocalDate end,
            ZoneId zone,
            int warmup,
            int runs,
            double baselineMedian) {
        URI uri = URI.create(url.replaceFirst("^r2dbc:", ""));
        PostgresqlConnectionFactory factory =
                new PostgresqlConnectionFactory(PostgresqlConnectionConfiguration.builder()
                        .host(uri.getHost())
                        .port(uri.getPort() < 0 ? 5432 : uri.getPort())
                        .database(uri.getPath().substring(1))
                        .username("postgres")
                        .build());
        PostgresqlConnection connection = factory.create().block(Duration.ofSeconds(10));
        try {
            Histogram histogram = new Histogram(3_600_000_000L, 3);
            long reps = 0;
            for (int i = 0; i < warmup + runs; i++) {
                long started = System.nanoTime();
                reps = connection
                        .createStatement(RAW_SQL)
                        .bind("$1", java.util.UUID.fromString(team))
                        .bind("$2", from.atStartOfDay(zone).toOffsetDateTime())
                        .bind("$3", end.atStartOfDay(zone).toOffsetDateTime())
                        .execute()
                        .flatMap(result -> result.map((row, meta) -> 1L))
                        .count()
                        .block(Duration.ofMinutes(10));
                if (i >= warmup) {
                    histogram.recordValue((System.nanoTime() - started) / 1_000);
                }
            }
            return row(
                    "raw scan (SQL, " + reps + " reps)",
                    "doors + distance from activities and pings",
                    histogram,
                    0,
                    baselineMedian);
        } finally {
            Mono.from(connection.close()).block(Duration.ofSeconds(10));
        }
    }

    /** The team line of a ReportData devices file. */
    static String teamOf(Path file) throws java.io.IOException {
        for (String text : Files.readAllLines(file)) {
            if (text.startsWith("# team ")) {
                return text.substring("# team ".length()).trim();
            }
        }
        throw new IllegalArgumentException(file + " names no team");
    }
}
