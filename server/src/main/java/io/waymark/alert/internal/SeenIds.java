package io.waymark.alert.internal;

import java.util.LinkedHashMap;
import java.util.Map;

/** The last ids seen, at most a fixed number of them (the oldest is let go first); used from one thread. */
final class SeenIds {

    private final Map<String, Boolean> seen;

    SeenIds(int kept) {
        if (kept < 1) {
            throw new IllegalArgumentException("kept must be positive: " + kept);
        }
        this.seen = new LinkedHashMap<>(16, 0.75f, false) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Boolean> eldest) {
                return size() > kept;
            }
        };
    }

    /** Whether {@code id} is new; it is remembered either way. */
    boolean firstTime(String id) {
        return seen.put(id, Boolean.TRUE) == null;
    }
}
