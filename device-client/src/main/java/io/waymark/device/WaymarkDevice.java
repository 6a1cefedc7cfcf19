package io.waymark.device;

import io.rsocket.Payload;
import io.rsocket.RSocket;
import io.rsocket.SocketAcceptor;
import io.rsocket.core.RSocketConnector;
import io.rsocket.core.Resume;
import io.rsocket.exceptions.SetupException;
import io.rsocket.transport.ClientTransport;
import io.rsocket.transport.netty.client.TcpClientTransport;
import io.rsocket.transport.netty.client.WebsocketClientTransport;
import io.rsocket.util.DefaultPayload;
import io.waymark.protocol.Ack;
import io.waymark.protocol.Activity;
import io.waymark.protocol.ActivityBatch;
import io.waymark.protocol.ActivityResult;
import io.waymark.protocol.ActivityResults;
import io.waymark.protocol.Hello;
import io.waymark.protocol.Ping;
import io.waymark.protocol.PingBatch;
import io.waymark.protocol.RequestError;
import io.waymark.protocol.Routes;
import io.waymark.protocol.WelfareAnswer;
import io.waymark.protocol.WelfareCheck;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;
import reactor.util.retry.Retry;
import reactor.util.retry.RetryBackoffSpec;

/**
 * A Waymark device: a durable local buffer of pings and activities, and a connection that streams it to the
 * server over RSocket (contract §4), reconnecting with backoff and resending whatever was not acknowledged.
 *
 * <pre>{@code
 * try (WaymarkDevice device = WaymarkDevice.builder()
 *         .tcp("127.0.0.1", 7000)
 *         .token(deviceToken)
 *         .bufferDirectory(Path.of("waymark-buffer"))
 *         .build()) {
 *     device.start();
 *     device.record(Fix.at(40.7128, -74.0060).withAccuracyMeters(8.5)).block();
 * }
 * }</pre>
 *
 * <p>Threads: {@code record} methods and the sending loop do their file I/O on the device's own I/O thread, never
 * on a Netty or Reactor parallel thread. A cancelled task is never interrupted there: an interrupted
 * {@code FileChannel} closes for good, and the buffer with it. {@link #build()}-time opening and {@link #close()} do file I/O on the
 * calling thread.
 */
