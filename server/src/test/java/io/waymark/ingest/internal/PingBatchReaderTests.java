package io.waymark.ingest.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.waymark.protocol.Rejection;
import io.waymark.protocol.RequestError;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PingBatchReaderTests {

    private static final Instant NOW = Instant.parse("2026-11-23T12:00:00Z");
    private static final long TS = NOW.toEpochMilli() - 1000;
    private final PingBatchReader reader = new PingBatchReader(1024 * 1024, Duration.ofMinutes(5), Duration.ofDays(90));

    private PingBatchReader.ReadBatch read(String json) {
        return reader.read(json.getBytes(StandardCharsets.UTF_8), IngestJson.JSON, NOW);
    }

    private String rejectionOf(String pingFields) {
        PingBatchReader.ReadBatch batch = read("{\"pings\":[{" + pingFields + "}]}");
        assertThat(batch.valid()).isEmpty();
        return batch.rejected().get(0).reason();
    }

    @Test
    void readsEveryFieldOfAValidPing() {
        PingBatchReader.ReadBatch batch = read("{\"pings\":[{\"seq\":7,\"ts\":" + TS
                + ",\"lat\":40.7128,\"lon\":-74.006,\"accuracy\":8.5,\"speed\":1.4,\"heading\":270,"
                + "\"altitude\":12.0,\"battery\":0.81,\"mock\":true,\"extra\":\"ignored\"}]}");
        assertThat(batch.rejected()).isEmpty();
        assertThat(batch.valid()).singleElement().satisfies(ping -> {
            assertThat(ping.seq()).isEqualTo(7);
            assertThat(ping.ts()).isEqualTo(TS);
            assertThat(ping.lat()).isEqualTo(40.7128);
            assertThat(ping.lon()).isEqualTo(-74.006);
            assertThat(ping.accuracy()).isEqualTo(8.5);
            assertThat(ping.heading()).isEqualTo(270.0);
            assertThat(ping.battery()).isEqualTo(0.81);
            assertThat(ping.mock()).isTrue();
        });
        assertThat(batch.upToSeq()).isEqualTo(7);
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(
            delimiter = '|',
            value = {
                "'\"ts\":1,\"lat\":1,\"lon\":1'                              | FIELD_MISSING",
                "'\"seq\":1,\"ts\":null,\"lat\":1,\"lon\":1'                 | FIELD_MISSING",
                "'\"seq\":1,\"ts\":1,\"lon\":1'                              | FIELD_MISSING",
                "'\"seq\":\"1\",\"ts\":1,\"lat\":1,\"lon\":1'                | NOT_A_NUMBER",
                "'\"seq\":1,\"ts\":1,\"lat\":NaN,\"lon\":1'                  | NOT_A_NUMBER",
                "'\"seq\":1,\"ts\":1,\"lat\":1,\"lon\":Infinity'             | NOT_A_NUMBER",
                "'\"seq\":1,\"ts\":1,\"lat\":1,\"lon\":1,\"speed\":\"fast\"' | NOT_A_NUMBER",
                "'\"seq\":0,\"ts\":1,\"lat\":1,\"lon\":1'                    | SEQ_INVALID",
                "'\"seq\":2.5,\"ts\":1,\"lat\":1,\"lon\":1'                  | SEQ_INVALID",
                "'\"seq\":-4,\"ts\":1,\"lat\":95,\"lon\":1'                  | SEQ_INVALID",
            })
    void refusesEarlyReasonsInTheContractsOrder(String fields, String reason) {
        assertThat(rejectionOf(fields)).isEqualTo(reason);
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(
            delimiter = '|',
            value = {
                "'\"lat\":90.5,\"lon\":200'                           | LAT_OUT_OF_RANGE",
                "'\"lat\":-90.5,\"lon\":1'                            | LAT_OUT_OF_RANGE",
                "'\"lat\":1,\"lon\":180.01'                           | LON_OUT_OF_RANGE",
                "'\"lat\":1,\"lon\":1,\"accuracy\":-1'                | ACCURACY_INVALID",
                "'\"lat\":1,\"lon\":1,\"speed\":-0.1'                 | FIELD_INVALID",
                "'\"lat\":1,\"lon\":1,\"heading\":361'                | FIELD_INVALID",
                "'\"lat\":1,\"lon\":1,\"battery\":1.01'               | FIELD_INVALID",
                "'\"lat\":1,\"lon\":1,\"mock\":\"yes\"'               | FIELD_INVALID",
                "'\"lat\":1,\"lon\":1,\"accuracy\":-1,\"speed\":-1'   | ACCURACY_INVALID",
            })
    void refusesValuesOutOfRange(String fields, String reason) {
        assertThat(rejectionOf("\"seq\":3,\"ts\":" + TS + "," + fields)).isEqualTo(reason);
    }

    @Test
    void refusesFixesTooFarAheadOrOlderThanTheRetention() {
        long future = NOW.plus(Duration.ofMinutes(5)).toEpochMilli() + 1;
        long old = NOW.minus(Duration.ofDays(90)).toEpochMilli() - 1;
        assertThat(rejectionOf("\"seq\":1,\"ts\":" + future + ",\"lat\":1,\"lon\":1"))
                .isEqualTo("TS_IN_FUTURE");
        assertThat(rejectionOf("\"seq\":1,\"ts\":" + old + ",\"lat\":1,\"lon\":1"))
                .isEqualTo("TS_TOO_OLD");
        long justInTime = NOW.plus(Duration.ofMinutes(5)).toEpochMilli();
        assertThat(read("{\"pings\":[{\"seq\":1,\"ts\":" + justInTime + ",\"lat\":1,\"lon\":1}]}")
                        .valid())
                .hasSize(1);
    }

    @Test
    void rejectsANumberBeyondADoublesRangeAsNotANumberAndKeepsTheRestOfTheBatch() {
        String huge = "9".repeat(400);
        PingBatchReader.ReadBatch batch =
                read("{\"pings\":[" + "{\"seq\":1,\"ts\":" + TS + ",\"lat\":1,\"lon\":" + huge + "},"
                        + "{\"seq\":" + huge + ",\"ts\":" + TS + ",\"lat\":1,\"lon\":1},"
                        + "{\"seq\":3,\"ts\":" + TS + ",\"lat\":1,\"lon\":1,\"speed\":" + huge + ".5}]}");
        assertThat(batch.rejected())
                .containsExactly(
                        new Rejection(0, 1L, "NOT_A_NUMBER"),
                        new Rejection(1, null, "NOT_A_NUMBER"),
                        new Rejection(2, 3L, "NOT_A_NUMBER"));
        assertThat(batch.valid()).isEmpty();
    }

    @Test
    void keepsValidPingsOfABatchAndReportsRejectedOnesWithIndexAndSeq() {
        PingBatchReader.ReadBatch batch = read("{\"pings\":[" + "{\"seq\":1,\"ts\":" + TS + ",\"lat\":1,\"lon\":1},"
                + "{\"seq\":9,\"ts\":" + TS + ",\"lat\":91,\"lon\":1},"
                + "{\"ts\":" + TS + ",\"lat\":1,\"lon\":1},"
                + "{\"seq\":3,\"ts\":" + TS + ",\"lat\":1,\"lon\":1}]}");
        assertThat(batch.valid()).extracting(ping -> ping.seq()).containsExactly(1L, 3L);
        assertThat(batch.validIndexes()).startsWith(0, 3);
        assertThat(batch.rejected())
                .containsExactly(new Rejection(1, 9L, "LAT_OUT_OF_RANGE"), new Rejection(2, null, "FIELD_MISSING"));
        assertThat(batch.upToSeq()).as("rejected pings count for upToSeq").isEqualTo(9);
    }

    @Test
    void refusesWholeRequestsThatAreNotBatches() {
        assertRefused("not json", RequestError.MALFORMED);
        assertRefused("[1,2]", RequestError.MALFORMED);
        assertRefused("{\"pings\":{}}", RequestError.MALFORMED);
        assertRefused("{\"pongs\":[]}", RequestError.MALFORMED);
        assertRefused("{\"pings\":[1]}", RequestError.MALFORMED);
        assertRefused("{\"pings\":[{\"seq\":1}", RequestError.MALFORMED);
    }

    @Test
    void refusesMoreThanAThousandPings() {
        StringBuilder json = new StringBuilder("{\"pings\":[");
        for (int i = 1; i <= 1001; i++) {
            json.append(i > 1 ? "," : "")
                    .append("{\"seq\":")
                    .append(i)
                    .append(",\"ts\":")
                    .append(TS);
            json.append(",\"lat\":1,\"lon\":1}");
        }
        assertRefused(json.append("]}").toString(), RequestError.BATCH_TOO_LARGE);
    }

    @Test
    void refusesDataOverTheSizeLimitBeforeReadingIt() {
        byte[] data = new byte[1024 * 1024 + 1];
        assertThatThrownBy(() -> reader.read(data, IngestJson.JSON, NOW))
                .isInstanceOfSatisfying(RequestRefused.class, refused -> assertThat(refused.code())
                        .isEqualTo(RequestError.FRAME_TOO_LARGE));
    }

    private void assertRefused(String json, RequestError code) {
        assertThatThrownBy(() -> read(json)).isInstanceOfSatisfying(RequestRefused.class, refused -> {
            assertThat(refused.code()).isEqualTo(code);
            assertThat(refused.describe()).startsWith(code.name() + ": ");
        });
    }
}
