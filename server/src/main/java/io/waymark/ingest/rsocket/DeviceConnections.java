package io.waymark.ingest.rsocket;

import io.rsocket.RSocket;
import io.waymark.identity.DeviceId;
import io.waymark.identity.DeviceIdentity;
import io.waymark.identity.RepId;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.stereotype.Component;
import tools.jackson.databind.ObjectMapper;

/**
 * The open device connections of this node, so that a revoked device can be cut off at once and the server can call
 * a rep's devices ({@code device.check}).
 */
@Component
class DeviceConnections {

    /**
     * One open connection: whose device it is, the RSocket toward the device, and the mapper of the connection's data
     * MIME type (JSON or CBOR).
     */
    record OpenConnection(DeviceIdentity device, RSocket toDevice, ObjectMapper mapper) {

        OpenConnection {
            Objects.requireNonNull(device, "device");
            Objects.requireNonNull(toDevice, "toDevice");
            Objects.requireNonNull(mapper, "mapper");
        }
    }

    private final Map<DeviceId, Set<OpenConnection>> open = new ConcurrentHashMap<>();
    /** The same connections by rep, kept in step with {@link #open}: a welfare check must not scan every device. */
    private final Map<RepId, Set<OpenConnection>> byRep = new ConcurrentHashMap<>();

    private final Set<DeviceId> revoked = ConcurrentHashMap.newKeySet();

    void opened(DeviceIdentity device, RSocket toDevice, ObjectMapper mapper) {
        OpenConnection connection = new OpenConnection(device, toDevice, mapper);
        open.computeIfAbsent(device.deviceId(), id -> ConcurrentHashMap.newKeySet())
                .add(connection);
        byRep.computeIfAbsent(device.repId(), id -> ConcurrentHashMap.newKeySet())
                .add(connection);
        if (revoked.contains(device.deviceId())) {
            closeAll(device.deviceId());
        }
    }

    /** Cuts a revoked device off, including a connection whose SETUP is being admitted right now. */
    int revoke(DeviceId device) {
        revoked.add(device);
        return closeAll(device);
    }

    void closed(DeviceId device, RSocket toDevice) {
        Set<OpenConnection> gone = ConcurrentHashMap.newKeySet();
        open.computeIfPresent(device, (id, connections) -> {
            connections.removeIf(connection -> connection.toDevice() == toDevice && gone.add(connection));
            return connections.isEmpty() ? null : connections;
        });
        forgetByRep(gone);
    }

    private void forgetByRep(Set<OpenConnection> gone) {
        for (OpenConnection connection : gone) {
            byRep.computeIfPresent(connection.device().repId(), (rep, connections) -> {
                connections.remove(connection);
                return connections.isEmpty() ? null : connections;
            });
        }
    }

    /** Closes every connection of a device; answers how many there were. */
    int closeAll(DeviceId device) {
        Set<OpenConnection> connections = open.remove(device);
        if (connections == null) {
            return 0;
        }
        connections.forEach(connection -> connection.toDevice().dispose());
        forgetByRep(connections);
        return connections.size();
    }

    /** The rep's open connections on this node. */
    List<OpenConnection> ofRep(RepId rep) {
        Set<OpenConnection> connections = byRep.get(rep);
        if (connections == null) {
            return List.of();
        }
        return connections.stream()
                .filter(connection -> !connection.toDevice().isDisposed())
                .toList();
    }

    int count() {
        return open.values().stream().mapToInt(Set::size).sum();
    }
}
