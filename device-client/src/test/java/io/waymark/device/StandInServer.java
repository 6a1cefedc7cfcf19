package io.waymark.device;

import io.netty.buffer.ByteBuf;
import io.rsocket.ConnectionSetupPayload;
import io.rsocket.Payload;
import io.rsocket.RSocket;
import io.rsocket.core.RSocketServer;
import io.rsocket.core.Resume;
import io.rsocket.exceptions.RejectedSetupException;
import io.rsocket.metadata.AuthMetadataCodec;
import io.rsocket.metadata.CompositeMetadata;
import io.rsocket.metadata.WellKnownAuthType;
import io.rsocket.metadata.WellKnownMimeType;
import io.rsocket.transport.ServerTransport;
import io.rsocket.transport.netty.server.CloseableChannel;
import io.rsocket.transport.netty.server.TcpServerTransport;
import io.rsocket.transport.netty.server.WebsocketServerTransport;
import io.waymark.protocol.Ack;
import io.waymark.protocol.ActivityBatch;
import io.waymark.protocol.ActivityResult;
import io.waymark.protocol.ActivityResults;
import io.waymark.protocol.Hello;
import io.waymark.protocol.Ping;
import io.waymark.protocol.PingBatch;
import io.waymark.protocol.RequestError;
import io.waymark.protocol.Routes;
import io.waymark.protocol.WelfareAnswer;
import io.waymark.protocol.WelfareCheck;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ConcurrentSkipListSet;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * A stand-in for the Waymark server's device protocol, for SDK tests: records what it receives, answers Hello,
 * Acks and activity results, and can call the device.
 */
final class StandInServer implements AutoCloseable {

    /** The SETUP of one connection as the server saw it. */
    record Setup(String dataMimeType, String metadataMimeType, String authMimeType, String bearerToken) {}

    final String expectedToken;
    final boolean websocket;
    final boolean resume;
    final List<Setup> setups = new CopyOnWriteArrayList<>();
    final List<String> routes = new CopyOnWriteArrayList<>();
    final List<PingBatch> batches = new CopyOnWriteArrayList<>();
    final Set<Long> stored = new ConcurrentSkipListSet<>();
    final Map<String, ActivityResult> activities = new ConcurrentHashMap<>();
    final List<String> rawData = new CopyOnWriteArrayList<>();
    /** Error codes to answer the next batches with, one each. */
    final Queue<RequestError> nextBatchErrors = new ConcurrentLinkedQueue<>();

    volatile String tracking = "ALWAYS";
    volatile boolean onShift = true;
    volatile long helloLastSeq = -1;
    /** Acks wait for this to complete; swap in a never-completing Mono to hold them back. */
    volatile Mono<Void> ackGate = Mono.empty();
    /** Holds the answers to activity requests until it completes (the activities are taken at once). */
    volatile Mono<Void> activityGate = Mono.empty();

    private final AtomicReference<RSocket> deviceSocket = new AtomicReference<>();
    private final List<RSocket> connections = new CopyOnWriteArrayList<>();
    private final AtomicInteger port = new AtomicInteger();
    private CloseableChannel channel;

    private StandInServer(String expectedToken, boolean websocket, boolean resume) {
        this.expectedToken = expectedToken;
        this.websocket = websocket;
        this.resume = resume;
    }

    static StandInServer tcp(String expectedToken) {
        return new StandInServer(expectedToken, false, false).start();
    }

    static StandInServer tcpWithResume(String expectedToken) {
        return new StandInServer(expectedToken, false, true).start();
    }

    static StandInServer websocket(String expectedToken) {
        return new StandInServer(expectedToken, true, false).start();
    }

    /** Binds (again, on the same port after a stop). */
    synchronized StandInServer start() {
        ServerTransport<CloseableChannel> transport = websocket
                ? WebsocketServerTransport.create("127.0.0.1", port.get())
                : TcpServerTransport.create("127.0.0.1", port.get());
        RSocketServer server = RSocketServer.create(this::accept);
        if (resume) {
            server.resume(new Resume());
        }
        channel = server.bind(transport).block();
        port.set(channel.address().getPort());
        return this;
    }

    /** Unbinds and closes every connection, as a crashing server would. */
    synchronized void stop() {
        channel.dispose();
        channel.onClose().block();
        connections.forEach(RSocket::dispose);
        connections.clear();
        deviceSocket.set(null);
    }

    int port() {
        return port.get();
    }

    @Override
    public void close() {
        stop();
    }

