package io.waymark.load;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import java.net.URI;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import org.HdrHistogram.Histogram;
import reactor.core.Disposable;
import reactor.netty.http.client.HttpClient;
import reactor.netty.http.client.WebsocketClientSpec;
import reactor.netty.http.websocket.WebsocketInbound;
import reactor.netty.resources.LoopResources;

/**
 * One manager dashboard on the live WebSocket. Frames are read on a shared event loop (no thread of its own): each
 * {@code rep} message is parsed on the fast path ({@link RepMessage}) and, when its {@code ts} falls in the
 * measured window and is new for that rep, {@code receivedAt - rep.ts} goes into this dashboard's histogram. With
 * SOS being sent, {@code alert} messages are parsed too ({@link AlertMessage}): the first message of each SOS alert of
 * a rep this run sent one for is its raise, and for an SOS sent in the window {@code receivedAt - sentAt} goes into a
 * second histogram.
 */
final class Dashboard {

    /** The snapshot of 5,000 reps is ≈ 2 MB; leave room. */
    private static final int MAX_FRAME = 64 * 1024 * 1024;
    /** The end of the warm-up whose rep messages tell whether the dashboard had caught up when the window opened. */
    static final long WARMUP_END_MILLIS = 5_000;

    private final int index;
    private final WallClock clock;

    // written on this connection's event-loop thread only; read by the main thread under the same lock
    private final Histogram latencyMicros = new Histogram(3);
    private final Histogram warmupEndMicros = new Histogram(3);
    private final RepIndex reps;
    private final SosLog sos;
    private final Histogram sosLatencyMicros = new Histogram(3);
    private final Set<String> sosAlerts = new HashSet<>();
    private long sosInWindow;
    private long sosRaised;
    private long sosNotRaised;
    private long sosLater;
    private long sosEscalated;
    private long otherAlerts;
    private long[] lastTs = new long[0];
    private long windowStartMillis = Long.MAX_VALUE;
    private long windowEndMillis = Long.MAX_VALUE;
    private long frames;
    private long repMessages;
    private long inWindow;
    private long repeats;
    private long unreadable;
    private int snapshotReps = -1;

    private final CompletableFuture<Void> snapshot = new CompletableFuture<>();
    private volatile String closedBecause;
    private volatile boolean closing;
    private Disposable connection;

    Dashboard(int index, WallClock clock, RepIndex reps) {
        this(index, clock, reps, new SosLog());
    }

    Dashboard(int index, WallClock clock, RepIndex reps, SosLog sos) {
        this.index = index;
        this.clock = clock;
        this.reps = reps;
        this.sos = sos;
    }

    /**
     * What one dashboard saw, read after it was closed.
     *
     * @param sos the {@code alert} messages of the SOS this run sent
     * @param warmupEndMicros {@code receivedAt - rep.ts} of the rep messages with a {@code ts} in the last
     *     {@value #WARMUP_END_MILLIS} ms before the window: high when the dashboard was still catching up then
     */
    record Result(
            int index,
            Histogram latencyMicros,
            long frames,
            long repMessages,
            long inWindow,
            long repeats,
            long unreadable,
            int snapshotReps,
            String closedBecause,
            SosSeen sos,
            Histogram warmupEndMicros) {

        Result(
                int index,
                Histogram latencyMicros,
                long frames,
                long repMessages,
                long inWindow,
                long repeats,
                long unreadable,
                int snapshotReps,
                String closedBecause) {
            this(
                    index,
                    latencyMicros,
                    frames,
                    repMessages,
                    inWindow,
                    repeats,
                    unreadable,
                    snapshotReps,
                    closedBecause,
                    SosSeen.NONE,
                    new Histogram(3));
        }
    }

    /**
     * The {@code alert} messages one dashboard got.
     *
     * @param latencyMicros {@code receivedAt - sentAt} of the raise of each SOS sent in the window
     * @param inWindow raises measured: SOS sent in the window
     * @param raised first messages of an SOS alert of a rep this run sent an SOS for, warm-up included
     * @param notRaised of those, the ones that were not the raise ({@code OPEN} at level 1): the raise was missed
     * @param later later messages of those alerts (the welfare check's note, an escalation)
     * @param escalated of all the messages of those alerts, the ones above level 1
     * @param otherAlerts alert messages of any other alert (another kind, or an SOS from an earlier run)
     */
    record SosSeen(
            Histogram latencyMicros,
            long inWindow,
            long raised,
            long notRaised,
            long later,
            long escalated,
            long otherAlerts) {

        static final SosSeen NONE = new SosSeen(new Histogram(3), 0, 0, 0, 0, 0, 0);
    }

    /** Opens a new connection (not from a pool) on {@code loops}; completes when the snapshot arrived. */
    CompletableFuture<Void> open(URI uri, LoopResources loops) {
        connection = HttpClient.newConnection()
                .runOn(loops)
                .websocket(WebsocketClientSpec.builder()
                        .maxFramePayloadLength(MAX_FRAME)
                        .build())
                .uri(uri)
                .handle((in, out) -> {
                    in.receiveCloseStatus().subscribe(status -> closed("closed by the server: " + status));
                    // Text frames are taken in the pipeline, on the event loop, before the reactive bridge: 250,000
                    // frames a second across 50 dashboards would otherwise each pass through a queue and a Flux.
                    // Other frames (close, ping) go on to the bridge, which answers them.
                    WebsocketInbound aggregated = in.aggregateFrames(MAX_FRAME);
                    aggregated.withConnection(
                            connection -> connection.addHandlerLast("waymark-dashboard", new TextFrames()));
                    return aggregated.receiveFrames().then();
                })
                .subscribe(
                        null,
                        error -> {
                            closed("failed: " + error);
                            snapshot.completeExceptionally(error);
                        },
                        () -> {
                            closed("closed");
                            snapshot.completeExceptionally(new IllegalStateException("closed before the snapshot"));
                        });
        return snapshot;
    }

