package io.waymark.bus;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
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
        return sink.asFlux()
                .ofType(type)
                .onBackpressureBuffer(
                        subscriberBuffer,
                        droppedEvent -> {
                            dropped.increment();
                            log.warn("a slow subscriber of {} lost an event", type.getSimpleName());
                        },
                        BufferOverflowStrategy.DROP_OLDEST);
    }
}
