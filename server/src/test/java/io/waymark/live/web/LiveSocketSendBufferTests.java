package io.waymark.live.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.channel.ChannelOption;
import io.netty.channel.socket.nio.NioSocketChannel;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import org.junit.jupiter.api.Test;
import org.springframework.util.unit.DataSize;

/** The live WebSocket's send buffer on an accepted connection's socket. */
class LiveSocketSendBufferTests {

    /** Accepts one loopback connection and hands its server side to the check, as a Netty channel. */
    private static void accepted(java.util.function.Consumer<NioSocketChannel> check) throws IOException {
        try (ServerSocketChannel server =
                        ServerSocketChannel.open().bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
                SocketChannel client = SocketChannel.open(server.getLocalAddress());
                SocketChannel accepted = server.accept()) {
            check.accept(new NioSocketChannel(null, accepted));
        }
    }

    @Test
    void givesTheConnectionsSocketASendBufferOfTheSizeSet() throws IOException {
        accepted(channel -> {
            LiveSocket.sendBuffer(channel, DataSize.ofKilobytes(64));
            // Linux reserves twice what is asked for its bookkeeping, and reports that.
            assertThat(channel.config().getOption(ChannelOption.SO_SNDBUF)).isBetween(64 * 1024, 128 * 1024);
        });
    }

    @Test
    void leavesTheSendBufferToTheOperatingSystemWhenSetToZero() throws IOException {
        accepted(channel -> {
            int before = channel.config().getOption(ChannelOption.SO_SNDBUF);
            LiveSocket.sendBuffer(channel, DataSize.ofBytes(0));
            assertThat(channel.config().getOption(ChannelOption.SO_SNDBUF)).isEqualTo(before);
        });
    }
}
