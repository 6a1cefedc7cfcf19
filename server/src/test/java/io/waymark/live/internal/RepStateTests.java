package io.waymark.live.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.waymark.identity.RepId;
import io.waymark.identity.TeamId;
import io.waymark.live.RepStatus;
import io.waymark.live.TodayCounters;
import java.lang.reflect.Constructor;
import java.lang.reflect.RecordComponent;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RepStateTests {

    /** Two different values of each component's type. */
    private static final Map<Class<?>, List<Object>> VALUES = Map.ofEntries(
            Map.entry(RepId.class, List.of(RepId.random(), RepId.random())),
            Map.entry(TeamId.class, List.of(TeamId.random(), TeamId.random())),
            Map.entry(String.class, List.of("Ada", "Grace")),
            Map.entry(
                    RepState.Fix.class,
                    List.of(
                            new RepState.Fix(51.5, -0.1, 1_000L, 1.0, 90.0, 5.0),
                            new RepState.Fix(51.5, -0.1, 2_000L, 1.0, 90.0, 5.0))),
            Map.entry(
                    RepState.Movement.class,
                    List.of(new RepState.Movement(51.5, -0.1, 1_000L), new RepState.Movement(51.5, -0.1, 2_000L))),
            Map.entry(
                    RepState.Shift.class, List.of(RepState.Shift.NONE, new RepState.Shift(1_000L, true, null, false))),
            Map.entry(Long.class, List.of(1_000L, 2_000L)),
            Map.entry(Double.class, List.of(0.5, 0.25)),
            Map.entry(RepStatus.class, List.of(RepStatus.ACTIVE, RepStatus.IDLE)),
            Map.entry(LocalDate.class, List.of(LocalDate.of(2026, 12, 1), LocalDate.of(2026, 12, 2))),
            Map.entry(
                    TodayCounters.class,
                    List.of(TodayCounters.NONE, new TodayCounters(1, 0, 0, 0, 0, BigDecimal.ZERO, 0, 0, 0, 0, 0))),
            Map.entry(List.class, List.of(List.of("t1"), List.of("t1", "t2"))));

    @Test
    void statesAreEqualExactlyWhenEveryComponentIs() throws Exception {
        RecordComponent[] components = RepState.class.getRecordComponents();
        Constructor<RepState> canonical = RepState.class.getDeclaredConstructor(
                Arrays.stream(components).map(RecordComponent::getType).toArray(Class<?>[]::new));
        Object[] first = Arrays.stream(components)
                .map(component -> VALUES.get(component.getType()).get(0))
                .toArray();
        RepState state = canonical.newInstance(first);
        RepState same = canonical.newInstance(first.clone());
        assertThat(state).isEqualTo(same).hasSameHashCodeAs(same).isNotEqualTo(null);
        for (int i = 0; i < components.length; i++) {
            Object[] changed = first.clone();
            changed[i] = VALUES.get(components[i].getType()).get(1);
            assertThat(canonical.newInstance(changed))
                    .as("a state differing only in %s", components[i].getName())
                    .isNotEqualTo(state);
        }
    }

    @Test
    void fixesAreEqualExactlyWhenEveryComponentIs() {
        RepState.Fix fix = new RepState.Fix(51.5, -0.1, 1_000L, 1.0, 90.0, 5.0);
        assertThat(fix)
                .isEqualTo(new RepState.Fix(51.5, -0.1, 1_000L, 1.0, 90.0, 5.0))
                .hasSameHashCodeAs(new RepState.Fix(51.5, -0.1, 1_000L, 1.0, 90.0, 5.0));
        assertThat(List.of(
                        new RepState.Fix(51.6, -0.1, 1_000L, 1.0, 90.0, 5.0),
                        new RepState.Fix(51.5, -0.2, 1_000L, 1.0, 90.0, 5.0),
                        new RepState.Fix(51.5, -0.1, 1_001L, 1.0, 90.0, 5.0),
                        new RepState.Fix(51.5, -0.1, 1_000L, null, 90.0, 5.0),
                        new RepState.Fix(51.5, -0.1, 1_000L, 1.0, 91.0, 5.0),
                        new RepState.Fix(51.5, -0.1, 1_000L, 1.0, 90.0, null)))
                .allSatisfy(other -> assertThat(other).isNotEqualTo(fix));
    }
}
