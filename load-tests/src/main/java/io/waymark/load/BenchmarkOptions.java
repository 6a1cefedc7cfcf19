package io.waymark.load;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Set;

/**
 * What one ingest benchmark run does.
 *
 * @param http the server's HTTP base URL, for the set-up REST API
 * @param rsocket where devices connect: {@code tcp://host:port} or {@code ws://host:port/rsocket}
 * @param devices simulated devices, one connection each
 * @param pingsPerSecond total target rate over all devices (paced mode)
 * @param pingsPerBatch pings per request
 * @param duration the measured window
 * @param warmup sending before the measured window, not measured
 * @param mode {@code channel} (route {@code pings}) or {@code request} (route {@code pings.batch})
 * @param maxThroughput each device sends as fast as acks allow instead of at a paced rate
 * @param inflightBatches batches a device may have unacknowledged; in paced mode a send that would pass it is
 *     skipped and counted
 * @param adminUser the server's admin user name
 * @param adminPassword the server's admin password ({@code WAYMARK_ADMIN_PASSWORD})
 * @param connectConcurrency connections opened at the same time
 * @param drainTimeout how long to wait for outstanding acks after the window
 * @param verifyDb whether to count the stored pings in PostgreSQL afterwards
 * @param copyBaseline whether to run {@link CopyBaseline} with the same number of rows afterwards
 * @param pgUrl the R2DBC URL of the server's database (verification and baseline)
 * @param devicesFile where to read provisioned devices from (skips provisioning when it exists) and write them to
 * @param jsonOut where to write the report as JSON as well, or null
 */
record BenchmarkOptions(
        URI http,
        URI rsocket,
        int devices,
        int pingsPerSecond,
        int pingsPerBatch,
        Duration duration,
        Duration warmup,
        String mode,
        boolean maxThroughput,
        int inflightBatches,
        String adminUser,
        String adminPassword,
        int connectConcurrency,
        Duration drainTimeout,
        boolean verifyDb,
        boolean copyBaseline,
        String pgUrl,
        Path devicesFile,
        Path jsonOut) {

    static final String DEFAULT_PG_URL = "r2dbc:postgresql://postgres@127.0.0.1:5432/waymark_bench";

    static final String USAGE =
            """
            IngestBenchmark: simulated devices stream pings to a running Waymark server; reports durable pings/s
            and ack latency.

              --http URL               server HTTP base (default http://127.0.0.1:8080)
              --rsocket URI            tcp://127.0.0.1:7000 (default) or ws://127.0.0.1:8080/rsocket
              --devices N              simulated devices, one connection each (default 2000)
              --rate N                 total pings/s over all devices, paced (default 10000)
              --batch N                pings per request (default 1; 200 with --max-throughput)
              --duration D             measured window, e.g. 60s, 2m (default 60s)
              --warmup D               sending before the window, not measured (default 10s)
              --mode channel|request   'pings' request-channel or 'pings.batch' request-response (default channel)
              --max-throughput         each device sends as fast as acks allow (ignores --rate)
              --inflight N             unacked batches per device (default 64 paced; 2 with --max-throughput)
              --admin-user NAME        default admin
              --admin-password PW      the server's WAYMARK_ADMIN_PASSWORD (default $WAYMARK_ADMIN_PASSWORD)
              --connect-concurrency N  connections opened at once (default 64)
              --drain-timeout D        wait for outstanding acks after the window (default 30s)
              --verify-db              count the stored pings in PostgreSQL afterwards
              --copy-baseline          afterwards, load as many rows with binary COPY (1 and 2 connections)
              --pg-url URL             R2DBC URL for --verify-db/--copy-baseline
                                       (default r2dbc:postgresql://postgres@127.0.0.1:5432/waymark_bench)
              --devices-file FILE      reuse the devices listed there (provisioning the missing ones and
                                       saving them), so repeated runs do not create new reps
              --json-out FILE          also write the report (with per-second counts) as JSON
            """;

    static BenchmarkOptions parse(String[] args) {
        CommandLine line = new CommandLine(
                args,
                Set.of(
                        "http",
                        "rsocket",
                        "devices",
                        "rate",
                        "batch",
                        "duration",
                        "warmup",
                        "mode",
                        "inflight",
                        "admin-user",
                        "admin-password",
                        "connect-concurrency",
                        "drain-timeout",
                        "pg-url",
                        "devices-file",
                        "json-out"),
                Set.of("max-throughput", "verify-db", "copy-baseline"));
        boolean maxThroughput = line.flag("max-throughput");
        String envPassword = System.getenv("WAYMARK_ADMIN_PASSWORD");
        String devicesFile = line.string("devices-file", null);
        BenchmarkOptions options = new BenchmarkOptions(
                URI.create(stripSlash(line.string("http", "http://127.0.0.1:8080"))),
                URI.create(line.string("rsocket", "tcp://127.0.0.1:7000")),
                line.integer("devices", 2000),
                line.integer("rate", 10_000),
                line.integer("batch", maxThroughput ? 200 : 1),
                line.duration("duration", Duration.ofSeconds(60)),
                line.duration("warmup", Duration.ofSeconds(10)),
                line.string("mode", "channel"),
                maxThroughput,
                line.integer("inflight", maxThroughput ? 2 : 64),
                line.string("admin-user", "admin"),
                line.string("admin-password", envPassword),
                line.integer("connect-concurrency", 64),
                line.duration("drain-timeout", Duration.ofSeconds(30)),
                line.flag("verify-db"),
                line.flag("copy-baseline"),
                line.string("pg-url", DEFAULT_PG_URL),
                devicesFile == null ? null : Path.of(devicesFile),
                line.string("json-out", null) == null ? null : Path.of(line.string("json-out", null)));
        options.validate();
        return options;
    }

    void validate() {
        require(devices >= 1, "--devices must be at least 1");
        require(maxThroughput || pingsPerSecond >= 1, "--rate must be at least 1");
        require(pingsPerBatch >= 1 && pingsPerBatch <= 1000, "--batch must be 1..1000");
        require(inflightBatches >= 1, "--inflight must be at least 1");
        require(!duration.isNegative() && !duration.isZero(), "--duration must be positive");
        require(!warmup.isNegative(), "--warmup must not be negative");
        require(mode.equals("channel") || mode.equals("request"), "--mode must be channel or request");
        String scheme = rsocket.getScheme();
        require(
                "tcp".equals(scheme) || "ws".equals(scheme) || "wss".equals(scheme),
                "--rsocket must be tcp:// or ws://");
    }

    boolean channel() {
        return mode.equals("channel");
    }

    private static void require(boolean condition, String message) {
        if (!condition) {
            throw new IllegalArgumentException(message);
        }
    }

    private static String stripSlash(String url) {
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }
}