public final class WaymarkDevice implements Disposable, AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(WaymarkDevice.class);

    /** Request errors on the {@code pings} channel that no resend can cure: the batch is dropped. */
    private static final Set<String> HOPELESS_ERRORS = Set.of(
            RequestError.MALFORMED.name(), RequestError.BATCH_TOO_LARGE.name(), RequestError.FRAME_TOO_LARGE.name());

    private static final WelfareAnswer NO_HANDLER = new WelfareAnswer(false, "no handler");

    private final DeviceSettings settings;
    private final Supplier<ClientTransport> transport;
    private final Clock clock;
    private final PingBuffer pings;
    private final ActivityBuffer activities;
    private final BufferDirectoryLock directoryLock;
    private final RSocketConnector connector;
    private final ExecutorService ioThread = Executors.newSingleThreadExecutor(task -> {
        Thread thread = new Thread(task, "waymark-device-io");
        thread.setDaemon(true);
        return thread;
    });
    /** File I/O; a plain {@code Executor} gives Reactor no future to cancel, so a running task is never interrupted. */
    private final Scheduler io = Schedulers.fromExecutor(ioThread::execute);

    private final Sinks.Many<ConnectionState> states = Sinks.many().replay().latest();
    private final Sinks.Many<Ack> acks = Sinks.many().multicast().directBestEffort();
    private final Sinks.Many<ActivityResult> activityResults =
            Sinks.many().multicast().directBestEffort();
    private final Sinks.Many<Boolean> pingWakeups = Sinks.many().multicast().directBestEffort();
    private final Sinks.Many<Boolean> activityWakeups = Sinks.many().multicast().directBestEffort();
    private final Sinks.One<Hello> firstHello = Sinks.one();
    private final Mono<Hello> started = firstHello.asMono().cache();

    private final AtomicReference<RSocket> current = new AtomicReference<>();
    private final AtomicBoolean startCalled = new AtomicBoolean();
    private volatile ConnectionState state = ConnectionState.STOPPED;
    private volatile Hello lastHello;
    private volatile Function<WelfareCheck, Mono<WelfareAnswer>> welfareHandler;
    private volatile Disposable loop;
    private volatile boolean closed;

    private final AtomicLong recordedPings = new AtomicLong();
    private final AtomicLong skippedOffShiftPings = new AtomicLong();
    private final AtomicLong sentPings = new AtomicLong();
    private final AtomicLong ackedPings = new AtomicLong();
    private final AtomicLong discardedPings = new AtomicLong();
    private final AtomicLong droppedActivities = new AtomicLong();
    private final AtomicLong connections = new AtomicLong();

    private WaymarkDevice(Builder builder) {
        this.settings = builder.settings();
        this.transport = Objects.requireNonNull(builder.transport, "a transport: tcp(...), websocket(...)");
        this.clock = builder.clock;
        this.welfareHandler = builder.welfareHandler;
        Objects.requireNonNull(builder.token, "token");
        Objects.requireNonNull(builder.bufferDirectory, "bufferDirectory");
        this.directoryLock = BufferDirectoryLock.acquire(builder.bufferDirectory);
        PingBuffer openedPings = null;
        try {
            openedPings = PingBuffer.open(builder.bufferDirectory, settings.maxBufferedPings(), settings.fsync());
            this.activities =
                    ActivityBuffer.open(builder.bufferDirectory, settings.maxBufferedActivities(), settings.fsync());
        } catch (RuntimeException e) {
            if (openedPings != null) {
                openedPings.close();
            }
            directoryLock.close();
            throw e;
        }
        this.pings = openedPings;
        RSocketConnector connector = RSocketConnector.create()
                .dataMimeType(Wire.DATA_MIME_TYPE)
                .metadataMimeType(Wire.METADATA_MIME_TYPE)
                .setupPayload(DefaultPayload.create(new byte[0], Wire.setupMetadata(builder.token)))
                .keepAlive(settings.keepAliveInterval(), settings.keepAliveMaxLifetime())
                .acceptor(SocketAcceptor.forRequestResponse(this::answerServer));
        if (settings.resume()) {
            connector.resume(new Resume()
                    .sessionDuration(settings.resumeSessionDuration())
                    .cleanupStoreOnKeepAlive()
                    .retry(reconnectRetry()));
        }
        this.connector = connector;
        states.tryEmitNext(ConnectionState.STOPPED);
    }

    public static Builder builder() {
        return new Builder();
    }

    // ---------------------------------------------------------------- lifecycle

    /**
     * Starts connecting and sending in the background (once; later calls return the same answer). The returned
     * Mono is already running: it tells the outcome of the first connection, the server's Hello, or a
     * {@link DeviceRejectedException} when the server refuses the token (the device then stops for good). Until
     * connected, the device keeps retrying with backoff and recording works offline.
     */
    public Mono<Hello> start() {
        if (closed) {
            return Mono.error(new IllegalStateException("the device is closed"));
        }
        if (startCalled.compareAndSet(false, true)) {
            loop = Mono.defer(this::connectOnce)
                    .flatMapMany(this::session)
                    .onErrorMap(
                            WaymarkDevice::isSetupRefusal,
                            e -> new DeviceRejectedException(
                                    "the server refused the device's SETUP: " + e.getMessage(), e))
                    .doOnError(e -> {
                        if (!(e instanceof DeviceRejectedException) && !closed) {
                            log.info("connection lost: {}", e.toString());
                            setState(ConnectionState.DISCONNECTED);
                        }
                    })
                    .retryWhen(reconnectRetry().filter(e -> !(e instanceof DeviceRejectedException) && !closed))
                    .subscribe(hello -> {}, this::stopped, () -> {});
        }
        return started;
    }

    private Mono<RSocket> connectOnce() {
        setState(ConnectionState.CONNECTING);
        return connector.connect(transport);
    }

    private RetryBackoffSpec reconnectRetry() {
        return Retry.backoff(Long.MAX_VALUE, settings.reconnectFirstBackoff())
                .maxBackoff(settings.reconnectMaxBackoff())
                .transientErrors(true);
    }

    private static boolean isSetupRefusal(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SetupException) {
                return true;
            }
        }
        return false;
    }

    private void stopped(Throwable error) {
        if (error instanceof DeviceRejectedException) {
            log.error("{}", error.getMessage());
            setState(ConnectionState.REJECTED);
        } else if (!closed) {
            log.error("the connection loop stopped", error);
        }
        firstHello.tryEmitError(error);
    }

    /** One connection: greet, then send pings and activities until the connection closes (always ends in error). */
    private Flux<Hello> session(RSocket rsocket) {
        current.set(rsocket);
        Mono<Hello> greeted = hello(rsocket)
                .timeout(settings.requestTimeout())
                .publishOn(io)
                .map(hello -> {
                    if (pings.raiseSeq(hello.lastSeq())) {
                        log.info("server knows seq {}: continuing above it", hello.lastSeq());
                    }
                    // A clock event the server has not acknowledged yet is newer than the hello's onShift.
                    pings.privacy(hello.tracking(), activities.clockEventPending() ? null : hello.onShift());
                    return hello;
                });
        return greeted.flatMapMany(hello -> {
                    lastHello = hello;
                    connections.incrementAndGet();
                    setState(ConnectionState.CONNECTED);
                    firstHello.tryEmitValue(hello);
                    Mono<Void> closedConnection = rsocket.onClose()
                            .then(Mono.<Void>error(new IllegalStateException("the connection closed")));
                    return Flux.concat(
                            Mono.just(hello),
                            Mono.when(pingLoop(rsocket), activityLoop(rsocket), closedConnection)
                                    .cast(Hello.class));
                })
                .doFinally(signal -> {
                    current.compareAndSet(rsocket, null);
                    rsocket.dispose();
                });
    }

    /** Stops sending, closes the connection and the buffer files; the buffer stays on disk. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        Disposable running = loop;
        if (running != null) {
            running.dispose();
        }
        RSocket rsocket = current.getAndSet(null);
        if (rsocket != null) {
            rsocket.dispose();
        }
        setState(ConnectionState.CLOSED);
        firstHello.tryEmitError(new IllegalStateException("the device was closed"));
        synchronized (states) {
            states.tryEmitComplete();
        }
        synchronized (acks) {
            acks.tryEmitComplete();
        }
        synchronized (activityResults) {
            activityResults.tryEmitComplete();
        }
        pings.close();
        activities.close();
        directoryLock.close();
        ioThread.shutdown();
    }

    /** Same as {@link #close()}. */
    @Override
    public void dispose() {
        close();
    }

    @Override
    public boolean isDisposed() {
        return closed;
    }

    // ---------------------------------------------------------------- recording

    /**
     * Records a ping whose seq the caller chose (above every seq the device used so far). Runs when subscribed, on
     * the device's I/O thread; completes empty when the ping was not kept because the rep is off shift
     * under a {@code SHIFT_ONLY} policy; fails with {@link IllegalArgumentException} for a seq not above the last.
     */
    public Mono<Ping> record(Ping ping) {
        Objects.requireNonNull(ping, "ping");
        return recordWith(() -> pings.append(ping));
    }

    /** Records a fix with the next seq of the device's persisted counter; see {@link #record(Ping)}. */
    public Mono<Ping> record(Fix fix) {
        Objects.requireNonNull(fix, "fix");
        return recordWith(() -> pings.appendNext(seq -> new Ping(
                seq,
                (fix.takenAt() != null ? fix.takenAt() : clock.instant()).toEpochMilli(),
                fix.lat(),
                fix.lon(),
                fix.accuracyMeters(),
                fix.speedMetersPerSecond(),
                fix.headingDegrees(),
                fix.altitudeMeters(),
                fix.batteryFraction(),
                fix.mock())));
    }

    /** Records a fix taken now with the next seq; see {@link #record(Ping)}. */
    public Mono<Ping> record(double lat, double lon, double accuracyMeters) {
        return record(Fix.at(lat, lon).withAccuracyMeters(accuracyMeters));
    }

    private Mono<Ping> recordWith(Supplier<Optional<Ping>> append) {
        return Mono.fromCallable(() -> {
                    Optional<Ping> kept = append.get();
                    if (kept.isPresent()) {
                        recordedPings.incrementAndGet();
                        wake(pingWakeups);
                    } else {
                        skippedOffShiftPings.incrementAndGet();
                    }
                    return kept.orElse(null);
                })
                .subscribeOn(io);
    }

    /**
     * Records an activity (its id made by the caller, e.g. {@code UUID.randomUUID()}). A {@code CLOCK_IN} turns the
     * rep's shift on, a {@code CLOCK_OUT} off, until the server's next Hello says otherwise. Recording an id that is
     * still pending does nothing. Runs when subscribed, on the device's I/O thread.
     */
    public Mono<Activity> record(Activity activity) {
        Objects.requireNonNull(activity, "activity");
        Objects.requireNonNull(activity.id(), "activity id");
        Objects.requireNonNull(activity.type(), "activity type");
        return Mono.fromCallable(() -> {
                    long droppedBefore = activities.droppedActivities();
                    activities.append(activity);
                    droppedActivities.addAndGet(activities.droppedActivities() - droppedBefore);
                    if ("CLOCK_IN".equals(activity.type())) {
                        pings.privacy(null, true);
                    } else if ("CLOCK_OUT".equals(activity.type())) {
                        pings.privacy(null, false);
                    }
                    wake(activityWakeups);
                    return activity;
                })
                .subscribeOn(io);
    }

    // ---------------------------------------------------------------- sending loops

    private Mono<Void> pingLoop(RSocket rsocket) {
        return Flux.defer(() -> pingChannel(rsocket))
                .retryWhen(Retry.backoff(Long.MAX_VALUE, settings.reconnectFirstBackoff())
                        .maxBackoff(settings.reconnectMaxBackoff())
                        .filter(e -> e instanceof ResendNeeded))
                .then();
    }

    /** One {@code pings} channel; ends in {@link ResendNeeded} when the server asks for a batch again. */
    private Flux<Ack> pingChannel(RSocket rsocket) {
        PingWindow window = new PingWindow(pings, settings.maxBatchSize(), settings.maxBatchesInFlight());
        Flux<Boolean> ticks = Flux.interval(Duration.ZERO, settings.flushInterval())
                .onBackpressureDrop()
                .doOnNext(tick -> window.flushDue())
                .map(tick -> Boolean.TRUE);
        AtomicBoolean first = new AtomicBoolean(true);
        Flux<Payload> outbound = Flux.merge(ticks, pingWakeups.asFlux())
                .onBackpressureLatest()
                .publishOn(io, 1)
                .concatMapIterable(wakeup -> activities.clockEventPending() ? List.of() : window.next(), 1)
                .map(batch -> {
                    sentPings.addAndGet(batch.pings().size());
                    byte[] data = Wire.json(batch);
                    return first.getAndSet(false) ? Wire.routed(Routes.PINGS, data) : Wire.plain(data);
                });
        return rsocket.requestChannel(outbound)
                .map(payload -> Wire.readAck(payload))
                .concatMap(ack -> Mono.fromCallable(() -> onAck(window, ack)).subscribeOn(io));
    }

    private Ack onAck(PingWindow window, Ack ack) {
        PingWindow.InFlight batch = window.acked();
        if (batch == null) {
            throw new IllegalStateException("an Ack for no batch: " + ack);
        }
        if (ack.error() != null) {
            String code = ack.error().split(":", 2)[0].trim();
            if (!HOPELESS_ERRORS.contains(code)) {
                emit(acks, ack);
                throw new ResendNeeded(ack.error());
            }
            log.error("the server refused a batch of {} pings for good, dropping it: {}", batch.size(), ack.error());
            discardedPings.addAndGet(pings.removeThrough(batch.maxSeq()));
        } else {
            long upTo = batch.maxSeq();
            if (ack.upToSeq() == null || ack.upToSeq() != upTo) {
                log.warn("an Ack up to seq {} for a batch up to seq {}", ack.upToSeq(), upTo);
                upTo = ack.upToSeq() == null ? upTo : Math.min(upTo, ack.upToSeq());
            }
            ackedPings.addAndGet(pings.removeThrough(upTo));
        }
        emit(acks, ack);
        wake(pingWakeups);
        return ack;
    }

    private Mono<Void> activityLoop(RSocket rsocket) {
        return Flux.merge(
                        Flux.interval(Duration.ZERO, settings.flushInterval()).onBackpressureDrop(),
                        activityWakeups.asFlux())
                .onBackpressureLatest()
                .concatMap(tick -> sendPendingActivities(rsocket), 1)
                .then();
    }

    private Mono<Void> sendPendingActivities(RSocket rsocket) {
        return Mono.fromCallable(() -> activities.oldest(settings.maxBatchSize()))
                .subscribeOn(io)
                .filter(batch -> !batch.isEmpty())
                .flatMap(batch -> sendActivities(rsocket, new ActivityBatch(batch))
                        .timeout(settings.requestTimeout())
                        .publishOn(io)
                        .doOnNext(this::onActivityResults)
                        .onErrorResume(e -> {
                            log.warn("sending {} activities failed, will retry: {}", batch.size(), e.toString());
                            return Mono.empty();
                        }))
                .then();
    }

    private void onActivityResults(ActivityResults results) {
        List<String> done = new ArrayList<>(results.results().size());
        for (ActivityResult result : results.results()) {
            if (ActivityResult.REJECTED.equals(result.status())) {
                log.warn("the server rejected activity {}: {}", result.id(), result.reason());
            }
            if (result.id() != null) {
                done.add(result.id());
            }
            emit(activityResults, result);
        }
        activities.remove(done);
        wake(pingWakeups);
    }

    /** The server answered a batch with a request error that a resend may cure. */
    private static final class ResendNeeded extends RuntimeException {
        private static final long serialVersionUID = 1L;

        ResendNeeded(String message) {
            super(message, null, false, false);
        }
    }

    // ---------------------------------------------------------------- server -> device

    /**
     * Registers the app's answer to welfare checks ({@code device.check}); replaces an earlier one. Without a
     * handler the device answers {@code {"ok":false,"note":"no handler"}} at once, so the server can escalate
     * without waiting for its timeout.
     */
    public WaymarkDevice onWelfareCheck(Function<WelfareCheck, Mono<WelfareAnswer>> handler) {
        this.welfareHandler = handler;
        return this;
    }

    private Mono<Payload> answerServer(Payload request) {
        String route;
        byte[] data;
        try {
            route = Wire.route(request.hasMetadata() ? request.sliceMetadata() : null);
            data = Wire.dataBytes(request);
        } catch (RuntimeException e) {
            request.release();
            return Mono.error(new IllegalArgumentException("MALFORMED: unreadable metadata"));
        }
        request.release();
        if (!Routes.DEVICE_CHECK.equals(route)) {
            return Mono.error(new IllegalArgumentException("ROUTE_UNKNOWN: " + route));
        }
        WelfareCheck check;
        try {
            check = Json.MAPPER.readValue(data, WelfareCheck.class);
        } catch (RuntimeException e) {
            return Mono.error(new IllegalArgumentException("MALFORMED: " + e.getMessage()));
        }
        Function<WelfareCheck, Mono<WelfareAnswer>> handler = welfareHandler;
        Mono<WelfareAnswer> answer = handler == null
                ? Mono.just(NO_HANDLER)
                : Mono.defer(() -> handler.apply(check))
                        .switchIfEmpty(Mono.just(new WelfareAnswer(false, "no answer")));
        return answer.map(a -> Wire.plain(Wire.json(a)));
    }

    // ---------------------------------------------------------------- low-level calls

    /**
     * The current connection, once connected; fails when the device is not started, closed or rejected. Low-level
     * calls use it; they bypass the buffer.
     */
    public Mono<RSocket> connection() {
        return Mono.defer(() -> {
            if (!startCalled.get()) {
                return Mono.error(new IllegalStateException("call start() first"));
            }
            return states.asFlux()
                    .filter(s -> s == ConnectionState.CONNECTED || s.isTerminal())
                    .next()
                    .flatMap(s -> {
                        RSocket rsocket = current.get();
                        return s == ConnectionState.CONNECTED && rsocket != null
                                ? Mono.just(rsocket)
                                : Mono.error(new IllegalStateException("not connected: " + s));
                    })
                    .switchIfEmpty(Mono.error(new IllegalStateException("the device was closed")));
        });
    }

    /** {@code device.hello} on the current connection. */
    public Mono<Hello> hello() {
        return connection().flatMap(WaymarkDevice::hello);
    }

    private static Mono<Hello> hello(RSocket rsocket) {
        return rsocket.requestResponse(Wire.routed(Routes.HELLO, "{}".getBytes(StandardCharsets.UTF_8)))
                .map(payload -> Wire.read(payload, Hello.class));
    }

    /** {@code pings.batch}: one batch, one Ack (request errors arrive as an error signal). */
    public Mono<Ack> sendBatch(PingBatch batch) {
        return connection()
                .flatMap(rsocket -> rsocket.requestResponse(Wire.routed(Routes.PINGS_BATCH, Wire.json(batch))))
                .map(payload -> Wire.readAck(payload));
    }

    /** The {@code pings} channel: one Ack per batch, in order. */
    public Flux<Ack> channel(Flux<PingBatch> batches) {
        return channelRaw(Routes.PINGS, batches.map(Wire::json)).map(Wire::readAck);
    }

    /** {@code activities}: one result per activity. */
    public Mono<ActivityResults> sendActivities(ActivityBatch batch) {
        return connection().flatMap(rsocket -> sendActivities(rsocket, batch));
    }

    /** {@code activities}: one result per activity. */
    public Mono<ActivityResults> sendActivities(List<Activity> batch) {
        return sendActivities(new ActivityBatch(batch));
    }

    private static Mono<ActivityResults> sendActivities(RSocket rsocket, ActivityBatch batch) {
        return rsocket.requestResponse(Wire.routed(Routes.ACTIVITIES, Wire.json(batch)))
                .map(payload -> Wire.read(payload, ActivityResults.class));
    }

    /** A request-response on any route with any data (for testing the server with malformed input). */
    public Mono<byte[]> requestRaw(String route, byte[] data) {
        return connection()
                .flatMap(rsocket -> rsocket.requestResponse(Wire.routed(route, data)))
                .map(Wire::bytes);
    }

    /** A request-response on any route with any UTF-8 data. */
    public Mono<String> requestRaw(String route, String data) {
        return requestRaw(route, data.getBytes(StandardCharsets.UTF_8))
                .map(bytes -> new String(bytes, StandardCharsets.UTF_8));
    }

    /** A request-channel on any route with any data; the route goes with the first payload. */
    public Flux<byte[]> channelRaw(String route, Flux<byte[]> data) {
        return connection().flatMapMany(rsocket -> {
            AtomicBoolean first = new AtomicBoolean(true);
            return rsocket.requestChannel(
                            data.map(bytes -> first.getAndSet(false) ? Wire.routed(route, bytes) : Wire.plain(bytes)))
                    .map(Wire::bytes);
        });
    }

    // ---------------------------------------------------------------- progress

    /**
     * Every Ack the sending loop receives, error Acks included. Hot and best effort: a subscriber that does not keep
     * up misses Acks (the buffer is unaffected).
     */
    public Flux<Ack> acks() {
        return acks.asFlux();
    }

    /** Every activity result the sending loop receives; hot and best effort like {@link #acks()}. */
    public Flux<ActivityResult> activityResults() {
        return activityResults.asFlux();
    }

    /** The current connection state, then every change; completes after {@link ConnectionState#CLOSED}. */
    public Flux<ConnectionState> states() {
        return states.asFlux();
    }

    public ConnectionState state() {
        return state;
    }

    /** The server's latest Hello, empty before the first connection. */
    public Optional<Hello> lastHello() {
        return Optional.ofNullable(lastHello);
    }

    /** A snapshot of the counters. */
    public DeviceStats stats() {
        return new DeviceStats(
                recordedPings.get(),
                skippedOffShiftPings.get(),
                sentPings.get(),
                ackedPings.get(),
                discardedPings.get(),
                pings.pendingCount(),
                pings.droppedPings(),
                pings.lastSeq(),
                activities.pendingCount(),
                droppedActivities.get(),
                connections.get());
    }

    // ---------------------------------------------------------------- plumbing

    private void setState(ConnectionState next) {
        synchronized (states) {
            if (state.isTerminal() || state == next) {
                return;
            }
            state = next;
            states.tryEmitNext(next);
        }
    }

    private static <T> void emit(Sinks.Many<T> sink, T value) {
        synchronized (sink) {
            sink.tryEmitNext(value);
        }
    }

    private static void wake(Sinks.Many<Boolean> sink) {
        emit(sink, Boolean.TRUE);
    }

    /** Configures a {@link WaymarkDevice}; {@code token}, {@code bufferDirectory} and a transport are required. */
    public static final class Builder {

        private Supplier<ClientTransport> transport;
        private String token;
        private Path bufferDirectory;
        private Clock clock = Clock.systemUTC();
        private Function<WelfareCheck, Mono<WelfareAnswer>> welfareHandler;
        private DeviceSettings defaults = DeviceSettings.defaults();
        private int maxBatchSize = defaults.maxBatchSize();
        private Duration flushInterval = defaults.flushInterval();
        private int maxBufferedPings = defaults.maxBufferedPings();
        private int maxBufferedActivities = defaults.maxBufferedActivities();
        private int maxBatchesInFlight = defaults.maxBatchesInFlight();
        private boolean fsync = defaults.fsync();
        private boolean resume = defaults.resume();
        private Duration resumeSessionDuration = defaults.resumeSessionDuration();
        private Duration reconnectFirstBackoff = defaults.reconnectFirstBackoff();
        private Duration reconnectMaxBackoff = defaults.reconnectMaxBackoff();
        private Duration requestTimeout = defaults.requestTimeout();
        private Duration keepAliveInterval = defaults.keepAliveInterval();
        private Duration keepAliveMaxLifetime = defaults.keepAliveMaxLifetime();

        private Builder() {}

        /** RSocket over TCP (the server's port 7000 by default). */
        public Builder tcp(String host, int port) {
            this.transport = () -> TcpClientTransport.create(host, port);
            return this;
        }

        /** RSocket over WebSocket, e.g. {@code ws://host:8080/rsocket}. */
        public Builder websocket(URI uri) {
            this.transport = () -> WebsocketClientTransport.create(uri);
            return this;
        }

        /** Any RSocket client transport (asked anew for every connection). */
        public Builder transport(Supplier<ClientTransport> transport) {
            this.transport = transport;
            return this;
        }

        /** The device token, sent as bearer authentication in the SETUP frame. */
        public Builder token(String deviceToken) {
            this.token = deviceToken;
            return this;
        }

        /** Where the buffer files live; one directory per device, kept across restarts. */
        public Builder bufferDirectory(Path directory) {
            this.bufferDirectory = directory;
            return this;
        }

        /** Pings per batch, 1..1000; default 500. */
        public Builder maxBatchSize(int pings) {
            this.maxBatchSize = pings;
            return this;
        }

        /** A partly filled batch goes out at least this often; default 1 s. Activities are sent as often. */
        public Builder flushInterval(Duration interval) {
            this.flushInterval = interval;
            return this;
        }

        /** Pending pings kept at most; default 1,000,000. When full, the oldest pending ping is dropped. */
        public Builder maxBufferedPings(int pings) {
            this.maxBufferedPings = pings;
            return this;
        }

        /** Pending activities kept at most; default 100,000. When full, the oldest pending one is dropped. */
        public Builder maxBufferedActivities(int count) {
            this.maxBufferedActivities = count;
            return this;
        }

        /** Ping batches sent and not yet acknowledged, at most; default 4. */
        public Builder maxBatchesInFlight(int batches) {
            this.maxBatchesInFlight = batches;
            return this;
        }

        /**
         * Whether every append is forced to the storage device (survives a power loss) rather than only written to
         * the OS (survives a crash of the process); default false.
         */
        public Builder fsync(boolean enabled) {
            this.fsync = enabled;
            return this;
        }

        /** RSocket resumption (the server must allow it); default off. */
        public Builder resume(boolean enabled) {
            this.resume = enabled;
            return this;
        }

        /** How long a resumable session may stay away; default 5 min. */
        public Builder resumeSessionDuration(Duration duration) {
            this.resumeSessionDuration = duration;
            return this;
        }

        /** Exponential backoff between reconnection attempts; default 500 ms growing to 30 s, with jitter. */
        public Builder reconnectBackoff(Duration firstBackoff, Duration maxBackoff) {
            this.reconnectFirstBackoff = firstBackoff;
            this.reconnectMaxBackoff = maxBackoff;
            return this;
        }

        /** How long {@code device.hello} and {@code activities} may take; default 15 s. */
        public Builder requestTimeout(Duration timeout) {
            this.requestTimeout = timeout;
            return this;
        }

        /** RSocket keep-alive; default every 20 s, connection deemed dead after 90 s of silence. */
        public Builder keepAlive(Duration interval, Duration maxLifetime) {
            this.keepAliveInterval = interval;
            this.keepAliveMaxLifetime = maxLifetime;
            return this;
        }

        /** The clock that stamps fixes recorded without a time; default UTC system clock. */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /** See {@link WaymarkDevice#onWelfareCheck(Function)}. */
        public Builder onWelfareCheck(Function<WelfareCheck, Mono<WelfareAnswer>> handler) {
            this.welfareHandler = handler;
            return this;
        }

        private DeviceSettings settings() {
            return new DeviceSettings(
                    maxBatchSize,
                    flushInterval,
                    maxBufferedPings,
                    maxBufferedActivities,
                    maxBatchesInFlight,
                    fsync,
                    resume,
                    resumeSessionDuration,
                    reconnectFirstBackoff,
                    reconnectMaxBackoff,
                    requestTimeout,
                    keepAliveInterval,
                    keepAliveMaxLifetime);
        }

        /** Opens the buffer files (file I/O on the calling thread) and makes the device; nothing connects yet. */
        public WaymarkDevice build() {
            return new WaymarkDevice(this);
        }
    }
}
