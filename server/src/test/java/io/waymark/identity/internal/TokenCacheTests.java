package io.waymark.identity.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.waymark.identity.CurrentUser;
import io.waymark.identity.Role;
import io.waymark.identity.UserId;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Set;
import org.junit.jupiter.api.Test;

class TokenCacheTests {

    private static final CurrentUser USER = new CurrentUser(UserId.random(), "u", Role.MANAGER, Set.of());

    private final MutableClock clock = new MutableClock(Instant.parse("2026-01-01T00:00:00Z"));

    @Test
    void remembersATokenForItsTrustPeriod() {
        TokenCache cache = new TokenCache(clock, Duration.ofSeconds(30), 10);
        cache.put("h", USER, clock.instant().plus(Duration.ofHours(1)));
        clock.advance(Duration.ofSeconds(29));
        assertThat(cache.get("h")).isEqualTo(USER);
        clock.advance(Duration.ofSeconds(1));
        assertThat(cache.get("h")).isNull();
    }

    @Test
    void neverTrustsATokenPastItsExpiry() {
        TokenCache cache = new TokenCache(clock, Duration.ofMinutes(5), 10);
        cache.put("h", USER, clock.instant().plus(Duration.ofSeconds(10)));
        clock.advance(Duration.ofSeconds(10));
        assertThat(cache.get("h")).isNull();
    }

    @Test
    void staysWithinItsCapacity() {
        TokenCache cache = new TokenCache(clock, Duration.ofMinutes(5), 3);
        for (int i = 0; i < 10; i++) {
            cache.put("h" + i, USER, clock.instant().plus(Duration.ofHours(1)));
        }
        assertThat(cache.size()).isLessThanOrEqualTo(3);
        assertThat(cache.get("h9")).isEqualTo(USER);
    }

    @Test
    void forgetsARevokedToken() {
        TokenCache cache = new TokenCache(clock, Duration.ofMinutes(5), 3);
        cache.put("h", USER, clock.instant().plus(Duration.ofHours(1)));
        cache.forget("h");
        assertThat(cache.get("h")).isNull();
    }

    static final class MutableClock extends Clock {

        private Instant now;

        MutableClock(Instant now) {
            this.now = now;
        }

        void advance(Duration duration) {
            now = now.plus(duration);
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
