package io.waymark.load;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A small dense number for each rep id, shared by every dashboard: each dashboard then keeps what it knows of a rep
 * in an array slot instead of a map of its own, so 50 dashboards look up one small, warm map rather than 50 large
 * ones.
 */
final class RepIndex {

    private final Map<String, Integer> numbers = new ConcurrentHashMap<>();
    private final AtomicInteger next = new AtomicInteger();

    int of(String repId) {
        Integer number = numbers.get(repId);
        return number != null ? number : numbers.computeIfAbsent(repId, id -> next.getAndIncrement());
    }
}
