package io.waymark.support;

import static org.assertj.core.api.Assertions.assertThat;

import io.waymark.identity.DeviceId;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A registered device connected to a running server over RSocket-over-WebSocket, for tests that need stored pings and
 * activities: it sends them through the real protocol and checks that every one was stored.
 */
public final class FieldDevice implements AutoCloseable {

    private static final Duration TIMEOUT = Duration.ofSeconds(15);
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final DeviceCredentials credentials;
    private final RawDevice device;

    private FieldDevice(DeviceCredentials credentials, RawDevice device) {
        this.credentials = credentials;
        this.device = device;
    }

    /** Connects a device over the WebSocket transport of the server on {@code httpPort}. */
    public static FieldDevice connect(int httpPort, DeviceCredentials credentials) {
        return new FieldDevice(credentials, RawDevice.connect(RawDevice.websocket(httpPort), credentials.token()));
    }

    public DeviceId id() {
        return credentials.deviceId();
    }

    /** Sends pings (JSON objects) in one batch and checks that each was accepted. */
    public void sendPings(List<String> pings) {
        JsonNode ack = JSON.readTree(device.request("pings.batch", "{\"pings\":[" + String.join(",", pings) + "]}")
                .block(TIMEOUT));
        assertThat(ack.get("accepted").asInt()).as("accepted pings: %s", ack).isEqualTo(pings.size());
    }

    /** Sends activities (JSON objects) in one request and checks that each was stored. */
    public void sendActivities(String... activities) {
        JsonNode answer =
                JSON.readTree(device.request("activities", "{\"activities\":[" + String.join(",", activities) + "]}")
                        .block(TIMEOUT));
        for (JsonNode result : answer.get("results")) {
            assertThat(result.get("status").asString()).as("result %s", result).isEqualTo("STORED");
        }
    }

    /** Sends pings again (a replay) and checks that each was recognised as a duplicate. */
    public void resendPings(List<String> pings) {
        JsonNode ack = JSON.readTree(device.request("pings.batch", "{\"pings\":[" + String.join(",", pings) + "]}")
                .block(TIMEOUT));
        assertThat(ack.get("duplicates").asInt()).as("duplicate pings: %s", ack).isEqualTo(pings.size());
    }

    /** Sends activities again (a replay) and checks that each was recognised as a duplicate. */
    public void resendActivities(String... activities) {
        JsonNode answer =
                JSON.readTree(device.request("activities", "{\"activities\":[" + String.join(",", activities) + "]}")
                        .block(TIMEOUT));
        for (JsonNode result : answer.get("results")) {
            assertThat(result.get("status").asString()).as("result %s", result).isEqualTo("DUPLICATE");
        }
    }

    /** A ping with every optional field the track shows. */
    public static String ping(long seq, long ts, double lat, double lon) {
        return String.format(
                Locale.ROOT,
                "{\"seq\":%d,\"ts\":%d,\"lat\":%s,\"lon\":%s,\"accuracy\":%s,\"speed\":1.5,\"heading\":%d,"
                        + "\"battery\":0.75}",
                seq,
                ts,
                lat,
                lon,
                5 + seq % 10,
                seq % 360);
    }

    @Override
    public void close() {
        device.close();
    }
}
