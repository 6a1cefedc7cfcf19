package io.waymark.device;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.CompositeByteBuf;
import io.rsocket.Payload;
import io.rsocket.metadata.AuthMetadataCodec;
import io.rsocket.metadata.CompositeMetadata;
import io.rsocket.metadata.CompositeMetadataCodec;
import io.rsocket.metadata.RoutingMetadata;
import io.rsocket.metadata.TaggingMetadataCodec;
import io.rsocket.metadata.WellKnownMimeType;
import io.rsocket.util.DefaultPayload;
import io.waymark.protocol.Ack;
import io.waymark.protocol.Rejection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/** Encodes and decodes RSocket payloads of the device protocol: JSON data, composite metadata. */
final class Wire {

    static final String DATA_MIME_TYPE = "application/json";
    static final String METADATA_MIME_TYPE = WellKnownMimeType.MESSAGE_RSOCKET_COMPOSITE_METADATA.getString();
    static final String ROUTING_MIME_TYPE = WellKnownMimeType.MESSAGE_RSOCKET_ROUTING.getString();

    private static final Map<String, byte[]> ROUTE_METADATA = new ConcurrentHashMap<>();

    private Wire() {}

    /** Composite metadata holding the bearer token, for the SETUP frame. */
    static byte[] setupMetadata(String token) {
        ByteBufAllocator alloc = ByteBufAllocator.DEFAULT;
        CompositeByteBuf composite = alloc.compositeBuffer();
        try {
            ByteBuf auth = AuthMetadataCodec.encodeBearerMetadata(alloc, token.toCharArray());
            CompositeMetadataCodec.encodeAndAddMetadata(
                    composite, alloc, WellKnownMimeType.MESSAGE_RSOCKET_AUTHENTICATION, auth);
            return ByteBufUtil.getBytes(composite);
        } finally {
            composite.release();
        }
    }

    /** Composite metadata holding the route. */
    static byte[] routeMetadata(String route) {
        return ROUTE_METADATA.computeIfAbsent(route, Wire::encodeRoute);
    }

    private static byte[] encodeRoute(String route) {
        ByteBufAllocator alloc = ByteBufAllocator.DEFAULT;
        CompositeByteBuf composite = alloc.compositeBuffer();
        try {
            RoutingMetadata routing = TaggingMetadataCodec.createRoutingMetadata(alloc, List.of(route));
            CompositeMetadataCodec.encodeAndAddMetadata(
                    composite, alloc, WellKnownMimeType.MESSAGE_RSOCKET_ROUTING, routing.getContent());
            return ByteBufUtil.getBytes(composite);
        } finally {
            composite.release();
        }
    }

    /** A payload with the route in its metadata. */
    static Payload routed(String route, byte[] data) {
        return DefaultPayload.create(data, routeMetadata(route));
    }

    /** A payload without metadata (later frames of a channel, responses). */
    static Payload plain(byte[] data) {
        return DefaultPayload.create(data);
    }

    static byte[] json(Object value) {
        return Json.MAPPER.writeValueAsBytes(value);
    }

    /** Reads the payload's data as {@code type} and releases the payload. */
    static <T> T read(Payload payload, Class<T> type) {
        try {
            return Json.MAPPER.readValue(ByteBufUtil.getBytes(payload.sliceData()), type);
        } finally {
            payload.release();
        }
    }

    /** The shape of an Ack on the wire; read through this so no accessor of {@link Ack} gets in the way. */
    private record AckData(
            Long upToSeq, int accepted, int duplicates, int dropped, List<Rejection> rejected, String error) {}

    /** Reads an Ack; an {@code error} that is not text (a boolean written by mistake) counts as no error. */
    static Ack readAck(byte[] data) {
        JsonNode tree = Json.MAPPER.readTree(data);
        if (tree instanceof ObjectNode object
                && object.has("error")
                && !object.get("error").isString()) {
            object.remove("error");
        }
        AckData ack = Json.MAPPER.treeToValue(tree, AckData.class);
        return new Ack(ack.upToSeq(), ack.accepted(), ack.duplicates(), ack.dropped(), ack.rejected(), ack.error());
    }

    /** Reads an Ack and releases the payload. */
    static Ack readAck(Payload payload) {
        return readAck(bytes(payload));
    }

    /** Copies the payload's data and releases the payload. */
    static byte[] bytes(Payload payload) {
        try {
            return ByteBufUtil.getBytes(payload.sliceData());
        } finally {
            payload.release();
        }
    }

    /** Copies the payload's data without releasing the payload. */
    static byte[] dataBytes(Payload payload) {
        return ByteBufUtil.getBytes(payload.sliceData());
    }

    /** The first route in composite metadata, or null when there is none. */
    static String route(ByteBuf compositeMetadata) {
        if (compositeMetadata == null || !compositeMetadata.isReadable()) {
            return null;
        }
        for (CompositeMetadata.Entry entry : new CompositeMetadata(compositeMetadata, false)) {
            if (ROUTING_MIME_TYPE.equals(entry.getMimeType())) {
                for (String tag : new RoutingMetadata(entry.getContent())) {
                    return tag;
                }
            }
        }
        return null;
    }
}
