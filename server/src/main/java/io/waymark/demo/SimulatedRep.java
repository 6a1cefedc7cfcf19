package io.waymark.demo;

import io.waymark.device.Fix;
import io.waymark.protocol.Activity;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import java.util.random.RandomGenerator;

/**
 * One simulated rep, stepped by the caller's clock: clocks in, walks the streets of its area at walking speed,
 * knocks doors, now and then calls or texts, takes a break, stands idle or (rarely) raises an SOS, and takes a GPS
 * fix every ping interval. Deterministic for a given random generator and sequence of instants; not thread-safe
 * (one caller steps it).
 */
final class SimulatedRep {

    /** What the rep is doing. */
    enum Phase {
        WALKING,
        AT_DOOR,
        ON_CALL,
        ON_BREAK,
        IDLE,
        AFTER_SOS
    }

    private static final List<String> CONTACTS = List.of(
            "J. Doe",
            "M. Schultz",
            "R. Okafor",
            "T. Lindqvist",
            "A. Romano",
            "K. Yamada",
            "P. Novak",
            "D. O'Brien",
            "S. Haddad",
            "L. Moreau",
            "C. Silva",
            "E. Kowalski",
            "B. Andersen",
            "F. Mensah",
            "G. Ortiz",
            "H. Cohen");
    private static final double MIN_ACCURACY = 4;
    private static final double MAX_ACCURACY = 15;

    private final String name;
    private final StreetGrid grid;
    private final GridArea area;
    private final RepBehaviour behaviour;
    private final Duration pingInterval;
    private final RandomGenerator random;
    /** This rep's own walking pace. */
    private final double speed;

    private int fromColumn;
    private int fromRow;
    private int toColumn;
    private int toRow;
    /** Metres walked from the {@code from} intersection towards the {@code to} one. */
    private double progress;

    private Phase phase = Phase.WALKING;
    private Instant phaseEnds;
    private double toNextDoor;
    /** The knock being made, recorded when the conversation at the door ends. */
    private Activity pendingKnock;

    private Instant lastStep;
    private Instant nextFixAt;
    private double battery;

    SimulatedRep(
            String name,
            StreetGrid grid,
            GridArea area,
            RepBehaviour behaviour,
            Duration pingInterval,
            RandomGenerator random) {
        this.name = Objects.requireNonNull(name, "name");
        this.grid = Objects.requireNonNull(grid, "grid");
        this.area = Objects.requireNonNull(area, "area");
        this.behaviour = Objects.requireNonNull(behaviour, "behaviour");
        this.pingInterval = Objects.requireNonNull(pingInterval, "pingInterval");
        this.random = Objects.requireNonNull(random, "random");
        if (area.east() > grid.columns() || area.north() > grid.rows()) {
            throw new IllegalArgumentException("the area must lie within the grid");
        }
        if (pingInterval.isNegative() || pingInterval.isZero()) {
            throw new IllegalArgumentException("pingInterval must be positive");
        }
        this.speed = behaviour.walkingSpeed() * between(0.9, 1.1);
        this.battery = between(0.55, 1.0);
        this.fromColumn = area.west() + random.nextInt(area.east() - area.west() + 1);
        this.fromRow = area.south() + random.nextInt(area.north() - area.south() + 1);
        this.toColumn = fromColumn;
        this.toRow = fromRow;
        chooseNextStreet();
        this.progress = between(0, grid.blockMeters());
        this.toNextDoor = between(behaviour.doorGapMin(), behaviour.doorGapMax());
    }

    String name() {
        return name;
    }

    Phase phase() {
        return phase;
    }

    /** Where the rep really is, metres east of the grid's south-west corner. */
    double x() {
        return (fromColumn + (toColumn - fromColumn) * progress / grid.blockMeters()) * grid.blockMeters();
    }

    /** Where the rep really is, metres north of the grid's south-west corner. */
    double y() {
        return (fromRow + (toRow - fromRow) * progress / grid.blockMeters()) * grid.blockMeters();
    }

    double battery() {
        return battery;
    }

    /**
     * Lets time pass up to {@code now} and answers what the phone recorded meanwhile, in order: at the first step
     * a CLOCK_IN; activities at the moments they happened; a fix when one is due. An instant before the last one
     * changes nothing.
     */
    List<RepEvent> advance(Instant now) {
        Objects.requireNonNull(now, "now");
        List<RepEvent> events = new ArrayList<>();
        if (lastStep == null) {
            lastStep = now;
            nextFixAt = now.plusMillis((long) between(0, Math.min(pingInterval.toMillis(), 2_000)));
            events.add(new RepEvent.ActivityDone(activity("CLOCK_IN", now, true)));
        }
        if (now.isBefore(lastStep)) {
            return events;
        }
        double hours = seconds(lastStep, now) / 3600;
        run(now, events);
        battery = Math.max(0.05, battery - behaviour.batteryDrainPerHour() * hours);
        if (!now.isBefore(nextFixAt)) {
            events.add(new RepEvent.FixTaken(fix(now)));
            nextFixAt = nextFixAt.plus(pingInterval);
            if (!nextFixAt.isAfter(now)) {
                nextFixAt = now.plus(pingInterval);
            }
        }
        lastStep = now;
        return events;
    }

