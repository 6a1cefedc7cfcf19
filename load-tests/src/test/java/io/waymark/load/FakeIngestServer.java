package io.waymark.load;

import io.netty.buffer.ByteBuf;
import io.rsocket.ConnectionSetupPayload;
import io.rsocket.Payload;
import io.rsocket.RSocket;
import io.rsocket.core.RSocketServer;
import io.rsocket.exceptions.RejectedSetupException;
import io.rsocket.metadata.AuthMetadataCodec;
import io.rsocket.metadata.CompositeMetadata;
import io.rsocket.metadata.RoutingMetadata;
import io.rsocket.metadata.WellKnownAuthType;
import io.rsocket.metadata.WellKnownMimeType;
import io.rsocket.transport.netty.server.CloseableChannel;
import io.rsocket.transport.netty.server.TcpServerTransport;
import io.rsocket.util.DefaultPayload;
import io.waymark.protocol.Activity;
import io.waymark.protocol.ActivityBatch;
import io.waymark.protocol.ActivityResult;
import io.waymark.protocol.ActivityResults;
import io.waymark.protocol.Hello;
import io.waymark.protocol.Ping;
import io.waymark.protocol.PingBatch;
import io.waymark.protocol.Routes;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

/**
 * A stand-in for the server's device protocol: checks the bearer token, answers {@code device.hello} and acks
 * every batch on {@code pings} and {@code pings.batch} at once, counting what it was sent and refusing resends; stores
 * every activity on {@code activities}.
 */
final class FakeIngestServer implements AutoCloseable {

    private final JsonMapper json = JsonMapper.builder().build();
    private final Set<String> tokens;
    private final Map<String, Long> lastSeqByToken = new ConcurrentHashMap<>();
    private final Set<String> routesSeen = ConcurrentHashMap.newKeySet();
    final AtomicLong pingsReceived = new AtomicLong();
    private final CloseableChannel channel;

    private final long failChannelsAfterBatches;
    private volatile java.util.function.BiConsumer<String, Ping> onPing = (token, ping) -> {};
    private volatile ActivityListener onActivity = (token, activity, device) -> {};

    /** Told each activity stored, with the device's token and its connection (to call the device back). */
    interface ActivityListener {
        void stored(String token, Activity activity, RSocket device);
    }

    FakeIngestServer(Set<String> tokens) {
        this(tokens, Long.MAX_VALUE);
    }

    /** A server whose {@code pings} channels end in an error after {@code failChannelsAfterBatches} batches. */
    FakeIngestServer(Set<String> tokens, long failChannelsAfterBatches) {
        this.tokens = tokens;
        this.failChannelsAfterBatches = failChannelsAfterBatches;
        this.channel = RSocketServer.create(this::accept)
                .bind(TcpServerTransport.create("127.0.0.1", 0))
                .block();
    }

    /** Called with the device token and each ping it accepts, on the connection's thread. */
    void onPing(java.util.function.BiConsumer<String, Ping> listener) {
        this.onPing = listener;
    }

    /** Called with each activity stored, on the connection's thread. */
    void onActivity(ActivityListener listener) {
        this.onActivity = listener;
    }

    int port() {
        return channel.address().getPort();
    }

    Set<String> routesSeen() {
        return routesSeen;
    }

    private Mono<RSocket> accept(ConnectionSetupPayload setup, RSocket sendingSocket) {
        String token = bearer(setup.metadata());
        if (token == null || !tokens.contains(token)) {
            return Mono.error(new RejectedSetupException("bad token"));
        }
        return Mono.just(new RSocket() {
            @Override
            public Mono<Payload> requestResponse(Payload payload) {
                String route = route(payload.metadata());
                routesSeen.add(route);
                try {
                    if (Routes.HELLO.equals(route)) {
                        Hello hello =
                                new Hello(token, "rep", "team", System.currentTimeMillis(), 0, 5000, "ALWAYS", true);
                        return Mono.just(DefaultPayload.create(json.writeValueAsBytes(hello)));
                    }
                    if (Routes.ACTIVITIES.equals(route)) {
                        return Mono.just(stored(token, payload, sendingSocket));
                    }
                    return Mono.just(ack(token, payload));
                } finally {
                    payload.release();
                }
            }

            @Override
            public Flux<Payload> requestChannel(Publisher<Payload> payloads) {
                AtomicLong batches = new AtomicLong();
                return Flux.from(payloads).<Payload>handle((payload, sink) -> {
                    if (batches.incrementAndGet() > failChannelsAfterBatches) {
                        payload.release();
                        sink.error(new IllegalStateException("UNAVAILABLE: the fake gives up"));
                        return;
                    }
                    if (payload.hasMetadata() && payload.metadata().isReadable()) {
                        routesSeen.add(route(payload.metadata()));
                    }
                    try {
                        sink.next(ack(token, payload));
                    } finally {
                        payload.release();
                    }
                });
            }
        });
    }

    private Payload stored(String token, Payload payload, RSocket device) {
        ByteBuffer data = payload.getData();
        byte[] bytes = new byte[data.remaining()];
        data.get(bytes);
        ActivityBatch batch = json.readValue(bytes, ActivityBatch.class);
        batch.activities().forEach(activity -> onActivity.stored(token, activity, device));
        return DefaultPayload.create(json.writeValueAsBytes(new ActivityResults(batch.activities().stream()
                .map(activity -> ActivityResult.stored(activity.id()))
                .toList())));
    }

    private Payload ack(String token, Payload payload) {
        ByteBuffer data = payload.getData();
        byte[] bytes = new byte[data.remaining()];
        data.get(bytes);
        PingBatch batch = json.readValue(bytes, PingBatch.class);
        pingsReceived.addAndGet(batch.pings().size());
        int accepted = 0;
        int duplicates = 0;
        long upTo = 0;
        for (Ping ping : batch.pings()) {
            upTo = Math.max(upTo, ping.seq());
            long last = lastSeqByToken.getOrDefault(token, 0L);
            if (ping.seq() > last) {
                lastSeqByToken.put(token, ping.seq());
                accepted++;
                onPing.accept(token, ping);
            } else {
                duplicates++;
            }
        }
        // written as the contract shows it (the protocol's Ack record would add "error": false, see the report)
        Map<String, Object> ack =
                Map.of("upToSeq", upTo, "accepted", accepted, "duplicates", duplicates, "rejected", List.of());
        return DefaultPayload.create(json.writeValueAsBytes(ack));
    }

    private static String bearer(ByteBuf metadata) {
        for (CompositeMetadata.Entry entry : new CompositeMetadata(metadata, false)) {
            if (WellKnownMimeType.MESSAGE_RSOCKET_AUTHENTICATION.getString().equals(entry.getMimeType())) {
                ByteBuf content = entry.getContent();
                if (AuthMetadataCodec.readWellKnownAuthType(content) != WellKnownAuthType.BEARER) {
                    return null;
                }
                return new String(AuthMetadataCodec.readBearerTokenAsCharArray(content));
            }
        }
        return null;
    }

    private static String route(ByteBuf metadata) {
        for (CompositeMetadata.Entry entry : new CompositeMetadata(metadata, false)) {
            if (WellKnownMimeType.MESSAGE_RSOCKET_ROUTING.getString().equals(entry.getMimeType())) {
                for (String tag : new RoutingMetadata(entry.getContent())) {
                    return tag;
                }
            }
        }
        return "";
    }

    @Override
    public void close() {
        channel.dispose();
    }
}