    /** Rep messages with a {@code ts} in {@code [startMillis, endMillis)} are measured from now on. */
    synchronized void window(long startMillis, long endMillis) {
        windowStartMillis = startMillis;
        windowEndMillis = endMillis;
    }

    void close() {
        closing = true;
        if (connection != null) {
            connection.dispose();
        }
    }

    synchronized Result result() {
        return new Result(
                index,
                latencyMicros.copy(),
                frames,
                repMessages,
                inWindow,
                repeats,
                unreadable,
                snapshotReps,
                closedBecause,
                new SosSeen(
                        sosLatencyMicros.copy(),
                        sosInWindow,
                        sosRaised,
                        sosNotRaised,
                        sosLater,
                        sosEscalated,
                        otherAlerts),
                warmupEndMicros.copy());
    }

    /** Takes whole text frames off the pipeline (and releases them); passes anything else on. */
    private final class TextFrames extends ChannelInboundHandlerAdapter {

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object message) {
            if (message instanceof TextWebSocketFrame text && text.isFinalFragment()) {
                try {
                    onFrame(text);
                } finally {
                    text.release();
                }
            } else {
                ctx.fireChannelRead(message);
            }
        }
    }

    /**
     * A frame's bytes, copied into a buffer this dashboard reuses (its frames are read on one event-loop thread, one
     * after another): no allocation per frame for the copy.
     */
    private byte[] scratch = new byte[4096];

    private void onFrame(WebSocketFrame frame) {
        long nowMicros = clock.micros();
        if (!(frame instanceof TextWebSocketFrame)) {
            return;
        }
        ByteBuf content = frame.content();
        int length = content.readableBytes();
        if (length > scratch.length) {
            scratch = new byte[Math.max(length, scratch.length * 2)];
        }
        content.getBytes(content.readerIndex(), scratch, 0, length);
        byte[] bytes = scratch;
        RepMessage.Numbered rep = RepMessage.parse(bytes, length, reps);
        synchronized (this) {
            frames++;
            if (rep == null) {
                AlertMessage alert = AlertMessage.parse(bytes, length);
                if (alert != null) {
                    onAlert(alert, nowMicros);
                } else if (!snapshot.isDone()) {
                    snapshotReps = countReps(content);
                    snapshot.complete(null);
                }
                return;
            }
            repMessages++;
            if (rep.rep() == RepMessage.Numbered.NO_REP || rep.ts() == RepMessage.NO_TS) {
                unreadable++;
                return;
            }
            int slot = rep.rep();
            if (slot >= lastTs.length) {
                int from = lastTs.length;
                lastTs = Arrays.copyOf(lastTs, Math.max(slot + 1, from * 2));
                Arrays.fill(lastTs, from, lastTs.length, Long.MIN_VALUE);
            }
            if (rep.ts() <= lastTs[slot]) {
                repeats++;
                return;
            }
            lastTs[slot] = rep.ts();
            if (rep.ts() >= windowStartMillis && rep.ts() < windowEndMillis) {
                inWindow++;
                latencyMicros.recordValue(Math.max(0, nowMicros - rep.ts() * 1000));
            } else if (rep.ts() < windowStartMillis && rep.ts() >= windowStartMillis - WARMUP_END_MILLIS) {
                warmupEndMicros.recordValue(Math.max(0, nowMicros - rep.ts() * 1000));
            }
        }
    }

    /** Called under this dashboard's lock. */
    private void onAlert(AlertMessage alert, long nowMicros) {
        SosLog.Sent sent = "SOS".equals(alert.kind()) && alert.repId() != null ? sos.of(alert.repId()) : null;
        if (sent == null || alert.id() == null) {
            otherAlerts++;
            return;
        }
        if (alert.level() > 1) {
            sosEscalated++;
        }
        if (!sosAlerts.add(alert.id())) {
            sosLater++;
            return;
        }
        sosRaised++;
        if (!alert.raised()) {
            sosNotRaised++;
            return;
        }
        if (sent.inWindow()) {
            sosInWindow++;
            sosLatencyMicros.recordValue(Math.max(0, nowMicros - sent.sentMicros()));
        }
    }

    private void closed(String why) {
        if (!closing && closedBecause == null) {
            closedBecause = why;
        }
    }

    /** How many {@code "repId":} keys a snapshot holds before its alerts: the reps the manager sees. */
    private static int countReps(ByteBuf content) {
        String text = content.toString(java.nio.charset.StandardCharsets.UTF_8);
        if (!text.contains("\"type\":\"snapshot\"")) {
            return -1;
        }
        int alerts = text.indexOf("\"alerts\":");
        if (alerts >= 0) {
            text = text.substring(0, alerts);
        }
        int count = 0;
        for (int at = text.indexOf("\"repId\":"); at >= 0; at = text.indexOf("\"repId\":", at + 1)) {
            count++;
        }
        return count;
    }
}
