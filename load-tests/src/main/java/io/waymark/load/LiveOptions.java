package io.waymark.load;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.Set;

/**
 * What one live latency run does.
 *
 * @param http the server's HTTP base URL: set-up REST API, and the live WebSocket ({@code /ws/live})
 * @param rsocket where devices connect: {@code tcp://host:port} or {@code ws://host:port/rsocket}
 * @param devices simulated devices, one rep and one RSocket connection each
 * @param pingsPerDevicePerSecond how often each device pings (1 = once a second)
 * @param dashboards live WebSocket clients, all logged in as the team's manager
 * @param duration the measured window
 * @param warmup sending before the measured window, not measured
 * @param settle how long the dashboards keep listening after the last ping, for the last rep messages
 * @param adminUser the server's admin user name
 * @param adminPassword the server's admin password ({@code WAYMARK_ADMIN_PASSWORD})
 * @param connectConcurrency device connections opened at the same time
 * @param dashboardThreads event-loop threads shared by every dashboard connection
 * @param devicesFile where to read provisioned devices from and write them to, or null
 * @param targetP99 the p99 the run is judged against
 * @param dashboardToken a token for the dashboards; with a devices file that holds every device, no REST call is
 *     made (a run against a stand-in server), or null to log in as the team's manager
 * @param sosPerSecond SOS activities per second over the warm-up and the window, each from another rep; 0 for none
 * @param sosTargetP99 the SOS → dashboard p99 the SOS verdict line judges
 * @param dashboardsAfter 0 for dashboards that connect before the devices (the default), else how long into the
 *     warm-up they connect: after the burst of a run's start, for the steady state on a machine too busy to carry
 *     that burst to 50 dashboards
 */
