package io.waymark.load;

import io.netty.buffer.Unpooled;
import io.r2dbc.postgresql.api.PostgresqlConnection;
import io.r2dbc.spi.ConnectionFactories;
import io.r2dbc.spi.ConnectionFactory;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The physical limit for storing pings on this machine: rows shaped like the server's {@code pings} table
 * (same columns, partitioned by day on {@code ts}, same primary key) loaded straight into PostgreSQL with binary
 * COPY through r2dbc-postgresql's {@code copyIn}, over 1 and 2 connections. The rows are encoded before the clock
 * starts, so the figure is PostgreSQL's, not the generator's.
 */
public final class CopyBaseline {

    static final String TABLE = "bench_copy_pings";
    private static final String COLUMNS =
            "device_id, seq, ts, rep_id, lat, lon, accuracy, speed, heading, altitude, battery, mock, received_at";
    private static final int FIELDS = 13;
    private static final int ROW_BYTES = 2 + FIELDS * 4 + 16 + 8 + 8 + 16 + 8 + 8 + 5 * 4 + 1 + 8;
    private static final int ROWS_PER_CHUNK = 2000;
    private static final byte[] SIGNATURE = {'P', 'G', 'C', 'O', 'P', 'Y', '\n', (byte) 0xFF, '\r', '\n', 0};
    /** Microseconds from the Unix epoch to PostgreSQL's epoch, 2000-01-01T00:00:00Z. */
    private static final long PG_EPOCH_MICROS = 946_684_800_000_000L;

    /**
     * @param pgUrl R2DBC URL of the database to use (a scratch table is made there)
     * @param rows how many ping rows each run loads
     * @param devices how many devices the rows belong to, round-robin, as live ingest interleaves them
     * @param connections the connection counts to measure, each a separate run
     * @param repeat runs per connection count
     */
    record Options(String pgUrl, long rows, int devices, List<Integer> connections, int repeat) {}

    /** One timed load. */
    record Run(int connections, long rows, Duration elapsed) {
        double rowsPerSecond() {
            return rows / (elapsed.toNanos() / 1e9);
        }
    }

    /** The median of the runs with one connection count. */
    record Median(int connections, long rows, double rowsPerSecond, int runs) {}

    static final String USAGE =
            """
            CopyBaseline: binary COPY of ping rows into a scratch copy of the pings table; rows/s.

              --pg-url URL        default r2dbc:postgresql://postgres@127.0.0.1:5432/waymark_bench
              --rows N            rows per run (default 1000000)
              --devices N         devices the rows belong to (default 2000)
              --connections 1,2   connection counts to measure (default 1,2)
              --repeat N          runs per connection count; the median is reported (default 3)
            """;

    public static void main(String[] args) {
        Options options;
        try {
            CommandLine line =
                    new CommandLine(args, Set.of("pg-url", "rows", "devices", "connections", "repeat"), Set.of("help"));
            if (line.flag("help")) {
                System.out.print(USAGE);
                return;
            }
            options = new Options(
                    line.string("pg-url", BenchmarkOptions.DEFAULT_PG_URL),
                    line.longValue("rows", 1_000_000),
                    line.integer("devices", 2000),
                    line.integers("connections", List.of(1, 2)),
                    line.integer("repeat", 3));
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.err.print(USAGE);
            System.exit(2);
            return;
        }
        List<Run> runs = run(options);
        System.out.print(format(runs, medians(runs)));
    }

    /** Runs every connection count {@code repeat} times and returns the runs in order. */
    static List<Run> run(Options options) {
        ConnectionFactory factory = ConnectionFactories.get(options.pgUrl());
        long nowMicros = TimeUnit.MILLISECONDS.toMicros(System.currentTimeMillis());
        long spanMicros = TimeUnit.HOURS.toMicros(1);
        long firstMicros = nowMicros - spanMicros;
        createTable(factory, firstMicros, nowMicros);
        List<Run> runs = new ArrayList<>();
        for (int connections : options.connections()) {
            List<List<byte[]>> lanes = encode(options.rows(), options.devices(), connections, firstMicros, spanMicros);
            for (int r = 0; r < options.repeat(); r++) {
                execute(factory, "TRUNCATE " + TABLE);
                execute(factory, "CHECKPOINT");
                Run run = load(factory, lanes, options.rows());
                System.err.printf(
                        Locale.ROOT,
                        "copy baseline: %d connection(s), %,d rows in %.2f s = %,.0f rows/s%n",
                        connections,
                        run.rows(),
                        run.elapsed().toNanos() / 1e9,
                        run.rowsPerSecond());
                runs.add(run);
            }
        }
        execute(factory, "DROP TABLE IF EXISTS " + TABLE);
        return runs;
    }

