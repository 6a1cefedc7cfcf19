package io.waymark.bus;

import reactor.core.publisher.Flux;

/**
 * Carries facts (events, past tense) from the module that knows them to the modules that react to them. A
 * publisher never waits for a subscriber: each subscriber has its own bounded buffer, and when it falls that far
 * behind, its oldest undelivered events are dropped and counted ({@code waymark.bus.dropped}).
 */
public interface EventBus {

    /** Hands an event to every current subscriber of its type; never blocks. */
    void publish(Object event);

    /** The events of a type published from now on. */
    <T> Flux<T> events(Class<T> type);
}
