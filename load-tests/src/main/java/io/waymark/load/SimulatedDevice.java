package io.waymark.load;

import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.CompositeByteBuf;
import io.rsocket.Payload;
import io.rsocket.RSocket;
import io.rsocket.SocketAcceptor;
import io.rsocket.core.RSocketConnector;
import io.rsocket.metadata.AuthMetadataCodec;
import io.rsocket.metadata.CompositeMetadataCodec;
import io.rsocket.metadata.RoutingMetadata;
import io.rsocket.metadata.TaggingMetadataCodec;
import io.rsocket.metadata.WellKnownMimeType;
import io.rsocket.transport.ClientTransport;
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
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.UUID;
import java.util.function.Supplier;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;
import reactor.util.concurrent.Queues;
import tools.jackson.databind.ObjectReader;
import tools.jackson.databind.ObjectWriter;
import tools.jackson.databind.json.JsonMapper;

/**
 * One simulated phone: its own RSocket connection, its own seq counter and a rep walking around a city. Sends
 * happen on the caller's thread (the shared pacer, or the Netty thread that delivered the previous ack in
 * max-throughput mode); nothing here blocks.
 */
final class SimulatedDevice {

    private static final String JSON = "application/json";
    private static final byte[] EMPTY = new byte[0];
    private static final byte[] HELLO_DATA = "{}".getBytes(java.nio.charset.StandardCharsets.UTF_8);
    private static final byte[] WELFARE_OK = "{\"ok\":true}".getBytes(java.nio.charset.StandardCharsets.UTF_8);
    private static final double METRES_PER_DEGREE = 111_320.0;

    private final ProvisionedDevice identity;
    private final BenchmarkOptions options;
    private final IngestStats stats;
    private final JsonMapper json;
    private final ObjectReader ackReader;
    private final ObjectWriter batchWriter;
    private final ObjectWriter activitiesWriter;
    private final ObjectReader resultsReader;
    private final SplittableRandom random;

    /** Batches sent and not yet answered, oldest first; guarded by {@code this}, never longer than inflight. */
    private final ArrayDeque<SentBatch> inflight;

    private RSocket rsocket;
    private Sinks.Many<Payload> channel;
    private boolean channelOpen;
    private volatile boolean closing;
    private volatile boolean sending;
    private volatile boolean started;
    private long nextSeq = 1;

    // the walk
    private double lat;
    private double lon;
    private double headingDegrees;
    private double speedMetresPerSecond;
    private double battery;
    private long lastFixMillis;

    SimulatedDevice(
            ProvisionedDevice identity, BenchmarkOptions options, IngestStats stats, JsonMapper json, long seed) {
        this.identity = identity;
        this.options = options;
        this.stats = stats;
        this.json = json;
        this.ackReader = json.readerFor(AckReply.class);
        this.batchWriter = json.writerFor(PingBatch.class);
        this.activitiesWriter = json.writerFor(ActivityBatch.class);
        this.resultsReader = json.readerFor(ActivityResults.class);
        this.random = new SplittableRandom(seed);
        this.inflight = new ArrayDeque<>(options.inflightBatches());
        // somewhere in Manhattan, walking
        this.lat = 40.70 + random.nextDouble() * 0.08;
        this.lon = -74.02 + random.nextDouble() * 0.06;
        this.headingDegrees = random.nextDouble() * 360;
        this.speedMetresPerSecond = 0.8 + random.nextDouble() * 1.0;
        this.battery = 0.4 + random.nextDouble() * 0.6;
    }

    /** A batch on the wire. */
    private record SentBatch(long sentNanos, long intendedNanos, int pings, long upToSeq) {}

    ProvisionedDevice identity() {
        return identity;
    }

    /**
     * Connects, authenticates with the device token and asks {@code device.hello} for the last stored seq. The
     * server's welfare check ({@code device.check}, the only request the server makes of a device) is answered at
     * once with {@code {"ok":true}}, as a rep who is fine would.
     */
    Mono<Hello> connect(Supplier<ClientTransport> transport) {
        return RSocketConnector.create()
                .acceptor(SocketAcceptor.forRequestResponse(this::welfareCheck))
                .dataMimeType(JSON)
                .metadataMimeType(WellKnownMimeType.MESSAGE_RSOCKET_COMPOSITE_METADATA.getString())
                .keepAlive(Duration.ofSeconds(20), Duration.ofSeconds(90))
                .setupPayload(DefaultPayload.create(EMPTY, setupMetadata(identity.token())))
                .connect(transport.get())
                .flatMap(socket -> {
                    this.rsocket = socket;
                    socket.onClose().subscribe(null, error -> lost(), this::lost);
                    return socket.requestResponse(DefaultPayload.create(HELLO_DATA, RouteMetadata.HELLO.bytes()));
                })
                .map(payload -> {
                    try {
                        return json.readValue(bytes(payload), Hello.class);
                    } finally {
                        payload.release();
                    }
                })
                .doOnNext(hello -> {
                    synchronized (this) {
                        nextSeq = hello.lastSeq() + 1;
                    }
                });
    }