    static List<Median> medians(List<Run> runs) {
        List<Median> medians = new ArrayList<>();
        runs.stream().map(Run::connections).distinct().forEach(connections -> {
            List<Run> same = runs.stream()
                    .filter(run -> run.connections() == connections)
                    .sorted(Comparator.comparingDouble(Run::rowsPerSecond))
                    .toList();
            Run middle = same.get((same.size() - 1) / 2);
            medians.add(new Median(connections, middle.rows(), middle.rowsPerSecond(), same.size()));
        });
        return medians;
    }

    static String format(List<Run> runs, List<Median> medians) {
        StringBuilder out = new StringBuilder();
        out.append("raw binary COPY into a copy of pings (partitioned by day, PK device_id, seq, ts)\n");
        for (Median median : medians) {
            out.append(String.format(
                    Locale.ROOT,
                    "  %d connection(s): %,.0f rows/s (median of %d runs of %,d rows; runs:",
                    median.connections(),
                    median.rowsPerSecond(),
                    median.runs(),
                    median.rows()));
            runs.stream()
                    .filter(run -> run.connections() == median.connections())
                    .forEach(run -> out.append(String.format(Locale.ROOT, " %,.0f", run.rowsPerSecond())));
            out.append(")\n");
        }
        return out.toString();
    }

    private static void createTable(ConnectionFactory factory, long firstMicros, long lastMicros) {
        execute(factory, "DROP TABLE IF EXISTS " + TABLE);
        execute(
                factory,
                "CREATE TABLE " + TABLE + " (device_id UUID NOT NULL, seq BIGINT NOT NULL,"
                        + " ts TIMESTAMP WITH TIME ZONE NOT NULL, rep_id UUID NOT NULL,"
                        + " lat DOUBLE PRECISION NOT NULL, lon DOUBLE PRECISION NOT NULL, accuracy REAL, speed REAL,"
                        + " heading REAL, altitude REAL, battery REAL, mock BOOLEAN NOT NULL,"
                        + " received_at TIMESTAMP WITH TIME ZONE NOT NULL, PRIMARY KEY (device_id, seq, ts))"
                        + " PARTITION BY RANGE (ts)");
        LocalDate first = LocalDate.ofInstant(Instant.EPOCH.plusNanos(firstMicros * 1000), ZoneOffset.UTC);
        LocalDate last = LocalDate.ofInstant(Instant.EPOCH.plusNanos(lastMicros * 1000), ZoneOffset.UTC);
        for (LocalDate day = first; !day.isAfter(last.plusDays(1)); day = day.plusDays(1)) {
            execute(
                    factory,
                    String.format(
                            Locale.ROOT,
                            "CREATE TABLE %s_%s PARTITION OF %s FOR VALUES FROM ('%sT00:00:00Z') TO ('%sT00:00:00Z')",
                            TABLE,
                            day.toString().replace("-", ""),
                            TABLE,
                            day,
                            day.plusDays(1)));
        }
    }

    private static Run load(ConnectionFactory factory, List<List<byte[]>> lanes, long rows) {
        List<PostgresqlConnection> connections = Flux.range(0, lanes.size())
                .concatMap(i -> Mono.from(factory.create()).cast(PostgresqlConnection.class))
                .collectList()
                .block();
        try {
            String sql = "COPY " + TABLE + " (" + COLUMNS + ") FROM STDIN WITH (FORMAT binary)";
            long started = System.nanoTime();
            Long copied = Flux.range(0, lanes.size())
                    .flatMap(i -> connections
                            .get(i)
                            .copyIn(sql, Flux.fromIterable(lanes.get(i)).map(Unpooled::wrappedBuffer)))
                    .reduce(0L, Long::sum)
                    .block();
            Duration elapsed = Duration.ofNanos(System.nanoTime() - started);
            if (copied == null || copied != rows) {
                throw new IllegalStateException("COPY stored " + copied + " rows, expected " + rows);
            }
            return new Run(lanes.size(), rows, elapsed);
        } finally {
            Flux.fromIterable(connections).flatMap(PostgresqlConnection::close).blockLast();
        }
    }