    private Mono<RSocket> accept(ConnectionSetupPayload setup, RSocket sendingSocket) {
        String authMime = null;
        String token = null;
        for (CompositeMetadata.Entry entry : new CompositeMetadata(setup.sliceMetadata(), false)) {
            if (WellKnownMimeType.MESSAGE_RSOCKET_AUTHENTICATION.getString().equals(entry.getMimeType())) {
                authMime = entry.getMimeType();
                ByteBuf content = entry.getContent();
                if (AuthMetadataCodec.isWellKnownAuthType(content)
                        && AuthMetadataCodec.readWellKnownAuthType(content) == WellKnownAuthType.BEARER) {
                    token = new String(AuthMetadataCodec.readBearerTokenAsCharArray(content));
                }
            }
        }
        setups.add(new Setup(setup.dataMimeType(), setup.metadataMimeType(), authMime, token));
        if (!expectedToken.equals(token)) {
            return Mono.error(new RejectedSetupException("unknown token"));
        }
        deviceSocket.set(sendingSocket);
        connections.add(sendingSocket);
        return Mono.just(new Responder());
    }

    /** Asks the connected device "are you OK?". */
    Mono<WelfareAnswer> check(WelfareCheck check) {
        return Mono.defer(() -> Mono.justOrEmpty(deviceSocket.get()))
                .switchIfEmpty(Mono.error(new IllegalStateException("no device connected")))
                .flatMap(socket -> socket.requestResponse(Wire.routed(Routes.DEVICE_CHECK, Wire.json(check))))
                .map(payload -> Wire.read(payload, WelfareAnswer.class));
    }

    private Hello hello() {
        long lastSeq = helloLastSeq >= 0
                ? helloLastSeq
                : stored.stream().mapToLong(Long::longValue).max().orElse(0);
        return new Hello("device-1", "rep-1", "team-1", System.currentTimeMillis(), lastSeq, 5000, tracking, onShift);
    }

    private Ack store(byte[] data) {
        RequestError error = nextBatchErrors.poll();
        if (error != null) {
            return Ack.refused(error, "stand-in says so");
        }
        PingBatch batch;
        try {
            batch = Json.MAPPER.readValue(data, PingBatch.class);
        } catch (RuntimeException e) {
            return Ack.refused(RequestError.MALFORMED, e.getMessage());
        }
        batches.add(batch);
        int accepted = 0;
        int duplicates = 0;
        long upTo = 0;
        for (Ping ping : batch.pings()) {
            upTo = Math.max(upTo, ping.seq());
            if (stored.add(ping.seq())) {
                accepted++;
            } else {
                duplicates++;
            }
        }
        return new Ack(upTo, accepted, duplicates, 0, List.of(), null);
    }

    private final class Responder implements RSocket {

        @Override
        public Mono<Payload> requestResponse(Payload payload) {
            String route = Wire.route(payload.sliceMetadata());
            byte[] data = Wire.bytes(payload);
            routes.add(String.valueOf(route));
            rawData.add(new String(data, java.nio.charset.StandardCharsets.UTF_8));
            switch (String.valueOf(route)) {
                case Routes.HELLO:
                    return Mono.just(Wire.plain(Wire.json(hello())));
                case Routes.PINGS_BATCH:
                    return Mono.just(Wire.plain(Wire.json(store(data))));
                case Routes.ACTIVITIES:
                    ActivityBatch batch = Json.MAPPER.readValue(data, ActivityBatch.class);
                    List<ActivityResult> results = new ArrayList<>();
                    batch.activities().forEach(activity -> {
                        ActivityResult result = "BOGUS".equals(activity.type())
                                ? ActivityResult.rejected(activity.id(), "TYPE_UNKNOWN")
                                : activities.putIfAbsent(activity.id(), ActivityResult.stored(activity.id())) == null
                                        ? ActivityResult.stored(activity.id())
                                        : ActivityResult.duplicate(activity.id());
                        results.add(result);
                    });
                    return activityGate.then(
                            Mono.fromCallable(() -> Wire.plain(Wire.json(new ActivityResults(results)))));
                default:
                    return Mono.error(new IllegalArgumentException("ROUTE_UNKNOWN: " + route));
            }
        }

        @Override
        public Flux<Payload> requestChannel(Publisher<Payload> payloads) {
            AtomicReference<String> route = new AtomicReference<>();
            return Flux.from(payloads)
                    .map(payload -> {
                        if (route.get() == null) {
                            route.set(String.valueOf(Wire.route(payload.sliceMetadata())));
                            routes.add(route.get());
                        }
                        byte[] data = Wire.bytes(payload);
                        if (!Routes.PINGS.equals(route.get())) {
                            throw new IllegalArgumentException("ROUTE_UNKNOWN: " + route.get());
                        }
                        return store(data);
                    })
                    .flatMapSequential(ack -> ackGate.then(Mono.fromCallable(() -> Wire.plain(Wire.json(ack)))), 256);
        }
    }
}
