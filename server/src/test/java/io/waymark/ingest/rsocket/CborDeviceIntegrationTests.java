package io.waymark.ingest.rsocket;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.CompositeByteBuf;
import io.netty.buffer.Unpooled;
import io.rsocket.Payload;
import io.rsocket.RSocket;
import io.rsocket.core.RSocketConnector;
import io.rsocket.metadata.AuthMetadataCodec;
import io.rsocket.metadata.CompositeMetadataCodec;
import io.rsocket.metadata.TaggingMetadataCodec;
import io.rsocket.metadata.WellKnownMimeType;
import io.rsocket.transport.netty.client.TcpClientTransport;
import io.rsocket.util.DefaultPayload;
import io.waymark.identity.RepId;
import io.waymark.identity.TeamId;
import io.waymark.identity.Tracking;
import io.waymark.protocol.Ack;
import io.waymark.protocol.Ping;
import io.waymark.protocol.PingBatch;
import io.waymark.support.DeviceCredentials;
import io.waymark.support.IntegrationTest;
import io.waymark.support.WaymarkApi;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.dataformat.cbor.CBORMapper;

/** Devices may speak CBOR instead of JSON: requests and answers are then CBOR. */
@IntegrationTest
class CborDeviceIntegrationTests {

    private static final ByteBufAllocator ALLOCATOR = ByteBufAllocator.DEFAULT;
    private static final CBORMapper CBOR = CBORMapper.builder().build();

    @LocalServerPort
    int httpPort;

    @Autowired
    DeviceTransports transports;

    @Test
    void storesACborBatchAndAnswersInCbor() {
        WaymarkApi api = new WaymarkApi(httpPort);
        TeamId team = api.createTeam(WaymarkApi.unique("cbor"), Tracking.ALWAYS);
        RepId rep = api.createRep(team, "CBOR Rep");
        DeviceCredentials credentials = api.createDevice(rep);

        CompositeByteBuf setup = ALLOCATOR.compositeBuffer();
        CompositeMetadataCodec.encodeAndAddMetadata(
                setup,
                ALLOCATOR,
                WellKnownMimeType.MESSAGE_RSOCKET_AUTHENTICATION,
                AuthMetadataCodec.encodeBearerMetadata(
                        ALLOCATOR, credentials.token().toCharArray()));
        RSocket rsocket = RSocketConnector.create()
                .dataMimeType("application/cbor")
                .metadataMimeType(WellKnownMimeType.MESSAGE_RSOCKET_COMPOSITE_METADATA.getString())
                .setupPayload(DefaultPayload.create(Unpooled.EMPTY_BUFFER, setup))
                .connect(TcpClientTransport.create("127.0.0.1", transports.tcpPort()))
                .block(Duration.ofSeconds(10));
        try {
            long ts = System.currentTimeMillis() - 1000;
            byte[] data = CBOR.writeValueAsBytes(
                    new PingBatch(List.of(Ping.of(1, ts, 40.7, -74.0), Ping.of(2, ts + 1, 40.7, -74.0))));
            CompositeByteBuf metadata = ALLOCATOR.compositeBuffer();
            CompositeMetadataCodec.encodeAndAddMetadata(
                    metadata,
                    ALLOCATOR,
                    WellKnownMimeType.MESSAGE_RSOCKET_ROUTING,
                    TaggingMetadataCodec.createRoutingMetadata(ALLOCATOR, List.of("pings.batch"))
                            .getContent());
            Payload answer = rsocket.requestResponse(DefaultPayload.create(Unpooled.wrappedBuffer(data), metadata))
                    .block(Duration.ofSeconds(10));
            Ack ack = CBOR.readValue(io.netty.buffer.ByteBufUtil.getBytes(answer.sliceData()), Ack.class);
            assertThat(ack.accepted()).isEqualTo(2);
            assertThat(ack.upToSeq()).isEqualTo(2);
        } finally {
            rsocket.dispose();
        }
    }
}
