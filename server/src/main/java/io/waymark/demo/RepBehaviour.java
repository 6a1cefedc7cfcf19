package io.waymark.demo;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * How a simulated rep works. After each door the rep decides what comes next, with these chances: an SOS, a call,
 * a text, a break, an idle spell, or else walking on to the next door.
 *
 * @param walkingSpeed metres per second
 * @param doorGapMin the least distance walked between two doors, metres
 * @param doorGapMax the most distance walked between two doors, metres
 * @param outcomes the chance of each DOOR_KNOCK outcome (summing to 1)
 * @param speedFactor the time at doors, on calls and on breaks is divided by this
 * @param batteryDrainPerHour the battery fraction used per hour
 */
record RepBehaviour(
        double walkingSpeed,
        double doorGapMin,
        double doorGapMax,
        Map<String, Double> outcomes,
        double sosChance,
        double callChance,
        double textChance,
        double breakChance,
        double idleChance,
        Duration idleMin,
        Duration idleMax,
        double speedFactor,
        double batteryDrainPerHour) {

    private static final List<String> OUTCOME_ORDER =
            List.of("NO_ANSWER", "NOT_INTERESTED", "CALLBACK", "LEAD", "APPOINTMENT", "SALE");

    /** The outcome mix of a door-to-door day. */
    static final Map<String, Double> OUTCOMES = outcomeMix();

    RepBehaviour {
        if (!(walkingSpeed > 0 && walkingSpeed < 3)) {
            throw new IllegalArgumentException("walkingSpeed must be a walk: " + walkingSpeed);
        }
        if (!(doorGapMin > 0 && doorGapMax >= doorGapMin)) {
            throw new IllegalArgumentException("door gaps must be positive, min ≤ max");
        }
        outcomes = Map.copyOf(outcomes);
        double total =
                outcomes.values().stream().mapToDouble(Double::doubleValue).sum();
        if (Math.abs(total - 1) > 1e-9 || outcomes.values().stream().anyMatch(chance -> chance < 0)) {
            throw new IllegalArgumentException("outcome chances must be non-negative and sum to 1: " + outcomes);
        }
        double decisions = sosChance + callChance + textChance + breakChance + idleChance;
        if (sosChance < 0 || callChance < 0 || textChance < 0 || breakChance < 0 || idleChance < 0 || decisions > 1) {
            throw new IllegalArgumentException("decision chances must be non-negative and sum to at most 1");
        }
        Objects.requireNonNull(idleMin, "idleMin");
        Objects.requireNonNull(idleMax, "idleMax");
        if (idleMin.isNegative() || idleMax.compareTo(idleMin) < 0) {
            throw new IllegalArgumentException("idle spells: 0 ≤ min ≤ max");
        }
        if (!(speedFactor >= 1) || !(batteryDrainPerHour >= 0 && batteryDrainPerHour < 1)) {
            throw new IllegalArgumentException("speedFactor ≥ 1, batteryDrainPerHour within 0..1");
        }
    }

    /**
     * A door-to-door rep: 1.3 m/s, a door every 15 to 45 m; per door a 0.03 % chance of an SOS (about one every
     * six hours across twelve reps), 4 % a call, 3 % a text, 0.8 % a break, 1 % an idle spell of 4 to 9 minutes.
     */
    static RepBehaviour doorToDoor(double speedFactor) {
        return new RepBehaviour(
                1.3,
                15,
                45,
                OUTCOMES,
                0.0003,
                0.04,
                0.03,
                0.008,
                0.01,
                Duration.ofMinutes(4),
                Duration.ofMinutes(9),
                speedFactor,
                0.06);
    }

    /** The outcome whose cumulative chance first exceeds {@code draw} (uniform in 0..1). */
    String outcome(double draw) {
        double cumulative = 0;
        String last = null;
        for (String outcome : OUTCOME_ORDER) {
            Double chance = outcomes.get(outcome);
            if (chance == null || chance == 0) {
                continue;
            }
            cumulative += chance;
            last = outcome;
            if (draw < cumulative) {
                return outcome;
            }
        }
        return last;
    }

    /** Real-life seconds at a door with this outcome, before the speed factor: a range [min, max]. */
    static double[] secondsAtDoor(String outcome) {
        return switch (outcome) {
            case "NO_ANSWER" -> new double[] {30, 90};
            case "NOT_INTERESTED" -> new double[] {45, 120};
            case "CALLBACK" -> new double[] {120, 240};
            case "LEAD" -> new double[] {180, 360};
            case "APPOINTMENT" -> new double[] {240, 480};
            case "SALE" -> new double[] {480, 900};
            default -> throw new IllegalArgumentException("unknown outcome " + outcome);
        };
    }

    private static Map<String, Double> outcomeMix() {
        Map<String, Double> mix = new LinkedHashMap<>();
        mix.put("NO_ANSWER", 0.55);
        mix.put("NOT_INTERESTED", 0.25);
        mix.put("CALLBACK", 0.08);
        mix.put("LEAD", 0.06);
        mix.put("APPOINTMENT", 0.04);
        mix.put("SALE", 0.02);
        return mix;
    }
}
