package io.waymark.load;

import java.io.IOException;
import java.nio.file.Files;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.netty.resources.LoopResources;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * The live end-to-end latency: from a ping leaving a device (its {@code ts}, the wall clock at send) to the
 * {@code rep} message carrying it arriving at a manager dashboard on the live WebSocket, while N devices ping at a
 * paced rate and M dashboards listen. With {@code --sos-rate}, some devices also send one SOS activity each and the
 * dashboards measure from the SOS leaving the device to the {@code alert} message that raises its alert.
 */
public final class LiveLatencyBenchmark {

    private static final Logger log = LoggerFactory.getLogger(LiveLatencyBenchmark.class);
    private static final long PROGRESS_NANOS = TimeUnit.SECONDS.toNanos(5);
    private static final String MANAGER_PASSWORD = "bench-manager-pw";

    private final LiveOptions options;
    private final JsonMapper json = JsonMapper.builder()
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .disable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .build();

    LiveLatencyBenchmark(LiveOptions options) {
        this.options = options;
    }

    public static void main(String[] args) throws IOException {
        LeakDetection.offUnlessAsked();
        LiveOptions options;
        try {
            if (List.of(args).contains("--help")) {
                System.out.print(LiveOptions.USAGE);
                return;
            }
            options = LiveOptions.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.err.print(LiveOptions.USAGE);
            System.exit(2);
            return;
        }
        LiveReport report = new LiveLatencyBenchmark(options).run();
        System.out.print(report.format());
        System.out.flush();
        System.exit(report.clean() ? 0 : 1);
    }

    LiveReport run() throws IOException {
        SetupClient setup = new SetupClient(options.http(), json);
        if (options.dashboardToken() != null && listed(options.devicesFile()) >= options.devices()) {
            return run(
                    setup.devices(options.devices(), options.connectConcurrency(), options.devicesFile()),
                    options.dashboardToken());
        }
        setup.login(options.adminUser(), options.adminPassword());
        List<ProvisionedDevice> identities = setup.devices(options.devices(), 16, options.devicesFile());
        String team = setup.teamId();
        if (team == null) {
            throw new IllegalStateException("no team for the devices: the devices file has no '# team' line");
        }
        String manager = "bench-manager-" + team;
        boolean made = setup.ensureUser(manager, MANAGER_PASSWORD, "MANAGER", team);
        log.info("manager {} of team {} {}", manager, team, made ? "created" : "exists");
        String token = setup.token(manager, MANAGER_PASSWORD);
        if (!options.sos()) {
            return run(identities, token);
        }
        List<String> left = setup.alerts(token, team, "active", 0).stream()
                .filter(row -> "SOS".equals(row.kind()))
                .map(SetupClient.AlertRow::id)
                .toList();
        if (!left.isEmpty()) {
            log.info("{} SOS alerts left active by earlier runs resolved", setup.resolve(token, left, "benchmark"));
        }
        Set<String> busy = busyReps(setup, token, team);
        LiveReport report = run(identities, token, busy);
        return report.withSosResolved(resolveSos(setup, token, team, report.sosReps()));
    }

    /**
     * The reps whose SOS the server would not raise now: those with an active SOS alert, and those whose SOS was
     * resolved within the team's cool-down (a minute's margin added).
     */
    private static Set<String> busyReps(SetupClient setup, String token, String team) {
        long cooldown = setup.alertCooldownMillis(token, team);
        long since = System.currentTimeMillis() - cooldown - TimeUnit.MINUTES.toMillis(1);
        List<SetupClient.AlertRow> rows = new ArrayList<>(setup.alerts(token, team, "active", 0));
        rows.addAll(setup.alerts(token, team, "resolved", since));
        Set<String> busy = rows.stream()
                .filter(row -> "SOS".equals(row.kind()))
                .map(SetupClient.AlertRow::repId)
                .collect(Collectors.toSet());
        log.info(
                "{} reps may not raise an SOS now (an active SOS, or one resolved in the last {} s)",
                busy.size(),
                (cooldown + 60_000) / 1000);
        return busy;
    }

