package io.waymark.ingest.rsocket;

import static org.assertj.core.api.Assertions.assertThat;

import io.rsocket.exceptions.ApplicationErrorException;
import io.waymark.identity.RepId;
import io.waymark.identity.TeamId;
import io.waymark.identity.Tracking;
import io.waymark.support.DeviceCredentials;
import io.waymark.support.RawDevice;
import io.waymark.support.WaymarkApi;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.r2dbc.core.DatabaseClient;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;
import reactor.test.StepVerifier;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The device protocol as every transport must serve it (contract §4); each transport's test class runs it. */
interface DeviceProtocolContract {

    Duration TIMEOUT = Duration.ofSeconds(15);
    JsonMapper JSON = JsonMapper.builder().build();
    long BASE_TS = System.currentTimeMillis() - Duration.ofHours(1).toMillis();

    RawDevice.Transport transport();

    WaymarkApi api();

    DatabaseClient database();

    /** A device of a fresh rep on a team that keeps every ping. */
    default DeviceCredentials newDevice() {
        return newDevice(Tracking.ALWAYS);
    }

    default DeviceCredentials newDevice(Tracking tracking) {
        TeamId team = api().createTeam(WaymarkApi.unique("team"), tracking);
        RepId rep = api().createRep(team, "Rep " + UUID.randomUUID());
        return api().createDevice(rep);
    }

    static JsonNode json(String text) {
        return JSON.readTree(text);
    }

    /** The same fix every time it is asked for: a resend is the same ping. */
    static String ping(long seq) {
        return ping(seq, BASE_TS + seq);
    }

    static String ping(long seq, long ts) {
        return "{\"seq\":" + seq + ",\"ts\":" + ts + ",\"lat\":40.7128,\"lon\":-74.006,\"accuracy\":8.5,"
                + "\"speed\":1.2,\"heading\":90,\"battery\":0.8}";
    }

    static String batch(String... pings) {
        return "{\"pings\":[" + String.join(",", pings) + "]}";
    }

    static String batchOf(long fromSeq, long toSeq) {
        List<String> pings = new ArrayList<>();
        for (long seq = fromSeq; seq <= toSeq; seq++) {
            pings.add(ping(seq));
        }
        return batch(pings.toArray(String[]::new));
    }

    default long storedPings(DeviceCredentials device) {
        return database()
                .sql("SELECT COUNT(*) AS n FROM pings WHERE device_id = :device")
                .bind("device", device.deviceId().value())
                .map(row -> row.get("n", Number.class).longValue())
                .one()
                .block(TIMEOUT);
    }

    default JsonNode send(RawDevice device, String route, String data) {
        return json(device.request(route, data).block(TIMEOUT));
    }

    @Test
    default void refusesAConnectionWithoutAToken() {
        try (RawDevice device = RawDevice.connect(transport(), null)) {
            StepVerifier.create(device.request("device.hello", "{}"))
                    .expectError()
                    .verify(TIMEOUT);
        }
    }

    @Test
    default void refusesAnUnknownTokenAndStoresNothing() {
        DeviceCredentials real = newDevice();
        try (RawDevice device = RawDevice.connect(transport(), real.token() + "x")) {
            StepVerifier.create(device.request("pings.batch", batch(ping(1))))
                    .expectError()
                    .verify(TIMEOUT);
        }
        assertThat(storedPings(real)).isZero();
    }

    @Test
    default void refusesARevokedTokenAndClosesItsOpenConnectionsWithinASecond() {
        DeviceCredentials credentials = newDevice();
        try (RawDevice device = RawDevice.connect(transport(), credentials.token())) {
            assertThat(send(device, "pings.batch", batch(ping(1)))
                            .get("accepted")
                            .asInt())
                    .isEqualTo(1);
            api().revokeDevice(credentials.deviceId());
            long revokedAt = System.nanoTime();
            StepVerifier.create(device.onClose().onErrorResume(closedWithAnError -> Mono.empty()))
                    .expectComplete()
                    .verify(TIMEOUT);
            assertThat(Duration.ofNanos(System.nanoTime() - revokedAt))
                    .as("the connection closes within a second of the revocation")
                    .isLessThan(Duration.ofSeconds(1));
        }
        try (RawDevice again = RawDevice.connect(transport(), credentials.token())) {
            StepVerifier.create(again.request("pings.batch", batch(ping(2))))
                    .expectError()
                    .verify(TIMEOUT);
        }
        assertThat(storedPings(credentials)).isEqualTo(1);
    }

