package io.waymark.ingest.rsocket;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.CompositeByteBuf;
import io.rsocket.metadata.AuthMetadataCodec;
import io.rsocket.metadata.CompositeMetadata;
import io.rsocket.metadata.CompositeMetadataCodec;
import io.rsocket.metadata.RoutingMetadata;
import io.rsocket.metadata.TaggingMetadataCodec;
import io.rsocket.metadata.WellKnownAuthType;
import io.rsocket.metadata.WellKnownMimeType;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Reads what the device protocol puts in composite metadata (the route of a request, the bearer token of SETUP), and
 * writes the route of the server's own calls to a device.
 */
final class ProtocolMetadata {

    private static final String ROUTING = WellKnownMimeType.MESSAGE_RSOCKET_ROUTING.getString();
    private static final String AUTHENTICATION = WellKnownMimeType.MESSAGE_RSOCKET_AUTHENTICATION.getString();

    private ProtocolMetadata() {}

    /** The first route, or null when there is none. */
    static String route(ByteBuf metadata) {
        if (metadata == null || !metadata.isReadable()) {
            return null;
        }
        for (CompositeMetadata.Entry entry : new CompositeMetadata(metadata, false)) {
            if (ROUTING.equals(entry.getMimeType())) {
                for (String tag : new RoutingMetadata(entry.getContent())) {
                    return tag;
                }
            }
        }
        return null;
    }

    /** Composite metadata holding one route, as a device expects on a call from the server. */
    static byte[] routeMetadata(String route) {
        ByteBufAllocator allocator = ByteBufAllocator.DEFAULT;
        CompositeByteBuf composite = allocator.compositeBuffer();
        try {
            RoutingMetadata routing = TaggingMetadataCodec.createRoutingMetadata(allocator, List.of(route));
            CompositeMetadataCodec.encodeAndAddMetadata(
                    composite, allocator, WellKnownMimeType.MESSAGE_RSOCKET_ROUTING, routing.getContent());
            return ByteBufUtil.getBytes(composite);
        } finally {
            composite.release();
        }
    }

    /** The bearer token of the SETUP frame's authentication metadata, or null when there is none. */
    static String bearerToken(ByteBuf metadata) {
        if (metadata == null || !metadata.isReadable()) {
            return null;
        }
        for (CompositeMetadata.Entry entry : new CompositeMetadata(metadata, false)) {
            if (AUTHENTICATION.equals(entry.getMimeType())) {
                ByteBuf content = entry.getContent();
                if (!AuthMetadataCodec.isWellKnownAuthType(content)) {
                    return null;
                }
                WellKnownAuthType type = AuthMetadataCodec.readWellKnownAuthType(content);
                if (type != WellKnownAuthType.BEARER) {
                    return null;
                }
                return new String(AuthMetadataCodec.readBearerTokenAsCharArray(content));
            }
        }
        return null;
    }

    static String utf8(ByteBuf buffer) {
        return buffer.toString(StandardCharsets.UTF_8);
    }
}
