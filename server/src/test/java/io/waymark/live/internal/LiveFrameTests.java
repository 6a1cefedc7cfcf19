package io.waymark.live.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocket13FrameDecoder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class LiveFrameTests {

    /** What a WebSocket client makes of the frame's bytes (a client's decoder accepts unmasked frames). */
    private static String decoded(LiveFrame frame) {
        EmbeddedChannel client = new EmbeddedChannel(new WebSocket13FrameDecoder(false, false, 1 << 24));
        client.writeInbound(Unpooled.wrappedBuffer(frame.wire()));
        TextWebSocketFrame text = client.readInbound();
        try {
            assertThat(text.isFinalFragment()).isTrue();
            return text.text();
        } finally {
            text.release();
            client.finishAndReleaseAll();
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 1, 125, 126, 127, 65_535, 65_536, 200_000})
    void isOneFinalTextFrameWhateverTheLengthOfItsPayload(int length) {
        String text = "é".repeat(length / 2) + "x".repeat(length % 2);
        LiveFrame frame = LiveFrame.of(text);

        assertThat(decoded(frame)).isEqualTo(text);
        assertThat(frame.text()).isEqualTo(text);
        assertThat(frame.payloadLength()).isEqualTo(text.getBytes(java.nio.charset.StandardCharsets.UTF_8).length);
    }

    @Test
    void usesTheShortestLengthEncoding() {
        ByteBuf small = Unpooled.wrappedBuffer(LiveFrame.of("x".repeat(125)).wire());
        ByteBuf medium = Unpooled.wrappedBuffer(LiveFrame.of("x".repeat(126)).wire());
        ByteBuf large = Unpooled.wrappedBuffer(LiveFrame.of("x".repeat(65_536)).wire());
        assertThat(small.getUnsignedByte(0)).isEqualTo((short) 0x81);
        assertThat(small.getUnsignedByte(1)).isEqualTo((short) 125);
        assertThat(medium.getUnsignedByte(1)).isEqualTo((short) 126);
        assertThat(medium.getUnsignedShort(2)).isEqualTo(126);
        assertThat(large.getUnsignedByte(1)).isEqualTo((short) 127);
        assertThat(large.getLong(2)).isEqualTo(65_536L);
    }
}
