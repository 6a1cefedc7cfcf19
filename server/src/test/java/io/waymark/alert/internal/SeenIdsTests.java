package io.waymark.alert.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import org.junit.jupiter.api.Test;

class SeenIdsTests {

    @Test
    void anIdIsNewOnlyTheFirstTime() {
        SeenIds seen = new SeenIds(3);

        assertThat(seen.firstTime("a")).isTrue();
        assertThat(seen.firstTime("a")).isFalse();
        assertThat(seen.firstTime("b")).isTrue();
    }

    @Test
    void keepsTheLastIdsOnlyLettingTheOldestGoFirst() {
        SeenIds seen = new SeenIds(2);
        seen.firstTime("a");
        seen.firstTime("b");
        seen.firstTime("c");

        assertThat(seen.firstTime("b")).as("kept").isFalse();
        assertThat(seen.firstTime("c")).as("kept").isFalse();
        assertThat(seen.firstTime("a")).as("the oldest, let go").isTrue();
    }

    @Test
    void keepsAtLeastOne() {
        assertThatIllegalArgumentException().isThrownBy(() -> new SeenIds(0));
    }
}
