package io.waymark.device;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.Unpooled;
import io.waymark.protocol.Ack;
import io.waymark.protocol.RequestError;
import io.waymark.protocol.Routes;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class WireTests {

    @Test
    void writesAndReadsAckErrorsAsText() {
        String ok = new String(Wire.json(new Ack(5L, 5, 0, 0, List.of(), null)), StandardCharsets.UTF_8);
        String refused = new String(Wire.json(Ack.refused(RequestError.MALFORMED, "bad")), StandardCharsets.UTF_8);

        assertThat(ok).doesNotContain("error");
        assertThat(refused).contains("\"error\":\"MALFORMED: bad\"");
        assertThat(Wire.readAck(ok.getBytes(StandardCharsets.UTF_8)).error()).isNull();
        assertThat(Wire.readAck(refused.getBytes(StandardCharsets.UTF_8)).error())
                .isEqualTo("MALFORMED: bad");
    }

    @Test
    void readsABooleanErrorAsNoError() {
        Ack ack = Wire.readAck("{\"upToSeq\":3,\"accepted\":3,\"error\":false}".getBytes(StandardCharsets.UTF_8));

        assertThat(ack.error()).isNull();
        assertThat(ack.upToSeq()).isEqualTo(3);
    }

    @Test
    void readsTheRouteBackFromCompositeMetadata() {
        assertThat(Wire.route(Unpooled.wrappedBuffer(Wire.routeMetadata(Routes.PINGS_BATCH))))
                .isEqualTo(Routes.PINGS_BATCH);
        assertThat(Wire.route(Unpooled.wrappedBuffer(Wire.setupMetadata("t")))).isNull();
    }
}
