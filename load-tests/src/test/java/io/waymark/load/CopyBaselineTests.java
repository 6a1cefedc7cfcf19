package io.waymark.load;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class CopyBaselineTests {

    private static final long PG_EPOCH_MICROS = 946_684_800_000_000L;
    private static final int[] FIELD_LENGTHS = {16, 8, 8, 16, 8, 8, 4, 4, 4, 4, 4, 1, 8};

    @Test
    void encodesAValidPgcopyStreamPerLaneWithEveryRowOnce() {
        long first = TimeUnit.MILLISECONDS.toMicros(1_795_338_902_120L);
        long span = TimeUnit.HOURS.toMicros(1);

        List<List<byte[]>> lanes = CopyBaseline.encode(5_003, 10, 2, first, span);

        assertThat(lanes).hasSize(2);
        Set<String> keys = new HashSet<>();
        for (int lane = 0; lane < 2; lane++) {
            ByteBuffer stream = ByteBuffer.wrap(concat(lanes.get(lane)));
            byte[] signature = new byte[11];
            stream.get(signature);
            assertThat(new String(signature, 0, 6, StandardCharsets.ISO_8859_1)).isEqualTo("PGCOPY");
            assertThat(stream.getInt()).as("flags").isZero();
            assertThat(stream.getInt()).as("header extension").isZero();
            Set<UUID> devicesOfLane = new HashSet<>();
            short fields;
            while ((fields = stream.getShort()) != -1) {
                assertThat(fields).isEqualTo((short) 13);
                UUID device = null;
                long seq = 0;
                for (int f = 0; f < fields; f++) {
                    assertThat(stream.getInt()).isEqualTo(FIELD_LENGTHS[f]);
                    if (f == 0) {
                        device = new UUID(stream.getLong(), stream.getLong());
                    } else if (f == 1) {
                        seq = stream.getLong();
                    } else if (f == 2) {
                        long tsMicros = stream.getLong() + PG_EPOCH_MICROS;
                        assertThat(tsMicros).isBetween(first, first + span);
                    } else {
                        stream.position(stream.position() + FIELD_LENGTHS[f]);
                    }
                }
                devicesOfLane.add(device);
                assertThat(keys.add(device + "/" + seq)).as("unique key").isTrue();
            }
            assertThat(stream.hasRemaining()).as("nothing after the trailer").isFalse();
            assertThat(devicesOfLane).hasSize(5);
        }
        assertThat(keys).hasSize(5_003);
    }

    @Test
    void theMedianRunIsReportedPerConnectionCount() {
        List<CopyBaseline.Run> runs = List.of(
                new CopyBaseline.Run(1, 1000, Duration.ofMillis(10)),
                new CopyBaseline.Run(1, 1000, Duration.ofMillis(5)),
                new CopyBaseline.Run(1, 1000, Duration.ofMillis(20)),
                new CopyBaseline.Run(2, 1000, Duration.ofMillis(4)));

        List<CopyBaseline.Median> medians = CopyBaseline.medians(runs);

        assertThat(medians)
                .containsExactly(
                        new CopyBaseline.Median(1, 1000, 100_000.0, 3), new CopyBaseline.Median(2, 1000, 250_000.0, 1));
        assertThat(CopyBaseline.format(runs, medians))
                .contains(
                        "1 connection(s): 100,000 rows/s (median of 3 runs of 1,000 rows; runs: 100,000 200,000 50,000)");
    }

    private static byte[] concat(List<byte[]> chunks) {
        int size = chunks.stream().mapToInt(chunk -> chunk.length).sum();
        ByteBuffer buffer = ByteBuffer.allocate(size);
        chunks.forEach(buffer::put);
        return buffer.array();
    }
}
