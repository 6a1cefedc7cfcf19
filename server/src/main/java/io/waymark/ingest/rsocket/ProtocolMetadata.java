package io.waymark.ingest.rsocket;

import io.netty.buffer.ByteBuf;
import io.rsocket.metadata.AuthMetadataCodec;
import io.rsocket.metadata.CompositeMetadata;
import io.rsocket.metadata.RoutingMetadata;
import io.rsocket.metadata.WellKnownAuthType;
import io.rsocket.metadata.WellKnownMimeType;
import java.nio.charset.StandardCharsets;

/** Reads what the device protocol puts in composite metadata: the route of a request, the bearer token of SETUP. */
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