    /**
     * Resolves the active SOS alerts of the run's reps as the manager, so that they neither climb the escalation
     * ladder during later runs nor fill later snapshots; an SOS the server has not raised yet (its rules behind) is
     * waited for, a minute at most. How many were resolved.
     */
    private static int resolveSos(SetupClient setup, String token, String team, Set<String> reps) {
        Set<String> done = new java.util.HashSet<>();
        int resolved = 0;
        long until = System.nanoTime() + TimeUnit.MINUTES.toNanos(1);
        while (true) {
            List<SetupClient.AlertRow> rows = setup.alerts(token, team, "active", 0).stream()
                    .filter(row -> "SOS".equals(row.kind()) && reps.contains(row.repId()))
                    .toList();
            resolved += setup.resolve(
                    token, rows.stream().map(SetupClient.AlertRow::id).toList(), "benchmark run over");
            rows.forEach(row -> done.add(row.repId()));
            if (done.size() >= reps.size() || System.nanoTime() > until) {
                break;
            }
            sleepMillis(2000);
        }
        log.info("{} SOS alerts of the run's {} resolved", resolved, reps.size());
        return resolved;
    }

    /** Runs against devices that exist already, with dashboards logged in with {@code dashboardToken}. */
    LiveReport run(List<ProvisionedDevice> identities, String dashboardToken) {
        return run(identities, dashboardToken, Set.of());
    }

