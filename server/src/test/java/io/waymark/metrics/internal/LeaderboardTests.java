package io.waymark.metrics.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class LeaderboardTests {

    @Test
    void givesEqualValuesTheSameRankAndSkipsTheNextOrderedByName() {
        List<Leaderboard.Ranked> ranked = Leaderboard.rank(
                List.of(
                        new Leaderboard.Entry("d", "Dana", 3),
                        new Leaderboard.Entry("b", "Bo", 7),
                        new Leaderboard.Entry("a", "Al", 7),
                        new Leaderboard.Entry("e", "Eve", null),
                        new Leaderboard.Entry("c", "Cy", 3)),
                Metric.DOORS);
        assertThat(ranked).extracting(Leaderboard.Ranked::rank).containsExactly(1, 1, 3, 3, 5);
        assertThat(ranked)
                .extracting(entry -> entry.entry().repName())
                .containsExactly("Al", "Bo", "Cy", "Dana", "Eve");
    }

    @Test
    void ranksTheLowestFirstWhereLessIsBetter() {
        List<Leaderboard.Ranked> ranked = Leaderboard.rank(
                List.of(new Leaderboard.Entry("a", "Al", 40L), new Leaderboard.Entry("b", "Bo", 5L)),
                Metric.IDLE_MINUTES);
        assertThat(ranked).extracting(entry -> entry.entry().repName()).containsExactly("Bo", "Al");
    }
}