    /** Allows sends; in channel mode, prepares the {@code pings} channel that opens with the first batch. */
    void start() {
        if (options.channel()) {
            channel = Sinks.many()
                    .unicast()
                    .onBackpressureBuffer(
                            Queues.<Payload>get(options.inflightBatches()).get());
            rsocket.requestChannel(channel.asFlux()).subscribe(this::onChannelAck, this::onChannelError);
        }
        started = true;
        sending = true;
    }

    /** Stops sending; what is in flight may still be acked. */
    void stopSending() {
        sending = false;
    }

    synchronized boolean idle() {
        return inflight.isEmpty();
    }

    synchronized int inflightBatches() {
        return inflight.size();
    }

    /**
     * Paced mode: sends one batch now, or counts it as skipped when the in-flight window is full.
     *
     * @param intendedNanos when the schedule wanted it sent ({@link System#nanoTime()})
     */
    void sendPaced(long intendedNanos) {
        synchronized (this) {
            if (!sending) {
                return;
            }
            if (inflight.size() >= options.inflightBatches()) {
                stats.skippedPings.add(options.pingsPerBatch());
                return;
            }
            sendLocked(intendedNanos);
        }
    }

    /** Max-throughput mode: fills the in-flight window. */
    void fill() {
        synchronized (this) {
            while (sending && inflight.size() < options.inflightBatches()) {
                sendLocked(0);
            }
        }
    }

    /**
     * Sends one {@code SOS} activity where the rep is now, on the {@code activities} route, and notes it in {@code
     * sos}: its {@code ts} and, just before it is handed to RSocket, the wall clock in microseconds.
     */
    void sendSos(SosLog sos, WallClock clock, boolean inWindow) {
        long ts;
        byte[] data;
        synchronized (this) {
            ts = Math.max(System.currentTimeMillis(), lastFixMillis);
            Activity activity = Activity.builder(UUID.randomUUID().toString(), "SOS", ts)
                    .at(round(lat, 1e6), round(lon, 1e6))
                    .build();
            data = activitiesWriter.writeValueAsBytes(new ActivityBatch(List.of(activity)));
        }
        SosLog.Sent sent = new SosLog.Sent(clock.micros(), ts, inWindow);
        sos.sent(identity.repId(), sent);
        rsocket.requestResponse(DefaultPayload.create(data, RouteMetadata.ACTIVITIES.bytes()))
                .subscribe(
                        payload -> sos.answered(sent, stored(payload), clock.micros() - sent.sentMicros()),
                        error -> sos.failed.increment());
    }

    void close() {
        closing = true;
        sending = false;
        if (channel != null) {
            channel.tryEmitComplete();
        }
        if (rsocket != null) {
            rsocket.dispose();
        }
    }

    /** @param intendedNanos when the batch was due, or 0 when it is due now */
    private void sendLocked(long intendedNanos) {
        int count = options.pingsPerBatch();
        List<Ping> pings = new ArrayList<>(count);
        long now = System.currentTimeMillis();
        for (int i = 0; i < count; i++) {
            pings.add(nextFix(now));
        }
        long upToSeq = nextSeq - 1;
        byte[] data = batchWriter.writeValueAsBytes(new PingBatch(pings));
        long sentNanos = System.nanoTime();
        SentBatch batch = new SentBatch(sentNanos, intendedNanos == 0 ? sentNanos : intendedNanos, count, upToSeq);
        inflight.addLast(batch);
        stats.sent(count, sentNanos);
        if (options.channel()) {
            byte[] metadata = channelOpen ? EMPTY : RouteMetadata.PINGS.bytes();
            channelOpen = true;
            Sinks.EmitResult result = channel.tryEmitNext(DefaultPayload.create(data, metadata));
            if (result.isFailure()) {
                inflight.removeLast();
                stats.failed(count);
            }
        } else {
            rsocket.requestResponse(DefaultPayload.create(data, RouteMetadata.PINGS_BATCH.bytes()))
                    .subscribe(payload -> onRequestAck(batch, payload), error -> onRequestError(batch));
        }
    }

    private Ping nextFix(long nowMillis) {
        long ts = Math.max(nowMillis, lastFixMillis + 1);
        double seconds = lastFixMillis == 0 ? 1.0 : Math.min(60.0, (ts - lastFixMillis) / 1000.0);
        lastFixMillis = ts;
        headingDegrees = (headingDegrees + random.nextDouble(-15, 15) + 360) % 360;
        speedMetresPerSecond = Math.max(0, Math.min(3.0, speedMetresPerSecond + random.nextDouble(-0.2, 0.2)));
        double distance = speedMetresPerSecond * seconds;
        double radians = Math.toRadians(headingDegrees);
        lat += distance * Math.cos(radians) / METRES_PER_DEGREE;
        lon += distance * Math.sin(radians) / (METRES_PER_DEGREE * Math.cos(Math.toRadians(lat)));
        battery = Math.max(0.05, battery - 0.00001);
        return new Ping(
                nextSeq++,
                ts,
                round(lat, 1e6),
                round(lon, 1e6),
                round(3 + random.nextDouble() * 12, 10),
                round(speedMetresPerSecond, 100),
                round(headingDegrees, 10),
                round(10 + random.nextDouble() * 5, 10),
                round(battery, 1000),
                Boolean.FALSE);
    }