    @Test
    default void greetsTheDeviceWithWhoItIsAndWhatIsStored() {
        DeviceCredentials credentials = newDevice();
        try (RawDevice device = RawDevice.connect(transport(), credentials.token())) {
            JsonNode hello = send(device, "device.hello", "{}");
            assertThat(hello.get("deviceId").asString())
                    .isEqualTo(credentials.deviceId().toString());
            assertThat(hello.get("lastSeq").asLong()).isZero();
            assertThat(hello.get("tracking").asString()).isEqualTo("ALWAYS");
            assertThat(hello.get("pingIntervalMs").asLong()).isPositive();
            assertThat(hello.get("serverTime").asLong())
                    .isCloseTo(System.currentTimeMillis(), org.assertj.core.data.Offset.offset(60_000L));
            send(device, "pings.batch", batch(ping(5), ping(3)));
            assertThat(send(device, "device.hello", "{}").get("lastSeq").asLong())
                    .isEqualTo(5);
        }
    }

    @Test
    default void acksABatchOnlyWithItsPingsStoredAndStoresResentPingsOnce() {
        DeviceCredentials credentials = newDevice();
        try (RawDevice device = RawDevice.connect(transport(), credentials.token())) {
            JsonNode ack = send(device, "pings.batch", batchOf(1, 50));
            assertThat(ack.get("upToSeq").asLong()).isEqualTo(50);
            assertThat(ack.get("accepted").asInt()).isEqualTo(50);
            assertThat(ack.get("duplicates").asInt()).isZero();
            assertThat(storedPings(credentials)).as("acked means stored").isEqualTo(50);

            JsonNode resent = send(device, "pings.batch", batchOf(40, 60));
            assertThat(resent.get("accepted").asInt()).isEqualTo(10);
            assertThat(resent.get("duplicates").asInt()).isEqualTo(11);
            JsonNode late = send(device, "pings.batch", batch(ping(100), ping(70), ping(70)));
            assertThat(late.get("accepted").asInt())
                    .as("a seq below lastSeq not yet stored is accepted")
                    .isEqualTo(2);
            assertThat(late.get("duplicates").asInt()).isEqualTo(1);
            assertThat(storedPings(credentials)).isEqualTo(62);
        }
    }

    @Test
    default void treatsASeqResentWithAnotherTimeAsADuplicate() {
        DeviceCredentials credentials = newDevice();
        try (RawDevice device = RawDevice.connect(transport(), credentials.token())) {
            send(device, "pings.batch", batch(ping(1, BASE_TS), ping(2, BASE_TS)));
            JsonNode again = send(
                    device,
                    "pings.batch",
                    batch(ping(1, BASE_TS - Duration.ofDays(2).toMillis()), ping(2, BASE_TS + 5)));
            assertThat(again.get("accepted").asInt()).isZero();
            assertThat(again.get("duplicates").asInt()).isEqualTo(2);
        }
        assertThat(storedPings(credentials)).isEqualTo(2);
    }

    @Test
    default void storesTheValidPingsOfABatchAndListsEachRejectionWithItsReason() {
        DeviceCredentials credentials = newDevice();
        long now = System.currentTimeMillis();
        try (RawDevice device = RawDevice.connect(transport(), credentials.token())) {
            JsonNode ack = send(
                    device,
                    "pings.batch",
                    batch(
                            ping(1),
                            "{\"ts\":" + now + ",\"lat\":1,\"lon\":1}",
                            "{\"seq\":3,\"ts\":" + now + ",\"lat\":\"1\",\"lon\":1}",
                            "{\"seq\":0,\"ts\":" + now + ",\"lat\":1,\"lon\":1}",
                            "{\"seq\":5,\"ts\":" + now + ",\"lat\":91,\"lon\":1}",
                            "{\"seq\":6,\"ts\":" + now + ",\"lat\":1,\"lon\":-181}",
                            ping(7, now + Duration.ofMinutes(10).toMillis()),
                            ping(8, now - Duration.ofDays(91).toMillis()),
                            "{\"seq\":9,\"ts\":" + now + ",\"lat\":1,\"lon\":1,\"accuracy\":-3}",
                            "{\"seq\":10,\"ts\":" + now + ",\"lat\":1,\"lon\":1,\"battery\":2}",
                            ping(11)));
            assertThat(ack.get("accepted").asInt()).isEqualTo(2);
            assertThat(ack.get("upToSeq").asLong()).isEqualTo(11);
            List<String> reasons = new ArrayList<>();
            List<Integer> indexes = new ArrayList<>();
            ack.get("rejected").forEach(rejection -> {
                reasons.add(rejection.get("reason").asString());
                indexes.add(rejection.get("index").asInt());
            });
            assertThat(reasons)
                    .containsExactly(
                            "FIELD_MISSING",
                            "NOT_A_NUMBER",
                            "SEQ_INVALID",
                            "LAT_OUT_OF_RANGE",
                            "LON_OUT_OF_RANGE",
                            "TS_IN_FUTURE",
                            "TS_TOO_OLD",
                            "ACCURACY_INVALID",
                            "FIELD_INVALID");
            assertThat(indexes).containsExactly(1, 2, 3, 4, 5, 6, 7, 8, 9);
            assertThat(ack.get("rejected").get(0).get("seq").isNull()).isTrue();
            assertThat(storedPings(credentials)).isEqualTo(2);
        }
    }

