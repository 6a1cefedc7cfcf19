package io.waymark.metrics.internal;

import io.waymark.protocol.Activity;
import java.math.BigDecimal;
import java.util.Objects;

/**
 * Counted work of a rep: the counters that grow with each activity (the live board's rules: a door knock counts as a
 * door, as a contact unless nobody answered, and as a lead, appointment or sale by its outcome; a sale's amount is
 * revenue; calls, SMS, emails, meetings and visit starts count by type) and the distance travelled.
 */
public record Tally(
        int doors,
        int contacts,
        int leads,
        int appointments,
        int sales,
        BigDecimal revenue,
        int calls,
        int sms,
        int emails,
        int meetings,
        int visits,
        double distanceMeters) {

    public static final Tally NONE = new Tally(0, 0, 0, 0, 0, BigDecimal.ZERO, 0, 0, 0, 0, 0, 0);

    public Tally {
        Objects.requireNonNull(revenue, "revenue");
        if (doors < 0
                || contacts < 0
                || leads < 0
                || appointments < 0
                || sales < 0
                || calls < 0
                || sms < 0
                || emails < 0
                || meetings < 0
                || visits < 0
                || distanceMeters < 0) {
            throw new IllegalArgumentException("counters cannot be negative");
        }
    }

    /** What one activity adds; {@link #NONE} for a type that counts nothing. */
    public static Tally of(Activity activity) {
        String type = activity.type();
        if (type == null) {
            return NONE;
        }
        return switch (type) {
            case "DOOR_KNOCK" -> knock(activity.outcome(), activity.amount());
            case "CALL" -> new Tally(0, 0, 0, 0, 0, BigDecimal.ZERO, 1, 0, 0, 0, 0, 0);
            case "SMS" -> new Tally(0, 0, 0, 0, 0, BigDecimal.ZERO, 0, 1, 0, 0, 0, 0);
            case "EMAIL" -> new Tally(0, 0, 0, 0, 0, BigDecimal.ZERO, 0, 0, 1, 0, 0, 0);
            case "MEETING" -> new Tally(0, 0, 0, 0, 0, BigDecimal.ZERO, 0, 0, 0, 1, 0, 0);
            case "VISIT_START" -> new Tally(0, 0, 0, 0, 0, BigDecimal.ZERO, 0, 0, 0, 0, 1, 0);
            default -> NONE;
        };
    }

    private static Tally knock(String outcome, BigDecimal amount) {
        boolean sale = "SALE".equals(outcome);
        return new Tally(
                1,
                outcome != null && !"NO_ANSWER".equals(outcome) ? 1 : 0,
                "LEAD".equals(outcome) ? 1 : 0,
                "APPOINTMENT".equals(outcome) ? 1 : 0,
                sale ? 1 : 0,
                sale && amount != null ? amount : BigDecimal.ZERO,
                0,
                0,
                0,
                0,
                0,
                0);
    }

    /** Distance alone. */
    public static Tally distance(double meters) {
        return new Tally(0, 0, 0, 0, 0, BigDecimal.ZERO, 0, 0, 0, 0, 0, meters);
    }

    /** Whether nothing was counted. */
    public boolean isZero() {
        return doors == 0
                && contacts == 0
                && leads == 0
                && appointments == 0
                && sales == 0
                && revenue.signum() == 0
                && calls == 0
                && sms == 0
                && emails == 0
                && meetings == 0
                && visits == 0
                && distanceMeters == 0;
    }

    public Tally plus(Tally other) {
        return new Tally(
                doors + other.doors,
                contacts + other.contacts,
                leads + other.leads,
                appointments + other.appointments,
                sales + other.sales,
                revenue.add(other.revenue),
                calls + other.calls,
                sms + other.sms,
                emails + other.emails,
                meetings + other.meetings,
                visits + other.visits,
                distanceMeters + other.distanceMeters);
    }
}
