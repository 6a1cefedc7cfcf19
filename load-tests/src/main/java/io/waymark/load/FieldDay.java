package io.waymark.load;

import io.waymark.protocol.Activity;
import io.waymark.protocol.Ping;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.SplittableRandom;
import java.util.UUID;

/**
 * One simulated rep's working day, the same for the same seed: clock in between 08:00 and 09:00 in the team's
 * zone, walk a street knocking on doors (a knock every 4 to 9 minutes, a minute or three at each door), a
 * 30-minute lunch break at noon, a few calls, texts and emails, one visit, clock out between 16:30 and 17:30.
 * Pings every {@code pingInterval} while on shift. Ids are derived from the rep and the day, and a ping's
 * {@code seq} is its time in seconds, so sending a day twice sends only duplicates.
 *
 * @param pings in time order
 * @param activities in time order
 */
record FieldDay(List<Ping> pings, List<Activity> activities) {

    /** Outcomes of a knock, with their chances (per thousand). */
    private static final String[] OUTCOMES = {"NO_ANSWER", "NOT_INTERESTED", "CALLBACK", "LEAD", "APPOINTMENT", "SALE"};

    private static final int[] OUTCOME_PER_MILLE = {480, 260, 80, 80, 60, 40};
    private static final double WALK_MPS = 1.3;
    private static final double METERS_PER_DEGREE_LAT = 111_320;

    FieldDay {
        pings = List.copyOf(pings);
        activities = List.copyOf(activities);
    }

    /** How many door knocks of the day had this outcome. */
    long knocks(String outcome) {
        return activities.stream()
                .filter(activity -> "DOOR_KNOCK".equals(activity.type()) && outcome.equals(activity.outcome()))
                .count();
    }

    /** How many activities of a type the day holds. */
    long count(String type) {
        return activities.stream()
                .filter(activity -> type.equals(activity.type()))
                .count();
    }

