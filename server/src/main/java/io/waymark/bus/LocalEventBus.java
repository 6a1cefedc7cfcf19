package io.waymark.bus;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import reactor.core.publisher.BufferOverflowStrategy;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Sinks;

/** The in-process {@link EventBus}: one multicast sink, a bounded buffer per subscriber. */
@Component
class LocalEventBus implements EventBus {

    private static final Logger log = LoggerFactory.getLogger(LocalEventBus.class);
    private static final long WARN_EVERY_NANOS = TimeUnit.SECONDS.toNanos(10);

    private final Sinks.Many<Object> sink = Sinks.many().multicast().directBestEffort();
    private final int subscriberBuffer;
    private final Counter dropped;

    LocalEventBus(BusProperties properties, MeterRegistry meters) {
        this.subscriberBuffer = properties.subscriberBuffer();
        this.dropped = meters.counter("waymark.bus.dropped");
    }

    @Override
    public void publish(Object event) {
        synchronized (sink) {
            Sinks.EmitResult result = sink.tryEmitNext(event);
            if (result.isFailure() && result != Sinks.EmitResult.FAIL_ZERO_SUBSCRIBER) {
                log.warn("event {} not published: {}", event.getClass().getSimpleName(), result);
            }
        }
    }

    @Override
    public <T> Flux<T> events(Class<T> type) {
        AtomicLong lost = new AtomicLong();
        AtomicLong lastWarnedNanos = new AtomicLong(System.nanoTime() - WARN_EVERY_NANOS);
        return sink.asFlux()
                .ofType(type)
                .onBackpressureBuffer(
                        subscriberBuffer,
                        droppedEvent -> {
                            dropped.increment();
                            long count = lost.incrementAndGet();
                            long last = lastWarnedNanos.get();
                            long now = System.nanoTime();
                            // At most one line per subscriber every 10 s: a warning per lost event (thousands a
                            // second) would cost more than the subscriber it reports.
                            if (now - last >= WARN_EVERY_NANOS && lastWarnedNanos.compareAndSet(last, now)) {
                                log.warn(
                                        "a slow subscriber of {} lost {} events so far (waymark.bus.dropped)",
                                        type.getSimpleName(),
                                        count);
                            }
                        },
                        BufferOverflowStrategy.DROP_OLDEST);
    }
}
