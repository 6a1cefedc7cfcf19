package io.waymark.ingest.rsocket;

import io.rsocket.RSocket;
import io.waymark.identity.DeviceId;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.stereotype.Component;

/** The open device connections of this node, so that a revoked device can be cut off at once. */
@Component
class DeviceConnections {

    private final Map<DeviceId, Set<RSocket>> open = new ConcurrentHashMap<>();
    private final Set<DeviceId> revoked = ConcurrentHashMap.newKeySet();

    void opened(DeviceId device, RSocket toDevice) {
        open.computeIfAbsent(device, id -> ConcurrentHashMap.newKeySet()).add(toDevice);
        if (revoked.contains(device)) {
            closeAll(device);
        }
    }

    /** Cuts a revoked device off, including a connection whose SETUP is being admitted right now. */
    int revoke(DeviceId device) {
        revoked.add(device);
        return closeAll(device);
    }

    void closed(DeviceId device, RSocket toDevice) {
        open.computeIfPresent(device, (id, sockets) -> {
            sockets.remove(toDevice);
            return sockets.isEmpty() ? null : sockets;
        });
    }

    /** Closes every connection of a device; answers how many there were. */
    int closeAll(DeviceId device) {
        Set<RSocket> sockets = open.remove(device);
        if (sockets == null) {
            return 0;
        }
        sockets.forEach(RSocket::dispose);
        return sockets.size();
    }

    int count() {
        return open.values().stream().mapToInt(Set::size).sum();
    }
}