    /**
     * The day of a rep who starts from ({@code startLat}, {@code startLon}) on {@code day} in {@code zone}.
     *
     * @param rep the rep's id, part of every activity id
     */
    static FieldDay of(
            String rep,
            long seed,
            LocalDate day,
            ZoneId zone,
            double startLat,
            double startLon,
            Duration pingInterval) {
        Objects.requireNonNull(rep, "rep");
        Objects.requireNonNull(day, "day");
        Objects.requireNonNull(zone, "zone");
        if (pingInterval.compareTo(Duration.ofSeconds(1)) < 0) {
            throw new IllegalArgumentException("pingInterval must be at least 1 s, not " + pingInterval);
        }
        SplittableRandom random = new SplittableRandom(seed ^ day.toEpochDay() * 0x9E3779B97F4A7C15L);
        Instant clockIn =
                day.atTime(LocalTime.of(8, 0)).atZone(zone).toInstant().plusSeconds(random.nextInt(3_600));
        Instant clockOut =
                day.atTime(LocalTime.of(16, 30)).atZone(zone).toInstant().plusSeconds(random.nextInt(3_600));
        Instant lunch = day.atTime(LocalTime.NOON).atZone(zone).toInstant();
        Instant lunchEnd = lunch.plus(Duration.ofMinutes(30));

        Builder built = new Builder(rep, day);
        built.activity(Activity.builder(built.id("clock-in"), "CLOCK_IN", clockIn.toEpochMilli())
                .at(startLat, startLon)
                .build());
        // The walk: along a street heading east-north-east, stopping at doors.
        double lat = startLat;
        double lon = startLon;
        double heading = Math.toRadians(60 + random.nextInt(30));
        Instant now = clockIn;
        Instant standUntil = clockIn;
        Instant nextKnock = clockIn.plusSeconds(240 + random.nextInt(300));
        int door = 0;
        boolean onBreak = false;
        long stepSeconds = pingInterval.toSeconds();
        while (now.isBefore(clockOut)) {
            if (!onBreak && !now.isBefore(lunch) && now.isBefore(lunchEnd)) {
                built.activity(Activity.of(built.id("break-start"), "BREAK_START", now.toEpochMilli()));
                onBreak = true;
            }
            if (onBreak && !now.isBefore(lunchEnd)) {
                built.activity(Activity.of(built.id("break-end"), "BREAK_END", now.toEpochMilli()));
                onBreak = false;
            }
            if (!onBreak && !now.isBefore(nextKnock)) {
                door++;
                String outcome = outcome(random);
                Activity.Builder knock = Activity.builder(built.id("knock-" + door), "DOOR_KNOCK", now.toEpochMilli())
                        .at(lat, lon)
                        .outcome(outcome)
                        .address(door + " Simulated St (" + rep.substring(0, 8) + ")");
                if (outcome.equals("CALLBACK") || outcome.equals("LEAD") || outcome.equals("APPOINTMENT")) {
                    knock.followUpAt(now.plus(Duration.ofDays(1)).toEpochMilli());
                }
                if (outcome.equals("SALE")) {
                    knock.amount(BigDecimal.valueOf(200 + random.nextInt(1_800)));
                }
                built.activity(knock.build());
                standUntil = now.plusSeconds(60 + random.nextInt(120));
                nextKnock = standUntil.plusSeconds(240 + random.nextInt(300));
            }
            boolean walking = !onBreak && !now.isBefore(standUntil);
            if (walking) {
                double meters = WALK_MPS * stepSeconds;
                lat += meters * Math.cos(heading) / METERS_PER_DEGREE_LAT;
                lon += meters * Math.sin(heading) / (METERS_PER_DEGREE_LAT * Math.cos(Math.toRadians(lat)));
            }
            now = now.plusSeconds(stepSeconds);
            if (now.isBefore(clockOut)) {
                double jitter = 0.00002 * (random.nextDouble() - 0.5);
                built.ping(now, lat + jitter, lon + jitter, 5 + random.nextInt(10), walking ? WALK_MPS : 0.0);
            }
        }
        if (onBreak) {
            built.activity(Activity.of(built.id("break-end"), "BREAK_END", clockOut.toEpochMilli() - 1));
        }
        int calls = 2 + random.nextInt(4);
        for (int i = 0; i < calls; i++) {
            built.activity(Activity.builder(built.id("call-" + i), "CALL", within(random, clockIn, clockOut))
                    .direction(random.nextBoolean() ? "OUT" : "IN")
                    .durationSec(30 + random.nextInt(600))
                    .build());
        }
        int texts = 1 + random.nextInt(3);
        for (int i = 0; i < texts; i++) {
            built.activity(Activity.builder(built.id("sms-" + i), "SMS", within(random, clockIn, clockOut))
                    .direction("OUT")
                    .build());
        }
        int emails = random.nextInt(3);
        for (int i = 0; i < emails; i++) {
            built.activity(Activity.builder(built.id("email-" + i), "EMAIL", within(random, clockIn, clockOut))
                    .direction("OUT")
                    .build());
        }
        Instant visit = Instant.ofEpochMilli(within(random, clockIn, lunch));
        built.activity(Activity.builder(built.id("visit-start"), "VISIT_START", visit.toEpochMilli())
                .at(startLat, startLon)
                .build());
        built.activity(Activity.builder(
                        built.id("visit-end"),
                        "VISIT_END",
                        visit.plusSeconds(600 + random.nextInt(1_200)).toEpochMilli())
                .at(startLat, startLon)
                .build());
        built.activity(Activity.builder(built.id("clock-out"), "CLOCK_OUT", clockOut.toEpochMilli())
                .at(lat, lon)
                .build());
        return built.build();
    }

    private static String outcome(SplittableRandom random) {
        int roll = random.nextInt(1_000);
        for (int i = 0; i < OUTCOMES.length; i++) {
            roll -= OUTCOME_PER_MILLE[i];
            if (roll < 0) {
                return OUTCOMES[i];
            }
        }
        return OUTCOMES[0];
    }

    private static long within(SplittableRandom random, Instant from, Instant to) {
        return from.toEpochMilli()
                + random.nextLong(Math.max(1, Duration.between(from, to).toMillis()));
    }

    /** Gathers a day's pings and activities; ids from the rep, the day and a name. */
    private static final class Builder {

        private final String rep;
        private final LocalDate day;
        private final List<Ping> pings = new ArrayList<>();
        private final List<Activity> activities = new ArrayList<>();

        Builder(String rep, LocalDate day) {
            this.rep = rep;
            this.day = day;
        }

        String id(String name) {
            return UUID.nameUUIDFromBytes((rep + "/" + day + "/" + name).getBytes(StandardCharsets.UTF_8))
                    .toString();
        }

        void ping(Instant at, double lat, double lon, double accuracyMeters, double speedMps) {
            pings.add(new Ping(
                    at.getEpochSecond(),
                    at.toEpochMilli(),
                    lat,
                    lon,
                    accuracyMeters,
                    speedMps,
                    null,
                    null,
                    null,
                    null));
        }

        void activity(Activity activity) {
            activities.add(activity);
        }

        FieldDay build() {
            activities.sort(java.util.Comparator.comparingLong(Activity::ts));
            return new FieldDay(pings, activities);
        }
    }
}
