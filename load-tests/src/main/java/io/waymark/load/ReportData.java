package io.waymark.load;

import io.waymark.device.WaymarkDevice;
import io.waymark.protocol.Ack;
import io.waymark.protocol.Activity;
import io.waymark.protocol.ActivityResult;
import io.waymark.protocol.Ping;
import io.waymark.protocol.PingBatch;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

/**
 * Fills a running server with history for the report benchmark: one team of {@code --reps} reps (in
 * {@code --zone}), each with {@link FieldDay}s for the {@code --days} days up to yesterday, sent through the device
 * protocol as a phone would send them after a day offline (pings in batches of 1,000 on {@code pings.batch}, then
 * the day's activities), so the server stores and aggregates them exactly as it does live data. The same seed makes
 * the same days: a second run sends only duplicates. Each simulated phone keeps its (empty) offline buffer in a new
 * temporary directory.
 */
public final class ReportData {

    private static final Logger log = LoggerFactory.getLogger(ReportData.class);
    private static final int ACTIVITIES_PER_REQUEST = 200;

    private ReportData() {}

    public static void main(String[] args) throws Exception {
        CommandLine line = new CommandLine(
                args,
                Set.of(
                        "http",
                        "rsocket",
                        "admin-user",
                        "admin-password",
                        "reps",
                        "days",
                        "zone",
                        "ping-interval",
                        "seed",
                        "devices-file",
                        "concurrency"),
                Set.of("help", "territories", "team-territory"));
        if (line.flag("help")) {
            System.out.println(
                    """
                    ReportData: fills a server with --days days of history of --reps reps (for the report benchmark)
                      --http URI               http://127.0.0.1:8080 (default)
                      --rsocket URI            tcp://127.0.0.1:7000 (default)
                      --admin-user NAME        admin (default)
                      --admin-password PW      or WAYMARK_ADMIN_PASSWORD
                      --reps N                 100 (default)
                      --days N                 30 (default): the N days before today in the zone
                      --zone ID                America/Chicago (default): the team's time zone
                      --ping-interval D        60s (default)
                      --seed N                 42 (default)
                      --devices-file PATH      where the team and its devices are kept between runs
                      --concurrency N          8 (default): reps sending at once
                      --territories            then tile the box of all the door knocks sent with one rectangle
                                               territory per rep, named for that rep (for territory coverage)
                      --team-territory         then one more territory, the whole box, for the whole team
                    """);
            return;
        }
        URI http = URI.create(line.string("http", "http://127.0.0.1:8080"));
        URI rsocket = URI.create(line.string("rsocket", "tcp://127.0.0.1:7000"));
        int reps = line.integer("reps", 100);
        int days = line.integer("days", 30);
        ZoneId zone = ZoneId.of(line.string("zone", "America/Chicago"));
        Duration interval = line.duration("ping-interval", Duration.ofSeconds(60));
        long seed = line.longValue("seed", 42);
        int concurrency = line.integer("concurrency", 8);
        String devicesFile = line.string("devices-file", null);
        if (reps < 1 || days < 1 || concurrency < 1) {
            throw new IllegalArgumentException("--reps, --days and --concurrency must be at least 1");
        }
        if (!"tcp".equals(rsocket.getScheme())) {
            throw new IllegalArgumentException("--rsocket must be tcp://host:port");
        }

        SetupClient setup = new SetupClient(http, JsonMapper.builder().build());
        setup.login(
                line.string("admin-user", "admin"),
                line.string("admin-password", System.getenv("WAYMARK_ADMIN_PASSWORD")));
        setup.timeZone(zone.getId());
        List<ProvisionedDevice> devices = setup.devices(reps, 8, devicesFile == null ? null : Path.of(devicesFile));
        LocalDate today = LocalDate.now(zone);
        LocalDate first = today.minusDays(days);
        log.info(
                "team {} ({}): {} reps, days {} to {}, a ping every {} s",
                setup.teamId(),
                zone,
                reps,
                first,
                today.minusDays(1),
                interval.toSeconds());

        KnockBox box = new KnockBox();
        AtomicLong pings = new AtomicLong();
        AtomicLong activities = new AtomicLong();
        AtomicLong refused = new AtomicLong();
        long started = System.nanoTime();
        Flux.range(0, devices.size())
                .flatMap(
                        index -> sendHistory(
                                devices.get(index),
                                index,
                                rsocket,
                                first,
                                days,
                                zone,
                                interval,
                                seed,
                                pings,
                                activities,
                                refused,
                                box),
                        concurrency)
                .then()
                .block();
        double seconds = (System.nanoTime() - started) / 1e9;
        System.out.printf(
                "sent %,d pings and %,d activities of %d reps × %d days in %.1f s (%,.0f pings/s); %d refused%n",
                pings.get(), activities.get(), devices.size(), days, seconds, pings.get() / seconds, refused.get());
        System.out.println("team " + setup.teamId());
        if (line.flag("territories") || line.flag("team-territory")) {
            List<Map<String, Object>> features = box.territories(
                    devices.stream().map(ProvisionedDevice::repId).toList(),
                    line.flag("territories"),
                    line.flag("team-territory"));
            setup.importTerritories(Map.of("type", "FeatureCollection", "features", features));
            System.out.printf(
                    "%d territories over the knocks' box %.6f..%.6f N, %.6f..%.6f E%n",
                    features.size(), box.south, box.north, box.west, box.east);
        }
        if (refused.get() > 0) {
            System.exit(1);
        }
    }

