package io.waymark.ingest.rsocket;

import static org.assertj.core.api.Assertions.assertThat;

import io.rsocket.RSocket;
import io.waymark.identity.DeviceId;
import io.waymark.identity.DeviceIdentity;
import io.waymark.identity.RepId;
import io.waymark.identity.TeamId;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

class DeviceConnectionsTests {

    private final DeviceConnections connections = new DeviceConnections();
    private final JsonMapper mapper = JsonMapper.builder().build();
    private final TeamId team = new TeamId(UUID.randomUUID());
    private final RepId rep = new RepId(UUID.randomUUID());
    private final RepId other = new RepId(UUID.randomUUID());

    @Test
    void findsEveryOpenConnectionOfARepAndNoneOfAnother() {
        DeviceIdentity phone = device(rep);
        DeviceIdentity tablet = device(rep);
        connections.opened(phone, new Socket(), mapper);
        connections.opened(tablet, new Socket(), mapper);
        connections.opened(device(other), new Socket(), mapper);

        assertThat(connections.ofRep(rep))
                .extracting(DeviceConnections.OpenConnection::device)
                .containsExactlyInAnyOrder(phone, tablet);
        assertThat(connections.count()).isEqualTo(3);
    }

    @Test
    void aClosedConnectionIsNoLongerTheRepsButItsDevicesOtherConnectionIs() {
        DeviceIdentity phone = device(rep);
        Socket first = new Socket();
        Socket second = new Socket();
        connections.opened(phone, first, mapper);
        connections.opened(phone, second, mapper);

        connections.closed(phone.deviceId(), first);

        assertThat(connections.ofRep(rep))
                .extracting(DeviceConnections.OpenConnection::toDevice)
                .containsExactly(second);
        connections.closed(phone.deviceId(), second);
        assertThat(connections.ofRep(rep)).isEmpty();
        assertThat(connections.count()).isZero();
    }

    @Test
    void revokingADeviceDisposesItsConnectionsAndForgetsThem() {
        DeviceIdentity phone = device(rep);
        Socket socket = new Socket();
        connections.opened(phone, socket, mapper);

        assertThat(connections.revoke(phone.deviceId())).isEqualTo(1);

        assertThat(socket.isDisposed()).isTrue();
        assertThat(connections.ofRep(rep)).isEmpty();
        Socket late = new Socket();
        connections.opened(phone, late, mapper);
        assertThat(late.isDisposed())
                .as("a revoked device connecting again is cut off")
                .isTrue();
        assertThat(connections.ofRep(rep)).isEmpty();
    }

    @Test
    void aDisposedConnectionNotYetClosedIsNotOffered() {
        Socket socket = new Socket();
        connections.opened(device(rep), socket, mapper);

        socket.dispose();

        assertThat(connections.ofRep(rep)).isEmpty();
    }

    private DeviceIdentity device(RepId owner) {
        return new DeviceIdentity(new DeviceId(UUID.randomUUID()), owner, team);
    }

    /** The transport's side of a connection: only whether it was disposed matters here. */
    private static final class Socket implements RSocket {

        private volatile boolean disposed;

        @Override
        public void dispose() {
            disposed = true;
        }

        @Override
        public boolean isDisposed() {
            return disposed;
        }
    }
}
