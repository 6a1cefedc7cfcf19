package io.waymark.ingest.internal;

import io.waymark.protocol.Ping;
import io.waymark.protocol.PingBatch;
import io.waymark.support.JmhRuns;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.util.Statistics;

/**
 * Ping batches read and validated per second on one thread, and the bytes allocated for each: {@code streaming} is
 * {@link PingBatchReader} as the server uses it (the parser's tokens straight into the pings), {@code tree} is
 * {@link TreePingBatchReader}, the reader it replaced (the whole request into a Jackson tree, then the nodes
 * checked). The data is JSON as the load generator's simulated devices send it (seq, ts, lat, lon, accuracy, speed,
 * heading, altitude, battery, mock), generated from a fixed seed; {@code pings} is the batch size, 1 or 50. Every
 * ping is valid, so both readers do all their work; the setup checks that they answer alike.
 *
 * <p>Run it from the repository root (see docs/performance.md), with {@code -prof gc} for the allocation per
 * operation; {@code main} takes JMH's command-line options and prints, after JMH's own summary, the median of the
 * measurement iterations (and of {@code gc.alloc.rate.norm}, when profiled).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 5)
@Measurement(iterations = 5, time = 5)
@Fork(
        value = 1,
        jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
@Threads(1)
public class PingBatchReadBenchmark {

    static final Instant NOW = Instant.parse("2026-12-01T12:00:00Z");

    @Param({"1", "50"})
    public int pings;

    byte[] data;
    final PingBatchReader streaming = new PingBatchReader(1024 * 1024, Duration.ofMinutes(5), Duration.ofDays(90));
    final TreePingBatchReader tree = new TreePingBatchReader(1024 * 1024, Duration.ofMinutes(5), Duration.ofDays(90));

    @Setup
    public void setUp() {
        data = IngestJson.JSON.writeValueAsBytes(new PingBatch(fixes(pings, new Random(20_261_201))));
        PingBatchReader.ReadBatch read = streaming.read(data, IngestJson.JSON, NOW);
        PingBatchReader.ReadBatch expected = tree.read(data, IngestJson.JSON, NOW);
        if (read.valid().size() != pings
                || !read.valid().equals(expected.valid())
                || !read.rejected().equals(expected.rejected())
                || !Arrays.equals(read.validIndexes(), expected.validIndexes())
                || !read.upToSeq().equals(expected.upToSeq())) {
            throw new IllegalStateException("the readers disagree, or a ping is not valid: " + read + " " + expected);
        }
        System.out.printf(
                "%n%d pings, %d bytes of JSON: %s%n",
                pings, data.length, read.valid().get(0));
    }

    @Benchmark
    public PingBatchReader.ReadBatch streaming() {
        return streaming.read(data, IngestJson.JSON, NOW);
    }

    @Benchmark
    public PingBatchReader.ReadBatch tree() {
        return tree.read(data, IngestJson.JSON, NOW);
    }

    /** A walk like the load generator's simulated device: a fix a second, values rounded as it rounds them. */
    static List<Ping> fixes(int count, Random random) {
        List<Ping> fixes = new ArrayList<>(count);
        double lat = 40.7128;
        double lon = -74.0060;
        double heading = random.nextDouble() * 360;
        double speed = 1.4;
        double battery = 0.81;
        long ts = NOW.toEpochMilli() - 60_000;
        for (int i = 0; i < count; i++) {
            heading = (heading + random.nextDouble(-15, 15) + 360) % 360;
            speed = Math.max(0, Math.min(3.0, speed + random.nextDouble(-0.2, 0.2)));
            lat += speed * Math.cos(Math.toRadians(heading)) / 111_320.0;
            lon += speed * Math.sin(Math.toRadians(heading)) / (111_320.0 * Math.cos(Math.toRadians(lat)));
            battery = Math.max(0.05, battery - 0.00001);
            fixes.add(new Ping(
                    1042 + i,
                    ts + 1000L * i,
                    round(lat, 1e6),
                    round(lon, 1e6),
                    round(3 + random.nextDouble() * 12, 10),
                    round(speed, 100),
                    round(heading, 10),
                    round(10 + random.nextDouble() * 5, 10),
                    round(battery, 1000),
                    Boolean.FALSE));
        }
        return fixes;
    }

    private static double round(double value, double scale) {
        return Math.round(value * scale) / scale;
    }

    /** Runs the benchmarks of this class (or those that {@code args} name) and prints each one's median. */
    public static void main(String[] args) throws Exception {
        Collection<RunResult> results = JmhRuns.run(PingBatchReadBenchmark.class, args);
        if (results.isEmpty()) {
            return;
        }
        System.out.println();
        System.out.println("Median of the measurement iterations (JMH's mean and 99.9% error beside it):");
        for (RunResult result : results) {
            Statistics statistics = result.getPrimaryResult().getStatistics();
            int batch = Integer.parseInt(result.getParams().getParam("pings"));
            System.out.printf(
                    "  %-9s pings %2d: median %,.0f ops/s (%,.0f pings/s); mean %,.0f +- %,.0f ops/s;"
                            + " min %,.0f, max %,.0f, %d iterations%s%n",
                    result.getParams().getBenchmark().replaceAll(".*\\.", ""),
                    batch,
                    statistics.getPercentile(50),
                    statistics.getPercentile(50) * batch,
                    statistics.getMean(),
                    statistics.getMeanErrorAt(0.999),
                    statistics.getMin(),
                    statistics.getMax(),
                    statistics.getN(),
                    allocation(result));
        }
    }

    /** The median of {@code gc.alloc.rate.norm} (bytes allocated per operation) when JMH ran with -prof gc. */
    private static String allocation(RunResult result) {
        for (Map.Entry<String, Result> secondary : result.getSecondaryResults().entrySet()) {
            if (secondary.getKey().endsWith("gc.alloc.rate.norm")) {
                return String.format(
                        "; median %,.0f %s",
                        secondary.getValue().getStatistics().getPercentile(50),
                        secondary.getValue().getScoreUnit());
            }
        }
        return "";
    }
}
