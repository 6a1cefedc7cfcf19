package io.waymark.metrics.internal;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;

/**
 * Ranks reps by one metric, best first (highest, or lowest for a metric where less is better). Equal values share a
 * rank and the next rank skips ("1, 1, 3": competition ranking); equal values are listed by name, then by id. A rep
 * whose value is undefined (a rate of nothing) comes last, ranked after every rep with a value.
 */
public final class Leaderboard {

    private Leaderboard() {}

    /** A rep and their value. */
    public record Entry(String repId, String repName, Number value) {

        public Entry {
            Objects.requireNonNull(repId, "repId");
            Objects.requireNonNull(repName, "repName");
        }
    }

    /** A ranked entry. */
    public record Ranked(int rank, Entry entry) {}

    public static List<Ranked> rank(List<Entry> entries, Metric metric) {
        Comparator<Double> values = metric.higherIsBetter() ? Comparator.reverseOrder() : Comparator.naturalOrder();
        Comparator<Entry> order = Comparator.comparing(
                        (Entry entry) ->
                                entry.value() == null ? null : entry.value().doubleValue(),
                        Comparator.nullsLast(values))
                .thenComparing(Entry::repName)
                .thenComparing(Entry::repId);
        List<Entry> sorted = new ArrayList<>(entries);
        sorted.sort(order);
        List<Ranked> ranked = new ArrayList<>();
        for (int i = 0; i < sorted.size(); i++) {
            Entry entry = sorted.get(i);
            int rank = i + 1;
            if (i > 0 && same(sorted.get(i - 1).value(), entry.value())) {
                rank = ranked.get(i - 1).rank();
            }
            ranked.add(new Ranked(rank, entry));
        }
        return ranked;
    }

    private static boolean same(Number one, Number other) {
        if (one == null || other == null) {
            return one == null && other == null;
        }
        return Double.compare(one.doubleValue(), other.doubleValue()) == 0;
    }
}