    /**
     * Runs against devices that exist already, with dashboards logged in with {@code dashboardToken}; with SOS,
     * the reps in {@code busy} send none.
     */
    LiveReport run(List<ProvisionedDevice> identities, String dashboardToken, Set<String> busy) {
        WallClock clock = new WallClock();
        SosLog sos = new SosLog();
        LoopResources loops = LoopResources.create("dashboard", options.dashboardThreads(), true);
        List<Dashboard> dashboards = new ArrayList<>();
        List<SimulatedDevice> connected = List.of();
        ScheduledExecutorService pacer = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "pacer");
            thread.setDaemon(true);
            return thread;
        });
        try {
            boolean lateDashboards = !options.dashboardsAfter().isZero();
            if (!lateDashboards) {
                openDashboards(dashboards, dashboardToken, clock, loops, sos);
            }

            BenchmarkOptions deviceOptions = options.deviceOptions();
            IngestStats stats = new IngestStats(options.duration());
            connected = new IngestBenchmark(deviceOptions).connect(identities, stats);
            if (connected.isEmpty()) {
                throw new IllegalStateException("no device could connect to " + options.rsocket());
            }
            connected.forEach(SimulatedDevice::start);
            long runNanos = options.warmup().plus(options.duration()).toNanos();
            List<SimulatedDevice> sosSenders = connected.stream()
                    .filter(device -> !busy.contains(device.identity().repId()))
                    .toList();
            SosSchedule sosSchedule = null;
            if (options.sos()) {
                long needed = SosSchedule.needed(options.sosPerSecond(), runNanos);
                if (needed > sosSenders.size()) {
                    throw new IllegalStateException("only " + sosSenders.size() + " reps may raise an SOS now (the"
                            + " others have an active SOS, or one resolved within the cool-down); the run needs "
                            + needed + ": lower --sos-rate, use more --devices, or wait");
                }
                sosSchedule = SosSchedule.of(options.sosPerSecond(), runNanos, sosSenders.size());
            }

            long startNanos = System.nanoTime();
            long windowStart = startNanos + options.warmup().toNanos();
            long windowEnd = windowStart + options.duration().toNanos();
            long startMillis = clock.millis();
            long windowStartMillis = startMillis + options.warmup().toMillis();
            long windowEndMillis = windowStartMillis + options.duration().toMillis();
            stats.openWindow(windowStart, options.duration());
            dashboards.forEach(dashboard -> dashboard.window(windowStartMillis, windowEndMillis));
            log.info(
                    "sending: {} devices, {} pings/s, {} SOS/s, {} dashboards, warm-up {} s, window {} s",
                    connected.size(),
                    deviceOptions.pingsPerSecond(),
                    options.sosPerSecond(),
                    dashboards.size(),
                    options.warmup().toSeconds(),
                    options.duration().toSeconds());

            PacingSchedule schedule = PacingSchedule.of(connected.size(), deviceOptions.pingsPerSecond(), 1);
            long lastDue = schedule.dueBy(windowEnd - startNanos - 1);
            long[] next = {0};
            List<SimulatedDevice> senders = connected;
            int[] nextSos = {0};
            SosSchedule sosDue = sosSchedule;
            pacer.scheduleAtFixedRate(
                    () -> {
                        long due = Math.min(lastDue, schedule.dueBy(System.nanoTime() - startNanos));
                        while (next[0] < due) {
                            senders.get(schedule.deviceOf(next[0]))
                                    .sendPaced(startNanos + schedule.dueAtNanos(next[0]));
                            next[0]++;
                        }
                        if (sosDue != null) {
                            int dueSos = sosDue.dueBy(System.nanoTime() - startNanos);
                            while (nextSos[0] < dueSos) {
                                sosSenders.get(nextSos[0]).sendSos(sos, clock, stats.inWindow(System.nanoTime()));
                                nextSos[0]++;
                            }
                        }
                    },
                    0,
                    1,
                    TimeUnit.MILLISECONDS);
            if (lateDashboards) {
                sleepMillis(Math.max(
                        0, (startNanos + options.dashboardsAfter().toNanos() - System.nanoTime()) / 1_000_000));
                openDashboards(dashboards, dashboardToken, clock, loops, sos);
                dashboards.forEach(dashboard -> dashboard.window(windowStartMillis, windowEndMillis));
                if (System.nanoTime() >= windowStart) {
                    log.warn("the dashboards connected after the window had started: raise --warmup");
                }
            }

            waitUntil(windowStart, stats, dashboards);
            long cpuAtStart = IngestBenchmark.processCpuNanos();
            waitUntil(windowEnd, stats, dashboards);
            double generatorCores = (IngestBenchmark.processCpuNanos() - cpuAtStart)
                    / (double) options.duration().toNanos();
            connected.forEach(SimulatedDevice::stopSending);
            pacer.shutdownNow();
            sleepMillis(options.settle().toMillis());
            long drainUntil = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (System.nanoTime() < drainUntil && !connected.stream().allMatch(SimulatedDevice::idle)) {
                sleepMillis(50);
            }
            dashboards.forEach(Dashboard::close);

            List<Dashboard.Result> results =
                    dashboards.stream().map(Dashboard::result).toList();
            IngestReport.Counts counts = new IngestReport.Counts(
                    identities.size(),
                    connected.size(),
                    stats.sentPings.sum(),
                    stats.sentBatches.sum(),
                    stats.ackedPings.sum(),
                    stats.accepted.sum(),
                    stats.duplicates.sum(),
                    stats.dropped.sum(),
                    stats.rejected.sum(),
                    stats.errorAcks.sum(),
                    stats.requestErrors.sum(),
                    stats.failedPings.sum(),
                    stats.unexpectedAcks.sum(),
                    stats.skippedPings.sum(),
                    stats.connectFailures.sum(),
                    stats.connectionsLost.sum(),
                    stats.channelErrors.sum(),
                    stats.outstandingPings());
            LiveReport.Sos sosReport = !options.sos()
                    ? null
                    : new LiveReport.Sos(
                            options.sosPerSecond(),
                            sos.sent.sum(),
                            sos.sentInWindow.sum(),
                            sos.stored.sum(),
                            sos.notStored.sum(),
                            sos.failed.sum(),
                            stats.welfareChecks.sum(),
                            LatencySummary.ofMicros(sos.storedMicros()),
                            -1,
                            options.sosTargetP99().toNanos() / 1e6,
                            sos.reps());
            return new LiveReport(
                    describe(connected.size(), dashboards.size(), stats),
                    results,
                    stats.sentPingsInWindow.sum(),
                    LatencySummary.ofMicros(stats.pingLatencyMicros()),
                    LatencySummary.ofMicros(stats.scheduledPingLatencyMicros()),
                    counts,
                    generatorCores,
                    options.targetP99().toNanos() / 1e6,
                    sosReport);
        } finally {
            pacer.shutdownNow();
            dashboards.forEach(Dashboard::close);
            connected.forEach(SimulatedDevice::close);
            loops.disposeLater().block(java.time.Duration.ofSeconds(10));
        }
    }

    private void openDashboards(
            List<Dashboard> dashboards, String token, WallClock clock, LoopResources loops, SosLog sos) {
        long started = System.nanoTime();
        RepIndex reps = new RepIndex();
        List<CompletableFuture<Void>> snapshots = new ArrayList<>();
        for (int i = 0; i < options.dashboards(); i++) {
            Dashboard dashboard = new Dashboard(i, clock, reps, sos);
            dashboards.add(dashboard);
            snapshots.add(dashboard.open(options.liveUri(token), loops));
        }
        try {
            CompletableFuture.allOf(snapshots.toArray(new CompletableFuture[0])).get(60, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        } catch (java.util.concurrent.ExecutionException | TimeoutException e) {
            throw new IllegalStateException("not every dashboard got its snapshot: " + e, e);
        }
        Dashboard.Result first = dashboards.get(0).result();
        log.info(
                "{} dashboards connected, snapshot of {} reps each, in {} ms",
                dashboards.size(),
                first.snapshotReps(),
                (System.nanoTime() - started) / 1_000_000);
    }

    private void waitUntil(long endNanos, IngestStats stats, List<Dashboard> dashboards) {
        long nextProgress = System.nanoTime() + PROGRESS_NANOS;
        while (true) {
            long now = System.nanoTime();
            if (now >= endNanos) {
                return;
            }
            if (now >= nextProgress) {
                Dashboard.Result first = dashboards.get(0).result();
                long lost = dashboards.stream()
                        .filter(dashboard -> dashboard.result().closedBecause() != null)
                        .count();
                log.info(
                        "sent {} pings, accepted {}, outstanding {}; dashboard 0 got {} rep messages, {} SOS raises;"
                                + " {} dashboards closed",
                        stats.sentPings.sum(),
                        stats.accepted.sum(),
                        stats.outstandingPings(),
                        first.repMessages(),
                        first.sos().raised(),
                        lost);
                nextProgress += PROGRESS_NANOS;
            }
            sleepMillis(Math.min(200, Math.max(1, (endNanos - now) / 1_000_000)));
        }
    }

    private String describe(int connected, int dashboards, IngestStats stats) {
        return String.format(
                Locale.ROOT,
                "%s devices %s, dashboards %s; %d devices (%d connected) × %s pings/s = %d pings/s, one ping per"
                        + " request on the pings channel; %s%d dashboards; warm-up %.1f s, window %.1f s; offered %,.0f"
                        + " pings/s in the window",
                Instant.now(),
                options.rsocket(),
                options.liveUri("…").toString().replace("access_token=%E2%80%A6", "access_token=…"),
                options.devices(),
                connected,
                trim(options.pingsPerDevicePerSecond()),
                options.pingsPerSecond(),
                (options.sos() ? "SOS " + trim(options.sosPerSecond()) + "/s, one per rep, on activities; " : "")
                        + (options.dashboardsAfter().isZero()
                                ? ""
                                : "dashboards connect "
                                        + options.dashboardsAfter().toMillis() / 1000.0 + " s into the warm-up; "),
                dashboards,
                options.warmup().toMillis() / 1000.0,
                options.duration().toMillis() / 1000.0,
                stats.sentPingsInWindow.sum() / stats.windowSeconds());
    }

    private static String trim(double value) {
        return value == Math.rint(value) ? String.valueOf((long) value) : String.valueOf(value);
    }

    /** Devices listed in {@code file}, 0 when there is none. */
    private static long listed(java.nio.file.Path file) throws IOException {
        if (file == null || !Files.exists(file)) {
            return 0;
        }
        try (var lines = Files.lines(file)) {
            return lines.filter(line -> !line.isBlank() && !line.startsWith("#"))
                    .count();
        }
    }

    private static void sleepMillis(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}
