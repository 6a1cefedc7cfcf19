package io.waymark.load;

import io.rsocket.transport.ClientTransport;
import io.rsocket.transport.netty.client.TcpClientTransport;
import io.rsocket.transport.netty.client.WebsocketClientTransport;
import io.waymark.protocol.Hello;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.netty.http.client.HttpClient;
import reactor.netty.tcp.TcpClient;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * Drives a running server with simulated devices over RSocket and reports durable pings per second and ack
 * latency. A ping counts as durable when an Ack says it was accepted: the server acks only after the database has
 * it.
 */
public final class IngestBenchmark {

    private static final Logger log = LoggerFactory.getLogger(IngestBenchmark.class);
    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(30);
    private static final long PROGRESS_NANOS = TimeUnit.SECONDS.toNanos(5);

    private final BenchmarkOptions options;
    private final JsonMapper json = JsonMapper.builder()
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .disable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .build();

    IngestBenchmark(BenchmarkOptions options) {
        this.options = options;
    }

    public static void main(String[] args) throws IOException {
        LeakDetection.offUnlessAsked();
        BenchmarkOptions options;
        try {
            if (List.of(args).contains("--help")) {
                System.out.print(BenchmarkOptions.USAGE);
                return;
            }
            options = BenchmarkOptions.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.err.print(BenchmarkOptions.USAGE);
            System.exit(2);
            return;
        }
        IngestBenchmark benchmark = new IngestBenchmark(options);
        IngestReport report = benchmark.run();
        System.out.print(report.format());
        if (options.jsonOut() != null) {
            java.nio.file.Files.write(
                    options.jsonOut(),
                    benchmark.json.writerWithDefaultPrettyPrinter().writeValueAsBytes(report));
        }
        System.out.flush();
        System.exit(report.counts().clean() ? 0 : 1);
    }

    IngestReport run() throws IOException {
        SetupClient setup = new SetupClient(options.http(), json);
        List<ProvisionedDevice> identities;
        if (options.devicesFile() != null
                && java.nio.file.Files.exists(options.devicesFile())
                && countLines(options) >= options.devices()) {
            identities = setup.devices(options.devices(), options.connectConcurrency(), options.devicesFile());
        } else {
            setup.login(options.adminUser(), options.adminPassword());
            identities = setup.devices(options.devices(), 16, options.devicesFile());
        }
        return run(identities);
    }