    private void run(Instant now, List<RepEvent> events) {
        Instant t = lastStep;
        while (t.isBefore(now)) {
            if (phase == Phase.WALKING) {
                double reach = seconds(t, now) * speed;
                if (reach < toNextDoor) {
                    walk(reach);
                    toNextDoor -= reach;
                    t = now;
                } else {
                    walk(toNextDoor);
                    t = t.plusNanos((long) (toNextDoor / speed * 1e9));
                    toNextDoor = 0;
                    arriveAtDoor(t);
                }
            } else if (phaseEnds.isAfter(now)) {
                t = now;
            } else {
                t = phaseEnds;
                endPhase(t, events);
            }
        }
    }

    private void walk(double metres) {
        double left = metres;
        while (left > 0) {
            double toCorner = grid.blockMeters() - progress;
            if (left < toCorner) {
                progress += left;
                left = 0;
            } else {
                left -= toCorner;
                fromColumn = toColumn;
                fromRow = toRow;
                progress = 0;
                chooseNextStreet();
            }
        }
    }

    /** At an intersection ({@code to} = {@code from}): on along the next street, straight on half the time. */
    private void chooseNextStreet() {
        int cameFromColumn = fromColumn - (toColumn - fromColumn);
        int cameFromRow = fromRow - (toRow - fromRow);
        int straightColumn = fromColumn + (fromColumn - cameFromColumn);
        int straightRow = fromRow + (fromRow - cameFromRow);
        List<int[]> ways = new ArrayList<>(4);
        int[][] neighbours = {
            {fromColumn + 1, fromRow}, {fromColumn - 1, fromRow}, {fromColumn, fromRow + 1}, {fromColumn, fromRow - 1}
        };
        int[] back = null;
        int[] straight = null;
        for (int[] way : neighbours) {
            if (!area.containsNode(way[0], way[1])) {
                continue;
            }
            boolean isBack = way[0] == cameFromColumn
                    && way[1] == cameFromRow
                    && !(cameFromColumn == fromColumn && cameFromRow == fromRow);
            if (isBack) {
                back = way;
                continue;
            }
            if (way[0] == straightColumn && way[1] == straightRow) {
                straight = way;
            }
            ways.add(way);
        }
        int[] next;
        if (ways.isEmpty()) {
            next = back;
        } else if (straight != null && random.nextDouble() < 0.5) {
            next = straight;
        } else {
            next = ways.get(random.nextInt(ways.size()));
        }
        toColumn = next[0];
        toRow = next[1];
    }

    private void arriveAtDoor(Instant t) {
        String outcome = behaviour.outcome(random.nextDouble());
        double[] range = RepBehaviour.secondsAtDoor(outcome);
        Duration dwell = scaled(between(range[0], range[1]));
        pendingKnock = knock(outcome, t.plus(dwell));
        phase = Phase.AT_DOOR;
        phaseEnds = t.plus(dwell);
    }

    private void endPhase(Instant t, List<RepEvent> events) {
        switch (phase) {
            case AT_DOOR -> {
                events.add(new RepEvent.ActivityDone(pendingKnock));
                pendingKnock = null;
                decideNext(t, events);
            }
            case ON_BREAK -> {
                events.add(new RepEvent.ActivityDone(activity("BREAK_END", t, true)));
                battery = Math.min(1, battery + 0.15);
                walkOn();
            }
            case ON_CALL, IDLE, AFTER_SOS -> walkOn();
            default -> throw new IllegalStateException("no end to " + phase);
        }
    }

    private void decideNext(Instant t, List<RepEvent> events) {
        double draw = random.nextDouble();
        if ((draw -= behaviour.sosChance()) < 0) {
            events.add(new RepEvent.ActivityDone(withNotes(activity("SOS", t, true), "Panic button pressed")));
            stay(Phase.AFTER_SOS, t, Duration.ofSeconds((long) between(120, 240)));
        } else if ((draw -= behaviour.callChance()) < 0) {
            int durationSec = (int) between(30, 300);
            events.add(new RepEvent.ActivityDone(Activity.builder(newId(), "CALL", t.toEpochMilli())
                    .at(lat(), lon())
                    .contactName(contact())
                    .durationSec(durationSec)
                    .direction("OUT")
                    .build()));
            stay(Phase.ON_CALL, t, scaled(durationSec));
        } else if ((draw -= behaviour.textChance()) < 0) {
            events.add(new RepEvent.ActivityDone(Activity.builder(newId(), "SMS", t.toEpochMilli())
                    .contactName(contact())
                    .notes("Thanks for your time today!")
                    .direction("OUT")
                    .build()));
            walkOn();
        } else if ((draw -= behaviour.breakChance()) < 0) {
            events.add(new RepEvent.ActivityDone(activity("BREAK_START", t, true)));
            stay(Phase.ON_BREAK, t, scaled(between(15 * 60, 30 * 60)));
        } else if ((draw -= behaviour.idleChance()) < 0) {
            double min = behaviour.idleMin().toMillis();
            double max = behaviour.idleMax().toMillis();
            stay(Phase.IDLE, t, Duration.ofMillis((long) between(min, max)));
        } else {
            walkOn();
        }
    }