    /** One rep's days, oldest first: each day's pings, then its activities. */
    private static Mono<Void> sendHistory(
            ProvisionedDevice device,
            int index,
            URI rsocket,
            LocalDate first,
            int days,
            ZoneId zone,
            Duration interval,
            long seed,
            AtomicLong pings,
            AtomicLong activities,
            AtomicLong refused,
            KnockBox box) {
        // Reps start a few streets apart, around downtown Chicago.
        double lat = 41.85 + 0.004 * (index % 10);
        double lon = -87.70 + 0.004 * (index / 10 % 10);
        return Mono.usingWhen(
                Mono.fromCallable(() -> WaymarkDevice.builder()
                        .tcp(rsocket.getHost(), rsocket.getPort())
                        .token(device.token())
                        .bufferDirectory(Files.createTempDirectory("waymark-report-data-"))
                        .build()),
                phone -> phone.start()
                        .thenMany(Flux.range(0, days))
                        .concatMap(offset -> {
                            FieldDay day = FieldDay.of(
                                    device.repId(), seed + index, first.plusDays(offset), zone, lat, lon, interval);
                            day.activities().stream()
                                    .filter(activity -> "DOOR_KNOCK".equals(activity.type()) && activity.lat() != null)
                                    .forEach(knock -> box.add(knock.lat(), knock.lon()));
                            return sendPings(phone, day.pings(), pings, refused)
                                    .then(sendActivities(phone, day.activities(), activities, refused));
                        })
                        .then(),
                phone -> Mono.fromRunnable(phone::close));
    }

    /** The box around every door knock sent, and the territories that tile it. */
    static final class KnockBox {

        private double south = Double.POSITIVE_INFINITY;
        private double north = Double.NEGATIVE_INFINITY;
        private double west = Double.POSITIVE_INFINITY;
        private double east = Double.NEGATIVE_INFINITY;

        synchronized void add(double lat, double lon) {
            south = Math.min(south, lat);
            north = Math.max(north, lat);
            west = Math.min(west, lon);
            east = Math.max(east, lon);
        }

        /**
         * One rectangle per rep, in a grid of ceil(sqrt(reps)) columns over the box (rep i in row i / columns,
         * column i % columns), each named for its rep; and, when asked, the whole box for the whole team.
         */
        synchronized List<Map<String, Object>> territories(List<String> reps, boolean perRep, boolean wholeTeam) {
            if (south > north) {
                throw new IllegalStateException("no door knock was sent, so there is no box to tile");
            }
            List<Map<String, Object>> features = new ArrayList<>();
            if (perRep) {
                int columns = (int) Math.ceil(Math.sqrt(reps.size()));
                int rows = (reps.size() + columns - 1) / columns;
                double height = (north - south) / rows;
                double width = (east - west) / columns;
                for (int i = 0; i < reps.size(); i++) {
                    double s = south + height * (i / columns);
                    double w = west + width * (i % columns);
                    features.add(feature("report-rep-" + i, s, w, s + height, w + width, List.of(reps.get(i))));
                }
            }
            if (wholeTeam) {
                features.add(feature("report-team", south, west, north, east, List.of()));
            }
            return features;
        }

        private static Map<String, Object> feature(
                String id, double south, double west, double north, double east, List<String> reps) {
            List<List<Double>> ring = List.of(
                    List.of(west, south),
                    List.of(east, south),
                    List.of(east, north),
                    List.of(west, north),
                    List.of(west, south));
            return Map.of(
                    "type",
                    "Feature",
                    "id",
                    id,
                    "geometry",
                    Map.of("type", "Polygon", "coordinates", List.of(ring)),
                    "properties",
                    Map.of("name", id, "repIds", reps));
        }
    }

    private static Mono<Void> sendPings(WaymarkDevice phone, List<Ping> day, AtomicLong sent, AtomicLong refused) {
        return Flux.range(0, (day.size() + PingBatch.MAX_PINGS - 1) / PingBatch.MAX_PINGS)
                .concatMap(batch -> {
                    List<Ping> part = day.subList(
                            batch * PingBatch.MAX_PINGS, Math.min(day.size(), (batch + 1) * PingBatch.MAX_PINGS));
                    return phone.sendBatch(new PingBatch(part)).doOnNext(ack -> count(ack, part.size(), sent, refused));
                })
                .then();
    }

    private static void count(Ack ack, int size, AtomicLong sent, AtomicLong refused) {
        if (ack.error() != null || !ack.rejected().isEmpty() || ack.dropped() > 0) {
            refused.addAndGet(size - ack.accepted() - ack.duplicates());
            log.warn("a ping batch was not taken whole: {}", ack);
        }
        sent.addAndGet(ack.accepted() + ack.duplicates());
    }

    private static Mono<Void> sendActivities(
            WaymarkDevice phone, List<Activity> day, AtomicLong sent, AtomicLong refused) {
        return Flux.fromIterable(day)
                .buffer(ACTIVITIES_PER_REQUEST)
                .concatMap(part -> phone.sendActivities(part).doOnNext(results -> {
                    for (ActivityResult result : results.results()) {
                        if (ActivityResult.REJECTED.equals(result.status())) {
                            refused.incrementAndGet();
                            log.warn("activity {} rejected: {}", result.id(), result.reason());
                        } else {
                            sent.incrementAndGet();
                        }
                    }
                }))
                .then();
    }
}
