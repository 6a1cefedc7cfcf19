package io.waymark.territory;

import io.waymark.identity.TeamId;
import io.waymark.support.JmhRuns;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.geom.Point;
import org.locationtech.jts.geom.Polygon;
import org.locationtech.jts.geom.prep.PreparedGeometry;
import org.locationtech.jts.geom.prep.PreparedGeometryFactory;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.ThreadParams;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.util.Statistics;

/**
 * Pings located per second on one thread: 1,000 territories of 50 vertices each in one team, in a city-sized box
 * (New York, 0.3 x 0.3 degrees), and random pings in that box; {@code indexed} asks the {@link TerritoryIndex},
 * {@code naiveLoop} asks every prepared polygon in turn, without a tree. The territories are star-shaped polygons
 * around the centres of a 32 x 32 grid, a few touching or overlapping their neighbours; about half of the pings
 * fall in one. Everything is generated from fixed seeds, so every run measures the same work.
 *
 * <p>Run it from the repository root (see docs/performance.md): {@code main} takes JMH's command-line options, e.g.
 * {@code -t 2} for two threads sharing the index, and prints the median of the measurement iterations after JMH's
 * own summary.
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
public class TerritoryIndexBenchmark {

    static final int TERRITORIES = 1_000;
    static final int VERTICES = 50;
    static final int GRID = 32;
    static final int PINGS = 1 << 16;
    static final double WEST = -74.05;
    static final double SOUTH = 40.60;
    static final double SIZE = 0.30;

    private static final GeometryFactory GEOMETRY = new GeometryFactory();

    final TeamId team = new TeamId(new UUID(1, 1));
    TerritoryIndex index;
    List<TerritoryShape> shapes;
    List<PreparedGeometry> prepared;
    double[] lats;
    double[] lons;

    @Setup
    public void setUp() {
        shapes = territories(team, new Random(20_261_201));
        index = TerritoryIndex.of(shapes);
        prepared = new ArrayList<>(shapes.size());
        for (TerritoryShape shape : shapes) {
            prepared.add(PreparedGeometryFactory.prepare(shape.geometry()));
        }
        Random random = new Random(7);
        lats = new double[PINGS];
        lons = new double[PINGS];
        int inside = 0;
        for (int i = 0; i < PINGS; i++) {
            lats[i] = SOUTH + random.nextDouble() * SIZE;
            lons[i] = WEST + random.nextDouble() * SIZE;
            List<TerritoryShape> found = index.locate(team, lats[i], lons[i]);
            if (!found.equals(naive(lats[i], lons[i]))) {
                throw new IllegalStateException("the index and the naive loop disagree at ping " + i);
            }
            inside += found.isEmpty() ? 0 : 1;
        }
        System.out.printf(
                "%n%d territories of %d vertices; %.1f%% of %d pings are in one%n",
                shapes.size(), VERTICES, 100.0 * inside / PINGS, PINGS);
    }

    /** Each thread's own walk through the pings. */
    @State(Scope.Thread)
    public static class Cursor {

        int next;

        @Setup
        public void setUp(ThreadParams thread) {
            next = thread.getThreadIndex() * (PINGS / 7);
        }

        int next() {
            return next++ & (PINGS - 1);
        }
    }

    @Benchmark
    public List<TerritoryShape> indexed(Cursor cursor) {
        int i = cursor.next();
        return index.locate(team, lats[i], lons[i]);
    }

    @Benchmark
    public List<TerritoryShape> naiveLoop(Cursor cursor) {
        int i = cursor.next();
        return naive(lats[i], lons[i]);
    }

    /** The baseline: every prepared polygon in turn (each checks its envelope first), no tree. */
    private List<TerritoryShape> naive(double lat, double lon) {
        Point point = GEOMETRY.createPoint(new Coordinate(lon, lat));
        List<TerritoryShape> found = new ArrayList<>(2);
        for (int i = 0; i < prepared.size(); i++) {
            if (prepared.get(i).covers(point)) {
                found.add(shapes.get(i));
            }
        }
        return List.copyOf(found);
    }

    /**
     * Star-shaped polygons around the centres of the first {@code TERRITORIES} cells of a {@code GRID} x
     * {@code GRID} grid over the box, ids in the same order as the cells: vertices at evenly spread angles, a little
     * jittered, at 55% to 105% of half a cell from the centre.
     */
    static List<TerritoryShape> territories(TeamId team, Random random) {
        double cell = SIZE / GRID;
        List<TerritoryShape> territories = new ArrayList<>(TERRITORIES);
        for (int n = 0; n < TERRITORIES; n++) {
            double centreLon = WEST + (n % GRID + 0.5) * cell;
            double centreLat = SOUTH + (n / GRID + 0.5) * cell;
            Coordinate[] ring = new Coordinate[VERTICES + 1];
            for (int v = 0; v < VERTICES; v++) {
                double angle = 2 * Math.PI * (v + 0.8 * (random.nextDouble() - 0.5)) / VERTICES;
                double radius = cell / 2 * (0.55 + 0.5 * random.nextDouble());
                ring[v] = new Coordinate(centreLon + radius * Math.cos(angle), centreLat + radius * Math.sin(angle));
            }
            ring[VERTICES] = ring[0].copy();
            Polygon polygon = GEOMETRY.createPolygon(ring);
            if (!polygon.isValid()) {
                throw new IllegalStateException("territory " + n + " is not a valid polygon");
            }
            territories.add(new TerritoryShape(new TerritoryId(String.format("t%04d", n)), team, Set.of(), polygon));
        }
        return territories;
    }

    /** Runs the benchmarks of this class (or those that {@code args} name) and prints each one's median. */
    public static void main(String[] args) throws Exception {
        Collection<RunResult> results = JmhRuns.run(TerritoryIndexBenchmark.class, args);
        if (results.isEmpty()) {
            return;
        }
        System.out.println();
        System.out.println("Median of the measurement iterations (JMH's mean and 99.9% error beside it):");
        for (RunResult result : results) {
            Statistics statistics = result.getPrimaryResult().getStatistics();
            System.out.printf(
                    "  %-10s threads %d: median %,.0f ops/s; mean %,.0f +- %,.0f ops/s; min %,.0f, max %,.0f,"
                            + " %d iterations%n",
                    result.getParams().getBenchmark().replaceAll(".*\\.", ""),
                    result.getParams().getThreads(),
                    statistics.getPercentile(50),
                    statistics.getMean(),
                    statistics.getMeanErrorAt(0.999),
                    statistics.getMin(),
                    statistics.getMax(),
                    statistics.getN());
        }
    }
}