    /**
     * Encodes the rows as PGCOPY binary streams, one per connection; lane {@code l} holds the devices whose index
     * modulo the lane count is {@code l}. Each lane is a list of chunks of about {@link #ROWS_PER_CHUNK} rows.
     */
    static List<List<byte[]>> encode(long rows, int devices, int laneCount, long firstMicros, long spanMicros) {
        SplittableRandom random = new SplittableRandom(42);
        UUID[] deviceIds = new UUID[devices];
        UUID[] repIds = new UUID[devices];
        for (int d = 0; d < devices; d++) {
            deviceIds[d] = new UUID(random.nextLong() & ~0xF000L | 0x4000L, random.nextLong());
            repIds[d] = new UUID(random.nextLong() & ~0xF000L | 0x4000L, random.nextLong());
        }
        List<List<byte[]>> lanes = new ArrayList<>();
        List<ByteBuffer> open = new ArrayList<>();
        for (int l = 0; l < laneCount; l++) {
            lanes.add(new ArrayList<>());
            ByteBuffer first = ByteBuffer.allocate(SIGNATURE.length + 8 + ROWS_PER_CHUNK * ROW_BYTES + 2);
            first.put(SIGNATURE).putInt(0).putInt(0);
            open.add(first);
        }
        long receivedMicros = firstMicros + spanMicros;
        for (long i = 0; i < rows; i++) {
            int device = (int) (i % devices);
            long seq = i / devices + 1;
            int lane = device % laneCount;
            ByteBuffer buffer = open.get(lane);
            if (buffer.remaining() < ROW_BYTES + 2) {
                lanes.get(lane).add(finish(buffer));
                buffer = ByteBuffer.allocate(ROWS_PER_CHUNK * ROW_BYTES + 2);
                open.set(lane, buffer);
            }
            long tsMicros = firstMicros + (long) ((double) i / rows * spanMicros);
            buffer.putShort((short) FIELDS);
            buffer.putInt(16)
                    .putLong(deviceIds[device].getMostSignificantBits())
                    .putLong(deviceIds[device].getLeastSignificantBits());
            buffer.putInt(8).putLong(seq);
            buffer.putInt(8).putLong(tsMicros - PG_EPOCH_MICROS);
            buffer.putInt(16)
                    .putLong(repIds[device].getMostSignificantBits())
                    .putLong(repIds[device].getLeastSignificantBits());
            buffer.putInt(8).putDouble(40.70 + random.nextDouble() * 0.08);
            buffer.putInt(8).putDouble(-74.02 + random.nextDouble() * 0.06);
            buffer.putInt(4).putFloat((float) (3 + random.nextDouble() * 12));
            buffer.putInt(4).putFloat((float) (random.nextDouble() * 3));
            buffer.putInt(4).putFloat((float) (random.nextDouble() * 360));
            buffer.putInt(4).putFloat((float) (10 + random.nextDouble() * 5));
            buffer.putInt(4).putFloat((float) random.nextDouble());
            buffer.putInt(1).put((byte) 0);
            buffer.putInt(8).putLong(receivedMicros - PG_EPOCH_MICROS);
        }
        for (int l = 0; l < laneCount; l++) {
            ByteBuffer buffer = open.get(l);
            buffer.putShort((short) -1);
            lanes.get(l).add(finish(buffer));
        }
        return lanes;
    }

    private static byte[] finish(ByteBuffer buffer) {
        byte[] bytes = new byte[buffer.position()];
        buffer.flip();
        buffer.get(bytes);
        return bytes;
    }

    private static void execute(ConnectionFactory factory, String sql) {
        Mono.usingWhen(
                        factory.create(),
                        connection -> Flux.from(connection.createStatement(sql).execute())
                                .flatMap(result -> result.getRowsUpdated())
                                .then(),
                        connection -> connection.close())
                .block();
    }

    private CopyBaseline() {}
}