    @Test
    default void answersMalformedAndOversizedRequestsWithACodedErrorAndStaysUsable() {
        DeviceCredentials credentials = newDevice();
        try (RawDevice device = RawDevice.connect(transport(), credentials.token())) {
            expectRefused(device.request("pings.batch", "{not json"), "MALFORMED: ");
            expectRefused(device.request("pings.batch", "{\"pings\":5}"), "MALFORMED: ");
            expectRefused(device.request("pings.batch", batchOf(1, 1001)), "BATCH_TOO_LARGE: ");
            String huge = "{\"pings\":[" + ping(1) + "],\"pad\":\"" + "x".repeat(1024 * 1024) + "\"}";
            expectRefused(device.request("pings.batch", huge), "FRAME_TOO_LARGE: ");
            expectRefused(device.request("no.such.route", "{}"), "ROUTE_UNKNOWN: ");
            assertThat(storedPings(credentials)).isZero();
            assertThat(send(device, "pings.batch", batch(ping(1)))
                            .get("accepted")
                            .asInt())
                    .isEqualTo(1);
        }
    }

    private static void expectRefused(reactor.core.publisher.Mono<String> request, String prefix) {
        StepVerifier.create(request)
                .expectErrorSatisfies(error -> assertThat(error)
                        .isInstanceOf(ApplicationErrorException.class)
                        .hasMessageStartingWith(prefix))
                .verify(TIMEOUT);
    }

    @Test
    default void answersEveryChannelBatchInOrderAndKeepsTheChannelOpenAfterABadOne() {
        DeviceCredentials credentials = newDevice();
        try (RawDevice device = RawDevice.connect(transport(), credentials.token())) {
            Sinks.Many<String> batches = Sinks.many().unicast().onBackpressureBuffer();
            List<JsonNode> acks = new ArrayList<>();
            StepVerifier.create(device.channel("pings", batches.asFlux()).map(DeviceProtocolContract::json))
                    .then(() -> batches.tryEmitNext(batchOf(1, 10)))
                    .assertNext(acks::add)
                    .then(() -> batches.tryEmitNext("garbage"))
                    .assertNext(acks::add)
                    .then(() -> batches.tryEmitNext(batchOf(1, 1001)))
                    .assertNext(acks::add)
                    .then(() -> batches.tryEmitNext(batchOf(11, 20)))
                    .assertNext(acks::add)
                    .then(batches::tryEmitComplete)
                    .expectComplete()
                    .verify(TIMEOUT);
            assertThat(acks.get(0).get("accepted").asInt()).isEqualTo(10);
            assertThat(acks.get(1).get("error").asString()).startsWith("MALFORMED: ");
            assertThat(acks.get(1).get("accepted").asInt()).isZero();
            assertThat(acks.get(2).get("error").asString()).startsWith("BATCH_TOO_LARGE: ");
            assertThat(acks.get(3).get("upToSeq").asLong()).isEqualTo(20);
            assertThat(acks.get(3).get("accepted").asInt()).isEqualTo(10);
            assertThat(storedPings(credentials)).isEqualTo(20);
        }
    }

    @Test
    default void streamsManyBatchesOverOneChannelWithOneAckEach() {
        DeviceCredentials credentials = newDevice();
        try (RawDevice device = RawDevice.connect(transport(), credentials.token())) {
            List<JsonNode> acks = device.channel(
                            "pings", Flux.range(0, 40).map(i -> batchOf(i * 25L + 1, i * 25L + 25)))
                    .map(DeviceProtocolContract::json)
                    .collectList()
                    .block(TIMEOUT);
            assertThat(acks).hasSize(40);
            assertThat(acks)
                    .extracting(ack -> ack.get("upToSeq").asLong())
                    .isSorted()
                    .endsWith(1000L);
            assertThat(storedPings(credentials)).isEqualTo(1000);
        }
    }

