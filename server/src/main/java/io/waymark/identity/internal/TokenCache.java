package io.waymark.identity.internal;

import io.waymark.identity.CurrentUser;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Remembers resolved tokens for a short while, so that a busy console does not ask the database on every call. An
 * entry is never trusted past its token's expiry. Bounded: when full, it starts over.
 */
final class TokenCache {

    private record Entry(CurrentUser user, Instant expiresAt, Instant trustedUntil) {}

    private final Map<String, Entry> entries = new ConcurrentHashMap<>();
    private final Clock clock;
    private final Duration trust;
    private final int capacity;

    TokenCache(Clock clock, Duration trust, int capacity) {
        this.clock = clock;
        this.trust = trust;
        this.capacity = capacity;
    }

    /** The user of a token hash, or null when not remembered or no longer valid. */
    CurrentUser get(String tokenHash) {
        Entry entry = entries.get(tokenHash);
        if (entry == null) {
            return null;
        }
        Instant now = clock.instant();
        if (!now.isBefore(entry.expiresAt()) || !now.isBefore(entry.trustedUntil())) {
            entries.remove(tokenHash, entry);
            return null;
        }
        return entry.user();
    }

    void put(String tokenHash, CurrentUser user, Instant expiresAt) {
        if (capacity == 0 || trust.isZero()) {
            return;
        }
        if (entries.size() >= capacity) {
            entries.clear();
        }
        entries.put(tokenHash, new Entry(user, expiresAt, clock.instant().plus(trust)));
    }

    void forget(String tokenHash) {
        entries.remove(tokenHash);
    }

    int size() {
        return entries.size();
    }
}
