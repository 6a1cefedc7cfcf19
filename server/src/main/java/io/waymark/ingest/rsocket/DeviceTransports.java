package io.waymark.ingest.rsocket;

import io.rsocket.core.RSocketServer;
import io.rsocket.core.Resume;
import io.rsocket.frame.decoder.PayloadDecoder;
import io.rsocket.transport.ServerTransport;
import io.rsocket.transport.netty.server.CloseableChannel;
import io.rsocket.transport.netty.server.TcpServerTransport;
import io.rsocket.transport.netty.server.WebsocketRouteTransport;
import io.waymark.bus.EventBus;
import io.waymark.identity.DeviceDirectory;
import io.waymark.identity.DeviceRevoked;
import io.waymark.identity.TeamPolicyChanged;
import io.waymark.ingest.DeviceEndpoints;
import io.waymark.ingest.DeviceTransportProperties;
import io.waymark.ingest.IngestProperties;
import io.waymark.ingest.internal.ActivityIngest;
import io.waymark.ingest.internal.DeviceHellos;
import io.waymark.ingest.internal.IngestMaintenance;
import io.waymark.ingest.internal.PingIngest;
import io.waymark.ingest.internal.TeamPolicies;
import java.time.Clock;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.reactor.netty.NettyRouteProvider;
import org.springframework.context.SmartLifecycle;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import reactor.core.Disposable;
import reactor.core.Disposables;
import reactor.netty.http.server.WebsocketServerSpec;
import reactor.netty.tcp.TcpServer;

/**
 * Serves the device protocol on both transports from one RSocket server definition (so that authentication and
 * resumption cover both): TCP on {@code spring.rsocket.server.port}, and WebSocket at {@code /rsocket} on the HTTP
 * port. Before devices are let in, the ping partitions are made; revoked devices are cut off as the news arrives.
 */
@Configuration(proxyBeanMethods = false)
class DeviceTransports implements SmartLifecycle, HealthIndicator, DeviceEndpoints {

    private static final Logger log = LoggerFactory.getLogger(DeviceTransports.class);
    /** The transport takes frames up to this size so that it can answer FRAME_TOO_LARGE above the 1 MiB limit. */
    private static final int MAX_FRAME_BYTES = io.rsocket.frame.FrameLengthCodec.FRAME_LENGTH_MASK;

    private final RSocketServer server;
    private final DeviceTransportProperties transport;
    private final DeviceConnections connections;
    private final TeamPolicies policies;
    private final IngestMaintenance maintenance;
    private final EventBus bus;
    /** Made anew at each start: a disposed composite would dispose whatever is added to it afterwards. */
    private Disposable.Composite subscriptions = Disposables.composite();

    private volatile CloseableChannel tcp;

    DeviceTransports(
            DeviceDirectory directory,
            DeviceConnections connections,
            DeviceHellos hellos,
            PingIngest pings,
            ActivityIngest activities,
            TeamPolicies policies,
            IngestMaintenance maintenance,
            EventBus bus,
            Clock clock,
            IngestProperties properties,
            DeviceTransportProperties transport) {
        this.transport = transport;
        this.connections = connections;
        this.policies = policies;
        this.maintenance = maintenance;
        this.bus = bus;
        this.server = RSocketServer.create(
                        new DeviceAcceptor(directory, connections, hellos, pings, activities, bus, clock, properties))
                .resume(new Resume()
                        .sessionDuration(properties.resumeSessionDuration())
                        .cleanupStoreOnKeepAlive())
                .maxInboundPayloadSize(MAX_FRAME_BYTES)
                .maxTimeToFirstFrame(Duration.ofSeconds(10))
                .payloadDecoder(PayloadDecoder.DEFAULT);
    }

    @Bean
    NettyRouteProvider rsocketOverWebSocket() {
        ServerTransport.ConnectionAcceptor acceptor = server.asConnectionAcceptor(MAX_FRAME_BYTES);
        return routes -> routes.ws(
                "/rsocket",
                WebsocketRouteTransport.newHandler(acceptor),
                WebsocketServerSpec.builder()
                        .maxFramePayloadLength(MAX_FRAME_BYTES + 1024)
                        .build());
    }

    @Override
    public void start() {
        subscriptions = Disposables.composite();
        subscriptions.add(bus.events(DeviceRevoked.class).subscribe(revoked -> {
            int closed = connections.revoke(revoked.deviceId());
            log.info("device {} revoked; closed {} connection(s)", revoked.deviceId(), closed);
        }));
        subscriptions.add(bus.events(TeamPolicyChanged.class).subscribe(changed -> policies.changed(changed.policy())));
        maintenance.start();
        tcp = server.bind(TcpServerTransport.create(
                        TcpServer.create().host(transport.address()).port(transport.port()), MAX_FRAME_BYTES))
                .block(Duration.ofSeconds(30));
        log.info("devices connect over RSocket on TCP port {} and WebSocket at /rsocket", tcpPort());
    }

    /** The TCP port devices connect to (the bound one when the configured port is 0). */
    @Override
    public int tcpPort() {
        CloseableChannel channel = tcp;
        return channel == null ? -1 : channel.address().getPort();
    }

    @Override
    public void stop() {
        CloseableChannel channel = tcp;
        if (channel != null) {
            channel.dispose();
            channel.onClose().block(Duration.ofSeconds(10));
        }
        tcp = null;
        maintenance.stop();
        subscriptions.dispose();
    }

    @Override
    public boolean isRunning() {
        return tcp != null;
    }

    @Override
    public int getPhase() {
        return SmartLifecycle.DEFAULT_PHASE - 1024;
    }

    @Override
    public Health health() {
        CloseableChannel channel = tcp;
        if (channel == null || channel.isDisposed() || !maintenance.ready()) {
            return Health.down().withDetail("tcpPort", tcpPort()).build();
        }
        return Health.up()
                .withDetail("tcpPort", tcpPort())
                .withDetail("connections", connections.count())
                .build();
    }
}