    @Test
    default void storesActivitiesOnceAndRejectsBadOnesWithReasons() {
        DeviceCredentials credentials = newDevice();
        String id = UUID.randomUUID().toString();
        long ts = System.currentTimeMillis() - 1000;
        String knock = "{\"id\":\"" + id + "\",\"type\":\"DOOR_KNOCK\",\"ts\":" + ts
                + ",\"lat\":40.7,\"lon\":-74,\"outcome\":\"CALLBACK\",\"address\":\"12 Elm St\","
                + "\"followUpAt\":" + (ts + 86_400_000) + "}";
        try (RawDevice device = RawDevice.connect(transport(), credentials.token())) {
            JsonNode results = send(
                            device,
                            "activities",
                            "{\"activities\":[" + knock + "," + knock
                                    + ",{\"id\":\"a1\",\"type\":\"DANCE\",\"ts\":" + ts + "}"
                                    + ",{\"id\":\"a2\",\"type\":\"DOOR_KNOCK\",\"ts\":" + ts + "}"
                                    + ",{\"id\":\"a3\",\"type\":\"DOOR_KNOCK\",\"ts\":" + ts + ",\"outcome\":\"MAYBE\"}"
                                    + ",{\"id\":\"a4\",\"type\":\"SALE\"}"
                                    + ",{\"id\":\"a5\",\"type\":\"CALL\",\"ts\":" + (ts + 3_600_000) + "}"
                                    + ",{\"id\":\"a6\",\"type\":\"DOOR_KNOCK\",\"ts\":" + ts
                                    + ",\"outcome\":\"SALE\",\"amount\":-5}"
                                    + ",{\"id\":\"" + UUID.randomUUID() + "\",\"type\":\"SMS\",\"ts\":" + ts
                                    + ",\"direction\":\"OUT\"}]}")
                    .get("results");
            assertThat(results).hasSize(9);
            assertThat(results.get(0).get("status").asString()).isEqualTo("STORED");
            assertThat(results.get(0).get("id").asString()).isEqualTo(id);
            assertThat(results.get(1).get("status").asString()).isEqualTo("DUPLICATE");
            List<String> reasons = new ArrayList<>();
            for (int i = 2; i <= 7; i++) {
                assertThat(results.get(i).get("status").asString()).isEqualTo("REJECTED");
                reasons.add(results.get(i).get("reason").asString());
            }
            assertThat(reasons)
                    .containsExactly(
                            "TYPE_UNKNOWN",
                            "FIELD_MISSING",
                            "FIELD_INVALID",
                            "FIELD_MISSING",
                            "TS_IN_FUTURE",
                            "FIELD_INVALID");
            assertThat(results.get(8).get("status").asString()).isEqualTo("STORED");
            JsonNode again = send(device, "activities", "{\"activities\":[" + knock + "]}");
            assertThat(again.get("results").get(0).get("status").asString()).isEqualTo("DUPLICATE");
        }
        long stored = database()
                .sql("SELECT COUNT(*) AS n FROM activities WHERE device_id = :device")
                .bind("device", credentials.deviceId().value())
                .map(row -> row.get("n", Number.class).longValue())
                .one()
                .block(TIMEOUT);
        assertThat(stored).isEqualTo(2);
    }

    @Test
    default void dropsPingsTakenOffShiftUnderShiftOnlyTracking() {
        DeviceCredentials credentials = newDevice(Tracking.SHIFT_ONLY);
        long now = System.currentTimeMillis();
        try (RawDevice device = RawDevice.connect(transport(), credentials.token())) {
            JsonNode hello = send(device, "device.hello", "{}");
            assertThat(hello.get("tracking").asString()).isEqualTo("SHIFT_ONLY");
            assertThat(hello.get("onShift").asBoolean()).isFalse();
            JsonNode offShift = send(device, "pings.batch", batch(ping(1, now - 60_000), ping(2, now - 50_000)));
            assertThat(offShift.get("accepted").asInt()).isZero();
            assertThat(offShift.get("dropped").asInt()).isEqualTo(2);
            assertThat(offShift.get("upToSeq").asLong()).isEqualTo(2);

            send(
                    device,
                    "activities",
                    "{\"activities\":[{\"id\":\"" + UUID.randomUUID() + "\",\"type\":\"CLOCK_IN\",\"ts\":"
                            + (now - 40_000) + "}]}");
            assertThat(send(device, "device.hello", "{}").get("onShift").asBoolean())
                    .isTrue();
            JsonNode onShift = send(device, "pings.batch", batch(ping(3, now - 45_000), ping(4, now - 30_000)));
            assertThat(onShift.get("accepted").asInt())
                    .as("only the fix taken after clock-in")
                    .isEqualTo(1);
            assertThat(onShift.get("dropped").asInt()).isEqualTo(1);
        }
        assertThat(storedPings(credentials)).isEqualTo(1);
    }
}
