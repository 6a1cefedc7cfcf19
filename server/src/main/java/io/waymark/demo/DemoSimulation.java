package io.waymark.demo;

import io.waymark.device.WaymarkDevice;
import io.waymark.ingest.DeviceEndpoints;
import io.waymark.ingest.DeviceTransportProperties;
import io.waymark.protocol.WelfareAnswer;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.SmartLifecycle;
import org.springframework.context.event.EventListener;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;

/**
 * Runs the demo once the server is ready: seeds the demo company, then connects one {@link WaymarkDevice} per rep
 * to the server's own RSocket TCP port and steps every simulated rep once a second on one Reactor timer (no thread
 * per rep). Stops before the device transports do, closing the phones (their buffers stay on disk).
 */
@Component
@ConditionalOnBooleanProperty(DemoSwitch.ENABLED)
class DemoSimulation implements SmartLifecycle {

    static final Duration TICK = Duration.ofSeconds(1);

    private static final Logger log = LoggerFactory.getLogger(DemoSimulation.class);

    private final DemoSeeding seeding;
    private final DeviceEndpoints endpoints;
    private final DeviceTransportProperties transport;
    private final DemoProperties properties;
    private final Clock clock;
    private final Environment environment;
    private final Scheduler timer;
    private final List<DemoPhone> phones = new CopyOnWriteArrayList<>();
    private final Sinks.One<DemoCompany> seeded = Sinks.one();

    private volatile boolean running;
    private volatile Disposable run;

    DemoSimulation(
            DemoSeeding seeding,
            DeviceEndpoints endpoints,
            DeviceTransportProperties transport,
            DemoProperties properties,
            Clock clock,
            Environment environment) {
        this.seeding = seeding;
        this.endpoints = endpoints;
        this.transport = transport;
        this.properties = properties;
        this.clock = clock;
        this.environment = environment;
        this.timer = Schedulers.parallel();
    }

    /** The seeded company, once seeding is done. */
    Mono<DemoCompany> company() {
        return seeded.asMono();
    }

    /** The running phones. */
    List<DemoPhone> phones() {
        return List.copyOf(phones);
    }

    @EventListener(ApplicationReadyEvent.class)
    void serverReady() {
        if (!running || run != null) {
            return;
        }
        log.info("demo mode: seeding the demo company");
        run = seeding.seed()
                .subscribeOn(Schedulers.boundedElastic())
                .flatMap(company -> Mono.fromRunnable(() -> connect(company))
                        .subscribeOn(Schedulers.boundedElastic())
                        .thenReturn(company))
                .doOnNext(company -> {
                    announce(company);
                    seeded.tryEmitValue(company);
                })
                .flatMapMany(company -> Flux.interval(Duration.ZERO, TICK, timer)
                        .onBackpressureDrop()
                        .concatMap(tick -> step()))
                .subscribe(ignored -> {}, error -> {
                    log.error("demo mode failed", error);
                    seeded.tryEmitError(error);
                });
    }

    private Mono<Void> step() {
        java.time.Instant now = clock.instant();
        return Flux.fromIterable(phones).flatMap(phone -> phone.step(now)).then();
    }

    /** Builds and starts one phone per rep (file I/O: off the event loops). */
    private void connect(DemoCompany company) {
        String host = connectHost();
        int port = endpoints.tcpPort();
        if (port <= 0) {
            throw new IllegalStateException("the device TCP transport is not listening");
        }
        SplittableRandom seeds =
                properties.seed() != null ? new SplittableRandom(properties.seed()) : new SplittableRandom();
        RepBehaviour behaviour = RepBehaviour.doorToDoor(properties.speedFactor());
        StreetGrid grid = properties.grid();
        for (DemoCompany.Rep rep : company.reps()) {
            if (!running) {
                return;
            }
            String name = rep.rep().name();
            WaymarkDevice device = WaymarkDevice.builder()
                    .tcp(host, port)
                    .token(rep.device().token())
                    .bufferDirectory(properties
                            .bufferDirectory()
                            .resolve(rep.device().deviceId().toString()))
                    .flushInterval(Duration.ofSeconds(1))
                    .maxBufferedPings(100_000)
                    .reconnectBackoff(Duration.ofMillis(500), Duration.ofSeconds(10))
                    .clock(clock)
                    .onWelfareCheck(check -> Mono.delay(Duration.ofSeconds(3)).then(Mono.fromSupplier(() -> {
                        log.info("demo rep {} answers the welfare check {}: ok", name, check.alertId());
                        return new WelfareAnswer(true, "I'm fine, thanks");
                    })))
                    .build();
            SimulatedRep simulated =
                    new SimulatedRep(name, grid, rep.area(), behaviour, properties.pingInterval(), seeds.split());
            phones.add(new DemoPhone(simulated, device));
            device.start()
                    .subscribe(
                            hello -> log.debug("demo rep {} connected as device {}", name, hello.deviceId()),
                            error -> log.warn("demo rep {}: {}", name, error.getMessage()));
        }
    }

    private String connectHost() {
        String address = transport.address();
        boolean anyAddress = address == null
                || address.isBlank()
                || "0.0.0.0".equals(address)
                || "::".equals(address)
                || "[::]".equals(address);
        return anyAddress ? "127.0.0.1" : address;
    }

    private void announce(DemoCompany company) {
        String url = "http://localhost:"
                + environment.getProperty("local.server.port", environment.getProperty("server.port", "8080"));
        DemoCompany.Account manager = company.accounts().get(0);
        DemoCompany.Account dispatch = company.accounts().get(1);
        String teams = company.teams().stream()
                .map(team -> team.name() + " (" + team.tracking() + ")")
                .collect(Collectors.joining(" and "));
        log.warn(
                "\n\n************************************************************\n"
                        + "  Waymark demo: {} simulated reps are out knocking doors.\n"
                        + "  Open {} and sign in as\n"
                        + "    {}   password {}   (MANAGER, both teams)\n"
                        + "    {}  password {}   (DISPATCH, both teams)\n"
                        + "  {}\n"
                        + "************************************************************\n",
                company.reps().size(),
                url,
                manager.username(),
                manager.password(),
                dispatch.username(),
                dispatch.password(),
                properties.password() == null
                        ? "New passwords at every start (or set waymark.demo.password)."
                        : "The passwords are waymark.demo.password.");
        log.info(
                "demo seeded: teams {}, {} reps with a device each, territories {}; the reps send over RSocket TCP"
                        + " {}:{} every {} s; sign in at {} as {} or {}",
                teams,
                company.reps().size(),
                company.teams().stream().map(team -> team.territory().value()).collect(Collectors.joining(", ")),
                connectHost(),
                endpoints.tcpPort(),
                properties.pingInterval().toMillis() / 1000.0,
                url,
                manager.username(),
                dispatch.username());
    }

    @Override
    public void start() {
        running = true;
    }

    @Override
    public void stop() {
        running = false;
        Disposable current = run;
        if (current != null) {
            current.dispose();
        }
        run = null;
        for (DemoPhone phone : phones) {
            phone.close();
        }
        phones.clear();
        log.info("demo mode stopped");
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    /** Stops before the device transports and the web server, so that the phones leave first. */
    @Override
    public int getPhase() {
        return SmartLifecycle.DEFAULT_PHASE;
    }
}
