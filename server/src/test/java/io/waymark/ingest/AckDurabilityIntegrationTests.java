package io.waymark.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import io.r2dbc.spi.ConnectionFactories;
import io.waymark.identity.RepId;
import io.waymark.identity.TeamId;
import io.waymark.identity.Tracking;
import io.waymark.support.DeviceCredentials;
import io.waymark.support.RawDevice;
import io.waymark.support.ServerProcess;
import io.waymark.support.TestPostgres;
import io.waymark.support.WaymarkApi;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.springframework.r2dbc.core.DatabaseClient;
import reactor.core.publisher.Flux;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * An ack is a promise that the pings are durable: the server is killed with SIGKILL while a device streams, right
 * after acks went out, and every acked ping must be in PostgreSQL when it comes back.
 */
class AckDurabilityIntegrationTests {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final int BATCH = 50;

    @Test
    void everyAckedPingSurvivesAKilledServer() throws Exception {
        try (ServerProcess server = ServerProcess.start()) {
            WaymarkApi api = new WaymarkApi(server.httpPort());
            TeamId team = api.createTeam(WaymarkApi.unique("durable"), Tracking.ALWAYS);
            RepId rep = api.createRep(team, "Durable Rep");
            DeviceCredentials credentials = api.createDevice(rep);

            Set<Long> ackedSeqs = ConcurrentHashMap.newKeySet();
            CountDownLatch enoughAcks = new CountDownLatch(30);
            long base = System.currentTimeMillis() - 60_000;
            RawDevice device = RawDevice.connect(RawDevice.tcp(server.tcpPort()), credentials.token());
            Flux<String> endless = Flux.range(0, 100_000).map(i -> batch(i * (long) BATCH + 1, base));
            device.channel("pings", endless)
                    .map(ack -> JSON.readTree(ack))
                    .subscribe(
                            ack -> {
                                long upTo = ack.get("upToSeq").asLong();
                                for (long seq = upTo - BATCH + 1; seq <= upTo; seq++) {
                                    ackedSeqs.add(seq);
                                }
                                enoughAcks.countDown();
                            },
                            connectionLost -> {});
            assertThat(enoughAcks.await(30, TimeUnit.SECONDS)).isTrue();
            server.kill();
            device.close();
            List<Long> acked = new ArrayList<>(ackedSeqs);
            assertThat(acked).hasSizeGreaterThanOrEqualTo(30 * BATCH);

            server.startAgain();
            DatabaseClient database = DatabaseClient.create(ConnectionFactories.get(TestPostgres.url()));
            List<Long> stored = database.sql("SELECT seq FROM pings WHERE device_id = :device")
                    .bind("device", credentials.deviceId().value())
                    .map(row -> row.get("seq", Long.class))
                    .all()
                    .collectList()
                    .block(Duration.ofSeconds(30));
            assertThat(stored).containsAll(acked);

            try (RawDevice again = RawDevice.connect(RawDevice.tcp(server.tcpPort()), credentials.token())) {
                JsonNode hello =
                        JSON.readTree(again.request("device.hello", "{}").block(Duration.ofSeconds(10)));
                assertThat(hello.get("lastSeq").asLong())
                        .isGreaterThanOrEqualTo(
                                acked.stream().mapToLong(Long::longValue).max().orElseThrow());
            }
        }
    }

    private static String batch(long fromSeq, long base) {
        StringBuilder json = new StringBuilder("{\"pings\":[");
        for (long seq = fromSeq; seq < fromSeq + BATCH; seq++) {
            json.append(seq > fromSeq ? "," : "")
                    .append("{\"seq\":")
                    .append(seq)
                    .append(",\"ts\":")
                    .append(base + seq)
                    .append(",\"lat\":40.7,\"lon\":-74.0,\"accuracy\":5}");
        }
        return json.append("]}").toString();
    }
}
