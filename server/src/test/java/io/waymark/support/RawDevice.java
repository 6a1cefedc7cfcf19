package io.waymark.support;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.CompositeByteBuf;
import io.netty.buffer.Unpooled;
import io.rsocket.Payload;
import io.rsocket.RSocket;
import io.rsocket.SocketAcceptor;
import io.rsocket.core.RSocketConnector;
import io.rsocket.core.Resume;
import io.rsocket.metadata.AuthMetadataCodec;
import io.rsocket.metadata.CompositeMetadataCodec;
import io.rsocket.metadata.TaggingMetadataCodec;
import io.rsocket.metadata.WellKnownMimeType;
import io.rsocket.transport.ClientTransport;
import io.rsocket.transport.netty.client.TcpClientTransport;
import io.rsocket.transport.netty.client.WebsocketClientTransport;
import io.rsocket.util.DefaultPayload;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * A device speaking the protocol byte for byte, for tests that must send what no well-behaved SDK would: raw
 * strings as request data on any route.
 */
public final class RawDevice implements AutoCloseable {

    private static final ByteBufAllocator ALLOCATOR = ByteBufAllocator.DEFAULT;

    private final RSocket rsocket;

    private RawDevice(RSocket rsocket) {
        this.rsocket = rsocket;
    }

    /** How a test reaches the server's device protocol. */
    public interface Transport {
        ClientTransport create();
    }

    public static Transport tcp(int port) {
        return () -> TcpClientTransport.create("127.0.0.1", port);
    }

    public static Transport websocket(int httpPort) {
        return () -> WebsocketClientTransport.create(URI.create("ws://127.0.0.1:" + httpPort + "/rsocket"));
    }

    /** Connects with a bearer token in SETUP (none when null). */
    public static RawDevice connect(Transport transport, String token) {
        return connect(transport, token, null);
    }

    /** Connects with a bearer token in SETUP, resuming the session after a broken connection when given. */
    public static RawDevice connect(Transport transport, String token, Resume resume) {
        return connect(transport, token, resume, null);
    }

    /** Connects with a bearer token in SETUP and answers the server's calls to the device with {@code serverCalls}. */
    public static RawDevice connectAnswering(Transport transport, String token, SocketAcceptor serverCalls) {
        return connect(transport, token, null, serverCalls);
    }

    private static RawDevice connect(Transport transport, String token, Resume resume, SocketAcceptor serverCalls) {
        CompositeByteBuf metadata = ALLOCATOR.compositeBuffer();
        if (token != null) {
            CompositeMetadataCodec.encodeAndAddMetadata(
                    metadata,
                    ALLOCATOR,
                    WellKnownMimeType.MESSAGE_RSOCKET_AUTHENTICATION,
                    AuthMetadataCodec.encodeBearerMetadata(ALLOCATOR, token.toCharArray()));
        }
        RSocketConnector connector = RSocketConnector.create();
        if (resume != null) {
            connector.resume(resume);
        }
        if (serverCalls != null) {
            connector.acceptor(serverCalls);
        }
        RSocket rsocket = connector
                .dataMimeType("application/json")
                .metadataMimeType(WellKnownMimeType.MESSAGE_RSOCKET_COMPOSITE_METADATA.getString())
                .setupPayload(DefaultPayload.create(Unpooled.EMPTY_BUFFER, metadata))
                .connect(transport.create())
                .block(Duration.ofSeconds(10));
        return new RawDevice(rsocket);
    }

    public Mono<String> request(String route, String data) {
        return rsocket.requestResponse(payload(route, data)).map(RawDevice::text);
    }

    public Flux<String> channel(String route, Flux<String> data) {
        return rsocket.requestChannel(data.index()
                        .map(indexed -> indexed.getT1() == 0
                                ? payload(route, indexed.getT2())
                                : DefaultPayload.create(indexed.getT2())))
                .map(RawDevice::text);
    }

    public Mono<Void> onClose() {
        return rsocket.onClose();
    }

    public boolean isDisposed() {
        return rsocket.isDisposed();
    }

    @Override
    public void close() {
        rsocket.dispose();
    }

    private static Payload payload(String route, String data) {
        ByteBuf routing = TaggingMetadataCodec.createRoutingMetadata(ALLOCATOR, List.of(route))
                .getContent();
        CompositeByteBuf metadata = ALLOCATOR.compositeBuffer();
        CompositeMetadataCodec.encodeAndAddMetadata(
                metadata, ALLOCATOR, WellKnownMimeType.MESSAGE_RSOCKET_ROUTING, routing);
        return DefaultPayload.create(Unpooled.wrappedBuffer(data.getBytes(StandardCharsets.UTF_8)), metadata);
    }

    private static String text(Payload payload) {
        try {
            return payload.getDataUtf8();
        } finally {
            payload.release();
        }
    }
}