    private void onChannelAck(Payload payload) {
        long now = System.nanoTime();
        SentBatch batch;
        synchronized (this) {
            batch = inflight.pollFirst();
        }
        AckReply ack = readAck(payload);
        if (batch == null) {
            stats.unexpectedAcks.increment();
            return;
        }
        if (ack == null || (!ack.failed() && ack.upToSeq() != null && ack.upToSeq() != batch.upToSeq())) {
            stats.unexpectedAcks.increment();
        }
        stats.acked(
                batch.pings(), batch.sentNanos(), batch.intendedNanos(), now, ack == null ? AckReply.UNREADABLE : ack);
        refill();
    }

    /** The {@code pings} channel ended in an error: its batches in flight will never be acked. */
    private void onChannelError(Throwable error) {
        if (!closing) {
            stats.channelErrors.increment();
            sending = false;
        }
        failAll();
    }

    private void onRequestAck(SentBatch batch, Payload payload) {
        long now = System.nanoTime();
        synchronized (this) {
            inflight.remove(batch);
        }
        AckReply ack = readAck(payload);
        stats.acked(
                batch.pings(), batch.sentNanos(), batch.intendedNanos(), now, ack == null ? AckReply.UNREADABLE : ack);
        refill();
    }

    private void onRequestError(SentBatch batch) {
        synchronized (this) {
            inflight.remove(batch);
        }
        stats.failed(batch.pings());
        refill();
    }

    private void refill() {
        if (options.maxThroughput() && sending) {
            fill();
        }
    }

    /** The connection closed while the device was sending (before {@link #start()} a failure is a connect failure). */
    private void lost() {
        if (started && !closing) {
            stats.connectionsLost.increment();
            sending = false;
            failAll();
        }
    }

    private void failAll() {
        synchronized (this) {
            SentBatch batch;
            while ((batch = inflight.pollFirst()) != null) {
                stats.failed(batch.pings());
            }
        }
    }

    private Mono<Payload> welfareCheck(Payload payload) {
        payload.release();
        stats.welfareChecks.increment();
        return Mono.just(DefaultPayload.create(WELFARE_OK));
    }

    /** Whether an {@code activities} answer says its one activity was stored. */
    private boolean stored(Payload payload) {
        try {
            ActivityResults results = resultsReader.readValue(bytes(payload));
            return results.results().size() == 1
                    && ActivityResult.STORED.equals(results.results().get(0).status());
        } catch (RuntimeException e) {
            return false;
        } finally {
            payload.release();
        }
    }

    private AckReply readAck(Payload payload) {
        try {
            return ackReader.readValue(bytes(payload));
        } catch (RuntimeException e) {
            return null;
        } finally {
            payload.release();
        }
    }

    private static byte[] bytes(Payload payload) {
        ByteBuffer data = payload.getData();
        byte[] bytes = new byte[data.remaining()];
        data.get(bytes);
        return bytes;
    }

    private static double round(double value, double scale) {
        return Math.round(value * scale) / scale;
    }

    private static byte[] setupMetadata(String token) {
        ByteBufAllocator alloc = ByteBufAllocator.DEFAULT;
        CompositeByteBuf metadata = alloc.compositeBuffer();
        CompositeMetadataCodec.encodeAndAddMetadata(
                metadata,
                alloc,
                WellKnownMimeType.MESSAGE_RSOCKET_AUTHENTICATION,
                AuthMetadataCodec.encodeBearerMetadata(alloc, token.toCharArray()));
        try {
            return ByteBufUtil.getBytes(metadata);
        } finally {
            metadata.release();
        }
    }

    /** The composite metadata carrying one route, encoded once. */
    enum RouteMetadata {
        HELLO(Routes.HELLO),
        PINGS(Routes.PINGS),
        PINGS_BATCH(Routes.PINGS_BATCH),
        ACTIVITIES(Routes.ACTIVITIES);

        private final byte[] bytes;

        RouteMetadata(String route) {
            ByteBufAllocator alloc = ByteBufAllocator.DEFAULT;
            CompositeByteBuf metadata = alloc.compositeBuffer();
            RoutingMetadata routing = TaggingMetadataCodec.createRoutingMetadata(alloc, List.of(route));
            CompositeMetadataCodec.encodeAndAddMetadata(
                    metadata, alloc, WellKnownMimeType.MESSAGE_RSOCKET_ROUTING, routing.getContent());
            try {
                this.bytes = ByteBufUtil.getBytes(metadata);
            } finally {
                metadata.release();
            }
        }

        byte[] bytes() {
            return bytes;
        }
    }
}
