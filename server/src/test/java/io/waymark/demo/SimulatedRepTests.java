package io.waymark.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.waymark.device.Fix;
import io.waymark.protocol.Activity;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The walking and knocking simulation, with a fixed seed and a clock that the test steps. */
class SimulatedRepTests {

    private static final Instant START = Instant.parse("2026-05-04T14:00:00Z");
    private static final Duration PING = Duration.ofSeconds(3);

    private final DemoProperties properties = DemoProperties.defaults();
    private final StreetGrid grid = properties.grid();
    private final GridArea north = new GridArea(0, grid.columns(), grid.rows() / 2, grid.rows());
    private final RepBehaviour behaviour = RepBehaviour.doorToDoor(6);

    @Test
    void theFirstStepClocksInAndAFixFollowsWithinAPingInterval() {
        MutableClock clock = new MutableClock(START);
        SimulatedRep rep = rep(1);

        List<RepEvent> first = rep.advance(clock.instant());
        assertThat(first).first().isInstanceOfSatisfying(RepEvent.ActivityDone.class, done -> {
            assertThat(done.activity().type()).isEqualTo("CLOCK_IN");
            assertThat(done.activity().ts()).isEqualTo(START.toEpochMilli());
        });

        List<RepEvent> later = new ArrayList<>(first);
        for (int second = 1; second <= 3; second++) {
            later.addAll(rep.advance(clock.tick(Duration.ofSeconds(1))));
        }
        assertThat(fixes(later)).as("a fix within the first ping interval").isNotEmpty();
        assertThat(activities(later)).extracting(Activity::type).containsExactly("CLOCK_IN");
    }

    @Test
    void repsStayOnTheStreetsOfTheirAreaAndWalkAtWalkingSpeed() {
        MutableClock clock = new MutableClock(START);
        for (int seed = 0; seed < 6; seed++) {
            SimulatedRep rep = rep(seed);
            double lastX = rep.x();
            double lastY = rep.y();
            Instant lastFixAt = null;
            Fix lastFix = null;
            for (int second = 0; second < 4 * 3600; second++) {
                List<RepEvent> events = rep.advance(clock.tick(Duration.ofSeconds(1)));
                assertThat(grid.onStreet(rep.x(), rep.y(), 1e-6))
                        .as("(%s, %s) on a street", rep.x(), rep.y())
                        .isTrue();
                assertThat(north.contains(grid, rep.x(), rep.y(), 1e-6)).isTrue();
                double moved = Math.hypot(rep.x() - lastX, rep.y() - lastY);
                assertThat(moved).as("metres in one second").isLessThanOrEqualTo(1.3 * 1.1 + 1e-9);
                lastX = rep.x();
                lastY = rep.y();
                for (Fix fix : fixes(events)) {
                    double errorMetres = Math.hypot(grid.x(fix.lon()) - rep.x(), grid.y(fix.lat()) - rep.y());
                    assertThat(fix.accuracyMeters()).isBetween(4.0, 15.0);
                    assertThat(errorMetres)
                            .as("GPS error within accuracy")
                            .isLessThanOrEqualTo(fix.accuracyMeters() + 0.01);
                    assertThat(north.contains(
                                    grid, grid.x(fix.lon()), grid.y(fix.lat()), DemoSeeding.TERRITORY_MARGIN_METERS))
                            .as("a fix inside the team's territory")
                            .isTrue();
                    assertThat(fix.speedMetersPerSecond()).isBetween(0.0, 1.6);
                    assertThat(fix.batteryFraction()).isBetween(0.05, 1.0);
                    if (lastFixAt != null) {
                        assertThat(Duration.between(lastFixAt, fix.takenAt())).isEqualTo(PING);
                    }
                    lastFixAt = fix.takenAt();
                    lastFix = fix;
                }
            }
            assertThat(lastFix).isNotNull();
        }
    }

    @Test
    void aWalkingRepCoversAboutAKilometreAndAHalfAnHourBetweenDoors() {
        MutableClock clock = new MutableClock(START);
        SimulatedRep rep = rep(7);
        double walked = 0;
        int walkingSeconds = 0;
        for (int second = 0; second < 3600; second++) {
            double x = rep.x();
            double y = rep.y();
            boolean walking = rep.phase() == SimulatedRep.Phase.WALKING;
            rep.advance(clock.tick(Duration.ofSeconds(1)));
            if (walking && rep.phase() == SimulatedRep.Phase.WALKING) {
                walked += Math.hypot(rep.x() - x, rep.y() - y);
                walkingSeconds++;
            }
        }
        double speed = walked / walkingSeconds;
        assertThat(speed).as("metres per second while walking").isCloseTo(1.3, within(0.25));
    }

