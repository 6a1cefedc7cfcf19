package io.waymark.demo;

import io.waymark.device.WaymarkDevice;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** A simulated rep with its phone: each step's events are recorded on the device in order. */
final class DemoPhone implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(DemoPhone.class);

    private final SimulatedRep rep;
    private final WaymarkDevice device;

    DemoPhone(SimulatedRep rep, WaymarkDevice device) {
        this.rep = Objects.requireNonNull(rep, "rep");
        this.device = Objects.requireNonNull(device, "device");
    }

    SimulatedRep rep() {
        return rep;
    }

    WaymarkDevice device() {
        return device;
    }

    /**
     * Lets the rep's time pass up to {@code now} and records what happened; a failed record is logged, not fatal.
     * The rep's day starts only once the phone has connected and greeted the server: the Hello carries the shift
     * state the server knows, and a Hello arriving after the rep's own CLOCK_IN (not yet stored) would turn the
     * phone's shift off again, so that a SHIFT_ONLY phone would keep no pings.
     */
    Mono<Void> step(Instant now) {
        if (device.lastHello().isEmpty()) {
            return Mono.empty();
        }
        List<RepEvent> events = rep.advance(now);
        return Flux.fromIterable(events).concatMap(this::record).then().onErrorResume(error -> {
            log.warn("demo rep {}: could not record: {}", rep.name(), error.toString());
            return Mono.empty();
        });
    }

    private Mono<?> record(RepEvent event) {
        if (event instanceof RepEvent.FixTaken taken) {
            return device.record(taken.fix());
        }
        RepEvent.ActivityDone done = (RepEvent.ActivityDone) event;
        if (!"DOOR_KNOCK".equals(done.activity().type())) {
            log.debug("demo rep {}: {}", rep.name(), done.activity().type());
        }
        return device.record(done.activity());
    }

    @Override
    public void close() {
        device.close();
    }
}