    private void stay(Phase next, Instant t, Duration duration) {
        phase = next;
        phaseEnds = t.plus(duration.isZero() ? Duration.ofSeconds(1) : duration);
    }

    private void walkOn() {
        phase = Phase.WALKING;
        phaseEnds = null;
        toNextDoor = between(behaviour.doorGapMin(), behaviour.doorGapMax());
    }

    private Activity knock(String outcome, Instant at) {
        long ts = at.toEpochMilli();
        String address = grid.address(x(), y(), random.nextBoolean());
        String contact = null;
        Long followUpAt = null;
        String notes = null;
        BigDecimal amount = null;
        String leadId = null;
        switch (outcome) {
            case "CALLBACK" -> {
                contact = contact();
                followUpAt = at.plus(Duration.ofHours((long) between(20, 72))).toEpochMilli();
                notes = "Come back after 6pm";
            }
            case "LEAD" -> {
                contact = contact();
                leadId = "lead-" + UUID.randomUUID().toString().substring(0, 8);
                notes = "Interested, wants a quote";
            }
            case "APPOINTMENT" -> {
                contact = contact();
                followUpAt = at.plus(Duration.ofHours((long) between(24, 120))).toEpochMilli();
                notes = "In-home consultation booked";
            }
            case "SALE" -> {
                contact = contact();
                amount = BigDecimal.valueOf(between(149, 2499)).setScale(2, RoundingMode.HALF_UP);
                notes = "Signed on the doorstep";
            }
            default -> {
                // NO_ANSWER, NOT_INTERESTED: the outcome and the address say it all
            }
        }
        return Activity.builder(newId(), "DOOR_KNOCK", ts)
                .at(lat(), lon())
                .outcome(outcome)
                .address(address)
                .contactName(contact)
                .followUpAt(followUpAt)
                .notes(notes)
                .amount(amount)
                .leadId(leadId)
                .build();
    }

    private Fix fix(Instant now) {
        double accuracy = round(between(MIN_ACCURACY, MAX_ACCURACY), 1);
        double errorEast = random.nextGaussian() * accuracy / 2;
        double errorNorth = random.nextGaussian() * accuracy / 2;
        double error = Math.hypot(errorEast, errorNorth);
        if (error > accuracy) {
            errorEast *= accuracy / error;
            errorNorth *= accuracy / error;
        }
        Fix fix = Fix.at(grid.lat(y() + errorNorth), grid.lon(x() + errorEast))
                .withAccuracyMeters(accuracy)
                .withAltitudeMeters(round(181 + random.nextGaussian(), 1))
                .withBatteryFraction(round(battery, 3))
                .withMock(false)
                .withTakenAt(now);
        if (phase == Phase.WALKING) {
            double heading = (headingOfStreet() + random.nextGaussian() * 4 + 360) % 360;
            return fix.withSpeedMetersPerSecond(round(speed * between(0.92, 1.08), 2))
                    .withHeadingDegrees(round(heading, 1));
        }
        return fix.withSpeedMetersPerSecond(round(between(0, 0.15), 2));
    }

    private double headingOfStreet() {
        if (toRow > fromRow) {
            return 0;
        }
        if (toColumn > fromColumn) {
            return 90;
        }
        if (toRow < fromRow) {
            return 180;
        }
        return 270;
    }

    private Activity activity(String type, Instant t, boolean located) {
        return Activity.builder(newId(), type, t.toEpochMilli())
                .at(located ? lat() : null, located ? lon() : null)
                .build();
    }

    private static Activity withNotes(Activity activity, String notes) {
        return activity.toBuilder().notes(notes).build();
    }

    private double lat() {
        return round(grid.lat(y()), 7);
    }

    private double lon() {
        return round(grid.lon(x()), 7);
    }

    private String contact() {
        return CONTACTS.get(random.nextInt(CONTACTS.size()));
    }

    /** A real-life duration shortened by the speed factor, at least a second. */
    private Duration scaled(double realSeconds) {
        return Duration.ofMillis(Math.max(1_000, (long) (realSeconds * 1000 / behaviour.speedFactor())));
    }

    private double between(double min, double max) {
        return min + random.nextDouble() * (max - min);
    }

    /** Activity ids are unique whatever the seed: a restarted demo with the same seed must not make duplicates. */
    private static String newId() {
        return UUID.randomUUID().toString();
    }

    private static double seconds(Instant from, Instant to) {
        return Duration.between(from, to).toNanos() / 1e9;
    }

    private static double round(double value, int decimals) {
        double scale = Math.pow(10, decimals);
        return Math.round(value * scale) / scale;
    }
}