    /** Runs against devices that exist already. */
    IngestReport run(List<ProvisionedDevice> identities) {
        Instant runStart = Instant.now().minusSeconds(1);
        IngestStats stats = new IngestStats(options.duration());
        List<SimulatedDevice> connected = connect(identities, stats);
        if (connected.isEmpty()) {
            throw new IllegalStateException("no device could connect to " + options.rsocket());
        }
        connected.forEach(SimulatedDevice::start);

        long startNanos = System.nanoTime();
        long windowStart = startNanos + options.warmup().toNanos();
        long windowEnd = windowStart + options.duration().toNanos();
        stats.openWindow(windowStart, options.duration());
        log.info(
                "sending: {} devices, {}, warm-up {} s, window {} s",
                connected.size(),
                options.maxThroughput()
                        ? "max throughput, " + options.inflightBatches() + " batches of " + options.pingsPerBatch()
                                + " in flight per device"
                        : options.pingsPerSecond() + " pings/s in batches of " + options.pingsPerBatch(),
                options.warmup().toSeconds(),
                options.duration().toSeconds());

        ScheduledExecutorService pacer = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "pacer");
            thread.setDaemon(true);
            return thread;
        });
        if (options.maxThroughput()) {
            connected.forEach(SimulatedDevice::fill);
        } else {
            PacingSchedule schedule =
                    PacingSchedule.of(connected.size(), options.pingsPerSecond(), options.pingsPerBatch());
            long lastDue = schedule.dueBy(windowEnd - startNanos - 1);
            long[] next = {0};
            pacer.scheduleAtFixedRate(
                    () -> {
                        long due = Math.min(lastDue, schedule.dueBy(System.nanoTime() - startNanos));
                        while (next[0] < due) {
                            connected
                                    .get(schedule.deviceOf(next[0]))
                                    .sendPaced(startNanos + schedule.dueAtNanos(next[0]));
                            next[0]++;
                        }
                    },
                    0,
                    1,
                    TimeUnit.MILLISECONDS);
        }

        waitUntil(windowStart, stats);
        long cpuAtStart = processCpuNanos();
        waitUntil(windowEnd, stats);
        double generatorCores =
                (processCpuNanos() - cpuAtStart) / (double) options.duration().toNanos();
        connected.forEach(SimulatedDevice::stopSending);
        pacer.shutdownNow();
        drain(connected, stats);
        connected.forEach(SimulatedDevice::close);

        Long stored = null;
        if (options.verifyDb()) {
            List<String> ids = connected.stream()
                    .map(device -> device.identity().deviceId())
                    .toList();
            stored = StoredPings.count(options.pgUrl(), ids, runStart);
        }
        ThroughputSummary durable = ThroughputSummary.of(stats.acceptedPerSecond(), stats.windowSeconds());
        List<CopyBaseline.Median> baseline = List.of();
        if (options.copyBaseline()) {
            long rows = Math.max(1, stats.accepted.sum());
            List<CopyBaseline.Run> runs = CopyBaseline.run(
                    new CopyBaseline.Options(options.pgUrl(), rows, options.devices(), List.of(1, 2), 1));
            baseline = CopyBaseline.medians(runs);
        }
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
        return new IngestReport(
                describe(connected.size(), stats),
                durable,
                LatencySummary.ofMicros(stats.pingLatencyMicros()),
                LatencySummary.ofMicros(stats.batchLatencyMicros()),
                options.maxThroughput() ? null : LatencySummary.ofMicros(stats.scheduledPingLatencyMicros()),
                counts,
                stored,
                baseline,
                generatorCores,
                java.util.Arrays.stream(stats.acceptedPerSecond()).boxed().toList());
    }

    /** Opens one connection per device and says hello on each; those that fail are counted and left out. */
    List<SimulatedDevice> connect(List<ProvisionedDevice> identities, IngestStats stats) {
        Supplier<ClientTransport> transport = transport();
        long started = System.nanoTime();
        List<String> notAlways = new ArrayList<>();
        List<SimulatedDevice> devices = new ArrayList<>();
        for (int i = 0; i < identities.size(); i++) {
            devices.add(new SimulatedDevice(identities.get(i), options, stats, json, 1000L + i));
        }
        List<SimulatedDevice> connected = Flux.fromIterable(devices)
                .flatMap(
                        device -> device.connect(transport)
                                .timeout(CONNECT_TIMEOUT)
                                .doOnNext(hello -> checkTracking(hello, notAlways))
                                .map(hello -> device)
                                .onErrorResume(error -> {
                                    stats.connectFailures.increment();
                                    if (stats.connectFailures.sum() <= 5) {
                                        log.warn(
                                                "device {} failed to connect: {}",
                                                device.identity().deviceId(),
                                                error.toString());
                                    }
                                    device.close();
                                    return Mono.empty();
                                }),
                        options.connectConcurrency())
                .collectList()
                .block();
        log.info(
                "{} of {} devices connected and said hello in {} ms",
                connected.size(),
                identities.size(),
                (System.nanoTime() - started) / 1_000_000);
        if (!notAlways.isEmpty()) {
            log.warn(
                    "{} devices report tracking {}, not ALWAYS: pings may be dropped by the privacy policy",
                    notAlways.size(),
                    notAlways.get(0));
        }
        return connected;
    }

    private static void checkTracking(Hello hello, List<String> notAlways) {
        if (!"ALWAYS".equals(hello.tracking()) && !hello.onShift()) {
            synchronized (notAlways) {
                notAlways.add(hello.tracking());
            }
        }
    }

    /**
     * One new TCP connection per device. Reactor Netty's default clients share a pool capped at 500 connections,
     * which would leave device 501 onwards waiting for a slot: these bypass it.
     */
    private Supplier<ClientTransport> transport() {
        URI uri = options.rsocket();
        String host = uri.getHost();
        if ("tcp".equals(uri.getScheme())) {
            int port = uri.getPort();
            return () -> TcpClientTransport.create(
                    TcpClient.newConnection().host(host).port(port));
        }
        int port = uri.getPort() > 0 ? uri.getPort() : ("wss".equals(uri.getScheme()) ? 443 : 80);
        boolean secure = "wss".equals(uri.getScheme());
        String path = uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath();
        return () -> {
            HttpClient client = HttpClient.newConnection().host(host).port(port);
            return WebsocketClientTransport.create(secure ? client.secure() : client, path);
        };
    }

    private void waitUntil(long endNanos, IngestStats stats) {
        long nextProgress = System.nanoTime() + PROGRESS_NANOS;
        long lastAcked = 0;
        long lastNanos = System.nanoTime();
        while (true) {
            long now = System.nanoTime();
            if (now >= endNanos) {
                return;
            }
            if (now >= nextProgress) {
                long acked = stats.accepted.sum();
                log.info(
                        "sent {} pings, accepted {} ({} /s lately), outstanding {}, errors {}",
                        stats.sentPings.sum(),
                        acked,
                        String.format(Locale.ROOT, "%.0f", (acked - lastAcked) / ((now - lastNanos) / 1e9)),
                        stats.outstandingPings(),
                        stats.errorAcks.sum()
                                + stats.requestErrors.sum()
                                + stats.channelErrors.sum()
                                + stats.connectionsLost.sum());
                lastAcked = acked;
                lastNanos = now;
                nextProgress += PROGRESS_NANOS;
            }
            sleepMillis(Math.min(200, Math.max(1, (endNanos - now) / 1_000_000)));
        }
    }

    private void drain(List<SimulatedDevice> devices, IngestStats stats) {
        long deadline = System.nanoTime() + options.drainTimeout().toNanos();
        while (System.nanoTime() < deadline && !devices.stream().allMatch(SimulatedDevice::idle)) {
            sleepMillis(50);
        }
        long waiting = stats.outstandingPings();
        if (waiting > 0) {
            log.warn(
                    "{} pings still unanswered after {} s",
                    waiting,
                    options.drainTimeout().toSeconds());
        }
    }

    private String describe(int connected, IngestStats stats) {
        double offered = stats.sentPingsInWindow.sum() / stats.windowSeconds();
        return String.format(
                Locale.ROOT,
                "%s %s, route %s, %d devices (%d connected), %s, batch %d, inflight %d, warm-up %s, window %s;"
                        + " offered %,.0f pings/s in the window",
                Instant.now(),
                options.rsocket(),
                options.channel() ? "pings (channel)" : "pings.batch (request-response)",
                options.devices(),
                connected,
                options.maxThroughput() ? "max throughput" : "target " + options.pingsPerSecond() + " pings/s",
                options.pingsPerBatch(),
                options.inflightBatches(),
                seconds(options.warmup()),
                seconds(options.duration()),
                offered);
    }

    /** CPU time of this process, or 0 where the JVM does not tell. */
    static long processCpuNanos() {
        if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os) {
            return Math.max(0, os.getProcessCpuTime());
        }
        return 0;
    }

    private static String seconds(Duration duration) {
        return String.format(Locale.ROOT, "%.1f s", duration.toMillis() / 1000.0);
    }

    private static long countLines(BenchmarkOptions options) throws IOException {
        try (var lines = java.nio.file.Files.lines(options.devicesFile())) {
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
