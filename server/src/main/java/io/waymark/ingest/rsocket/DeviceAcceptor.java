package io.waymark.ingest.rsocket;

import io.rsocket.ConnectionSetupPayload;
import io.rsocket.RSocket;
import io.rsocket.SocketAcceptor;
import io.rsocket.exceptions.RejectedSetupException;
import io.rsocket.metadata.WellKnownMimeType;
import io.waymark.bus.EventBus;
import io.waymark.identity.DeviceDirectory;
import io.waymark.ingest.DeviceConnected;
import io.waymark.ingest.DeviceDisconnected;
import io.waymark.ingest.IngestProperties;
import io.waymark.ingest.internal.ActivityIngest;
import io.waymark.ingest.internal.DeviceHellos;
import io.waymark.ingest.internal.IngestJson;
import io.waymark.ingest.internal.PingIngest;
import java.time.Clock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;
import tools.jackson.databind.ObjectMapper;

/**
 * Admits a device at SETUP: its bearer token must belong to a device that is not revoked, and its MIME types must
 * be the protocol's; otherwise the SETUP is rejected and no data is accepted.
 */
final class DeviceAcceptor implements SocketAcceptor {

    private static final Logger log = LoggerFactory.getLogger(DeviceAcceptor.class);
    private static final String COMPOSITE = WellKnownMimeType.MESSAGE_RSOCKET_COMPOSITE_METADATA.getString();

    private final DeviceDirectory directory;
    private final DeviceConnections connections;
    private final DeviceHellos hellos;
    private final PingIngest pings;
    private final ActivityIngest activities;
    private final EventBus bus;
    private final Clock clock;
    private final IngestProperties properties;

    DeviceAcceptor(
            DeviceDirectory directory,
            DeviceConnections connections,
            DeviceHellos hellos,
            PingIngest pings,
            ActivityIngest activities,
            EventBus bus,
            Clock clock,
            IngestProperties properties) {
        this.directory = directory;
        this.connections = connections;
        this.hellos = hellos;
        this.pings = pings;
        this.activities = activities;
        this.bus = bus;
        this.clock = clock;
        this.properties = properties;
    }

    @Override
    public Mono<RSocket> accept(ConnectionSetupPayload setup, RSocket toDevice) {
        String dataMimeType = setup.dataMimeType();
        if (!dataMimeType.startsWith("application/json") && !dataMimeType.startsWith("application/cbor")) {
            return Mono.error(new RejectedSetupException(
                    "data MIME type must be application/json or application/cbor, not " + dataMimeType));
        }
        if (!COMPOSITE.equals(setup.metadataMimeType())) {
            return Mono.error(new RejectedSetupException("metadata MIME type must be " + COMPOSITE));
        }
        String token = ProtocolMetadata.bearerToken(setup.sliceMetadata());
        if (token == null || token.isBlank()) {
            return Mono.error(new RejectedSetupException("SETUP metadata must carry a bearer device token"));
        }
        return directory
                .authenticate(token)
                .switchIfEmpty(Mono.error(() -> new RejectedSetupException("unknown or revoked device token")))
                .flatMap(device -> hellos.connected(device).thenReturn(device))
                .map(device -> {
                    ObjectMapper mapper = IngestJson.forMimeType(dataMimeType);
                    DeviceSession session = new DeviceSession(
                            device,
                            mapper,
                            pings,
                            activities,
                            hellos,
                            properties.channelPrefetch(),
                            properties.maxConcurrentRequestsPerConnection());
                    connections.opened(device, toDevice, mapper);
                    bus.publish(new DeviceConnected(device, dataMimeType, clock.instant()));
                    toDevice.onClose()
                            .doFinally(signal -> {
                                connections.closed(device.deviceId(), toDevice);
                                bus.publish(new DeviceDisconnected(device, clock.instant()));
                            })
                            .subscribe(done -> {}, error -> log.debug("device connection ended", error));
                    return session;
                });
    }
}