record LiveOptions(
        URI http,
        URI rsocket,
        int devices,
        double pingsPerDevicePerSecond,
        int dashboards,
        Duration duration,
        Duration warmup,
        Duration settle,
        String adminUser,
        String adminPassword,
        int connectConcurrency,
        int dashboardThreads,
        Path devicesFile,
        Duration targetP99,
        String dashboardToken,
        double sosPerSecond,
        Duration sosTargetP99,
        Duration dashboardsAfter) {

    static final String USAGE =
            """
            LiveLatencyBenchmark: simulated devices ping a running Waymark server while manager dashboards listen on
            the live WebSocket; reports the latency from a ping leaving a device to its rep message arriving at each
            dashboard (p50/p99/p99.9/max), messages received vs expected, ack latency and the generator's CPU.

              --http URL                server HTTP base, also for ws://.../ws/live (default http://127.0.0.1:8080)
              --rsocket URI             tcp://127.0.0.1:7000 (default) or ws://127.0.0.1:8080/rsocket
              --devices N               simulated devices, one rep each (default 5000)
              --rate-per-device R       pings per device: 1/s (default), 0.5/s, 30/m, or a bare number per second
              --dashboards N            live WebSocket clients of the team's manager (default 50)
              --duration D              measured window, e.g. 60s, 2m (default 60s)
              --warmup D                sending before the window, not measured (default 10s)
              --settle D                listening after the last ping (default 3s)
              --admin-user NAME         default admin
              --admin-password PW       the server's WAYMARK_ADMIN_PASSWORD (default $WAYMARK_ADMIN_PASSWORD)
              --connect-concurrency N   device connections opened at once (default 64)
              --dashboard-threads N     event-loop threads for all dashboards (default 2)
              --devices-file FILE       reuse the team and devices listed there (provisioning the missing ones
                                        and saving them), so repeated runs do not create new reps
              --target-p99 D            the p99 the verdict line judges (default 50ms)
              --dashboard-token TOKEN   the dashboards' token; with a --devices-file that holds every device, no
                                        REST call is made (runs against a stand-in server)
              --sos-rate R              also send SOS activities at R (10/s, 30/m, ...) during the warm-up and the
                                        window, one per rep, and measure SOS -> alert message at each dashboard
                                        (default off)
              --sos-target-p99 D        the SOS -> dashboard p99 its verdict line judges (default 100ms)
              --dashboards-after D      connect the dashboards D into the warm-up instead of before the devices
                                        (default 0: before); must leave them time before the window
            """;

    static LiveOptions parse(String[] args) {
        CommandLine line = new CommandLine(
                args,
                Set.of(
                        "http",
                        "rsocket",
                        "devices",
                        "rate-per-device",
                        "dashboards",
                        "duration",
                        "warmup",
                        "settle",
                        "admin-user",
                        "admin-password",
                        "connect-concurrency",
                        "dashboard-threads",
                        "devices-file",
                        "target-p99",
                        "dashboard-token",
                        "sos-rate",
                        "sos-target-p99",
                        "dashboards-after"),
                Set.of());
        String devicesFile = line.string("devices-file", null);
        String http = line.string("http", "http://127.0.0.1:8080");
        LiveOptions options = new LiveOptions(
                URI.create(http.endsWith("/") ? http.substring(0, http.length() - 1) : http),
                URI.create(line.string("rsocket", "tcp://127.0.0.1:7000")),
                line.integer("devices", 5000),
                parseRate(line.string("rate-per-device", "1/s")),
                line.integer("dashboards", 50),
                line.duration("duration", Duration.ofSeconds(60)),
                line.duration("warmup", Duration.ofSeconds(10)),
                line.duration("settle", Duration.ofSeconds(3)),
                line.string("admin-user", "admin"),
                line.string("admin-password", System.getenv("WAYMARK_ADMIN_PASSWORD")),
                line.integer("connect-concurrency", 64),
                line.integer("dashboard-threads", 2),
                devicesFile == null ? null : Path.of(devicesFile),
                line.duration("target-p99", Duration.ofMillis(50)),
                line.string("dashboard-token", null),
                line.string("sos-rate", null) == null ? 0 : parseRate(line.string("sos-rate", null), "--sos-rate"),
                line.duration("sos-target-p99", Duration.ofMillis(100)),
                line.duration("dashboards-after", Duration.ZERO));
        options.validate();
        return options;
    }

    /** {@code 1/s}, {@code 0.5/s}, {@code 30/m}, {@code 3600/h} or a bare number: pings per second. */
    static double parseRate(String text) {
        return parseRate(text, "--rate-per-device");
    }

    /** {@link #parseRate(String)} for {@code option}, which error messages name. */
    static double parseRate(String text, String option) {
        String value = text.trim().toLowerCase(Locale.ROOT);
        double seconds = 1;
        int slash = value.indexOf('/');
        if (slash >= 0) {
            seconds = switch (value.substring(slash + 1).trim()) {
                case "s", "1s" -> 1;
                case "m", "min", "1m" -> 60;
                case "h", "1h" -> 3600;
                default -> throw new IllegalArgumentException("not a rate: " + text + " (e.g. 1/s, 30/m)");
            };
            value = value.substring(0, slash).trim();
        }
        double perSecond;
        try {
            perSecond = Double.parseDouble(value) / seconds;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("not a rate: " + text + " (e.g. 1/s, 30/m)", e);
        }
        if (!(perSecond > 0) || Double.isInfinite(perSecond)) {
            throw new IllegalArgumentException(option + " must be positive: " + text);
        }
        return perSecond;
    }

    void validate() {
        require(devices >= 1, "--devices must be at least 1");
        require(dashboards >= 1, "--dashboards must be at least 1");
        require(pingsPerSecond() >= 1, "--devices × --rate-per-device must be at least 1 ping/s");
        require(!duration.isNegative() && !duration.isZero(), "--duration must be positive");
        require(!warmup.isNegative(), "--warmup must not be negative");
        require(!settle.isNegative(), "--settle must not be negative");
        require(dashboardThreads >= 1, "--dashboard-threads must be at least 1");
        require(connectConcurrency >= 1, "--connect-concurrency must be at least 1");
        require(
                !dashboardsAfter.isNegative() && (dashboardsAfter.isZero() || dashboardsAfter.compareTo(warmup) < 0),
                "--dashboards-after must be shorter than --warmup");
        require(sosPerSecond >= 0 && !Double.isInfinite(sosPerSecond), "--sos-rate must be positive");
        require(
                SosSchedule.needed(sosPerSecond, warmup.plus(duration).toNanos()) <= devices,
                "--sos-rate × (--warmup + --duration) must not be more SOS than --devices: one per rep");
        String scheme = rsocket.getScheme();
        require(
                "tcp".equals(scheme) || "ws".equals(scheme) || "wss".equals(scheme),
                "--rsocket must be tcp:// or ws://");
        String web = http.getScheme();
        require("http".equals(web) || "https".equals(web), "--http must be http:// or https://");
    }

    boolean sos() {
        return sosPerSecond > 0;
    }

    /** Total pings per second over all devices. */
    int pingsPerSecond() {
        return (int) Math.round(devices * pingsPerDevicePerSecond);
    }

    /** The live WebSocket's address for a token: {@code ws://host:port/ws/live?access_token=...}. */
    URI liveUri(String token) {
        String scheme = "https".equals(http.getScheme()) ? "wss" : "ws";
        String base = http.toString().substring(http.getScheme().length());
        return URI.create(scheme + base + "/ws/live?access_token="
                + java.net.URLEncoder.encode(token, java.nio.charset.StandardCharsets.UTF_8));
    }

    /**
     * The device side as the ingest benchmark's options: paced, one ping per request on the {@code pings} channel,
     * no warm-up of its own (this benchmark keeps the clock).
     */
    BenchmarkOptions deviceOptions() {
        return new BenchmarkOptions(
                http,
                rsocket,
                devices,
                pingsPerSecond(),
                1,
                duration,
                warmup,
                "channel",
                false,
                64,
                adminUser,
                adminPassword,
                connectConcurrency,
                Duration.ofSeconds(30),
                false,
                false,
                BenchmarkOptions.DEFAULT_PG_URL,
                devicesFile,
                null);
    }

    private static void require(boolean condition, String message) {
        if (!condition) {
            throw new IllegalArgumentException(message);
        }
    }
}
