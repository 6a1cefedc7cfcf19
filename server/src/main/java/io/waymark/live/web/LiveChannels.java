package io.waymark.live.web;

import io.netty.channel.Channel;
import io.netty.channel.ChannelId;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.boot.reactor.netty.NettyServerCustomizer;
import org.springframework.stereotype.Component;
import reactor.netty.http.server.HttpServer;

/**
 * The HTTP server's open Netty channels by id, so that the live WebSocket can write its frames to its channel
 * directly ({@link ChannelOutbox}) rather than one reactive send per frame. A channel leaves when it closes.
 */
@Component
class LiveChannels implements NettyServerCustomizer {

    private final Map<ChannelId, Channel> open = new ConcurrentHashMap<>();

    @Override
    public HttpServer apply(HttpServer server) {
        return server.doOnConnection(connection -> {
            Channel channel = connection.channel();
            if (open.putIfAbsent(channel.id(), channel) == null) {
                channel.closeFuture().addListener(closed -> open.remove(channel.id()));
            }
        });
    }

    /** The open channel with this id. */
    Channel get(ChannelId id) {
        Channel channel = open.get(id);
        if (channel == null) {
            throw new IllegalStateException("no open HTTP channel " + id);
        }
        return channel;
    }
}