    @Test
    void doorKnockOutcomesFollowTheMixAndSosIsRare() {
        Map<String, Integer> outcomes = new HashMap<>();
        Map<String, Integer> types = new HashMap<>();
        int knocks = 0;
        for (int seed = 0; seed < 12; seed++) {
            MutableClock clock = new MutableClock(START);
            SimulatedRep rep = rep(100 + seed);
            for (int second = 0; second < 8 * 3600; second += 5) {
                for (Activity activity : activities(rep.advance(clock.tick(Duration.ofSeconds(5))))) {
                    types.merge(activity.type(), 1, Integer::sum);
                    if ("DOOR_KNOCK".equals(activity.type())) {
                        knocks++;
                        outcomes.merge(activity.outcome(), 1, Integer::sum);
                        assertThat(activity.address()).matches("\\d+ [A-Z][a-z]+ (St|Ave)");
                        assertThat(activity.lat()).isNotNull();
                        assertKnockDetails(activity);
                    }
                }
            }
        }
        assertThat(knocks).as("knocks in 12 rep-days").isGreaterThan(5_000);
        double total = knocks;
        assertThat(outcomes.get("NO_ANSWER") / total).isCloseTo(0.55, within(0.03));
        assertThat(outcomes.get("NOT_INTERESTED") / total).isCloseTo(0.25, within(0.03));
        assertThat(outcomes.get("CALLBACK") / total).isCloseTo(0.08, within(0.015));
        assertThat(outcomes.get("LEAD") / total).isCloseTo(0.06, within(0.015));
        assertThat(outcomes.get("APPOINTMENT") / total).isCloseTo(0.04, within(0.01));
        assertThat(outcomes.get("SALE") / total).isCloseTo(0.02, within(0.008));
        assertThat(types.get("CLOCK_IN")).isEqualTo(12);
        assertThat(types.getOrDefault("SOS", 0)).as("SOS in 12 rep-days").isLessThanOrEqualTo(8);
        assertThat(types.getOrDefault("SOS", 0) / total).isLessThan(0.002);
        assertThat(types.get("CALL")).isPositive();
        assertThat(types.get("SMS")).isPositive();
        assertThat(types.get("BREAK_START")).isPositive();
        assertThat(types.get("BREAK_END")).isBetween(types.get("BREAK_START") - 12, types.get("BREAK_START"));
    }

    @Test
    void theSameSeedAndInstantsMakeTheSameWalk() {
        MutableClock first = new MutableClock(START);
        MutableClock second = new MutableClock(START);
        SimulatedRep one = rep(42);
        SimulatedRep other = rep(42);
        for (int step = 0; step < 2_000; step++) {
            List<RepEvent> a = one.advance(first.tick(Duration.ofMillis(700)));
            List<RepEvent> b = other.advance(second.tick(Duration.ofMillis(700)));
            assertThat(fixes(a)).isEqualTo(fixes(b));
            assertThat(activities(a).stream().map(Activity::type).toList())
                    .isEqualTo(activities(b).stream().map(Activity::type).toList());
        }
        assertThat(one.x()).isEqualTo(other.x());
        assertThat(one.y()).isEqualTo(other.y());
    }

    @Test
    void aStandingRepIsIdleSeveralRealMinutes() {
        RepBehaviour alwaysIdle = new RepBehaviour(
                1.3,
                15,
                15,
                RepBehaviour.OUTCOMES,
                0,
                0,
                0,
                0,
                1,
                Duration.ofMinutes(4),
                Duration.ofMinutes(9),
                6,
                0.06);
        SimulatedRep rep = new SimulatedRep("Idle Ida", grid, north, alwaysIdle, PING, new SplittableRandom(3));
        MutableClock clock = new MutableClock(START);
        int longestStill = 0;
        int still = 0;
        double x = rep.x();
        double y = rep.y();
        for (int second = 0; second < 3600; second++) {
            rep.advance(clock.tick(Duration.ofSeconds(1)));
            still = rep.x() == x && rep.y() == y ? still + 1 : 0;
            longestStill = Math.max(longestStill, still);
            x = rep.x();
            y = rep.y();
        }
        assertThat(longestStill).isBetween(4 * 60 - 1, 9 * 60 + 120);
    }

    private static void assertKnockDetails(Activity knock) {
        switch (knock.outcome()) {
            case "CALLBACK", "APPOINTMENT" -> assertThat(knock.followUpAt()).isGreaterThan(knock.ts());
            case "SALE" -> assertThat(knock.amount()).isPositive();
            case "LEAD" -> assertThat(knock.leadId()).startsWith("lead-");
            default -> assertThat(knock.outcome()).isIn("NO_ANSWER", "NOT_INTERESTED");
        }
    }

    private SimulatedRep rep(long seed) {
        return new SimulatedRep("Rep " + seed, grid, north, behaviour, PING, new SplittableRandom(seed));
    }

    private static List<Fix> fixes(List<RepEvent> events) {
        return events.stream()
                .filter(RepEvent.FixTaken.class::isInstance)
                .map(event -> ((RepEvent.FixTaken) event).fix())
                .toList();
    }

    private static List<Activity> activities(List<RepEvent> events) {
        return events.stream()
                .filter(RepEvent.ActivityDone.class::isInstance)
                .map(event -> ((RepEvent.ActivityDone) event).activity())
                .toList();
    }

    /** A clock the test moves on. */
    private static final class MutableClock extends Clock {

        private Instant now;

        MutableClock(Instant start) {
            this.now = start;
        }

        Instant tick(Duration step) {
            now = now.plus(step);
            return now;
        }

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public java.time.ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }
    }
}
