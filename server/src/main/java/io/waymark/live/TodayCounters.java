package io.waymark.live;

import java.math.BigDecimal;
import java.util.Objects;

/**
 * A rep's work so far today (the team's day): door knocks, those answered (contacts), their outcomes, and the other
 * kinds of contact a rep makes.
 *
 * @param revenue the sum of the amounts of today's sales
 * @param visits visits started ({@code VISIT_START})
 */
public record TodayCounters(
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
        int visits) {

    public static final TodayCounters NONE = new TodayCounters(0, 0, 0, 0, 0, BigDecimal.ZERO, 0, 0, 0, 0, 0);

    public TodayCounters {
        if (doors < 0
                || contacts < 0
                || leads < 0
                || appointments < 0
                || sales < 0
                || calls < 0
                || sms < 0
                || emails < 0
                || meetings < 0
                || visits < 0) {
            throw new IllegalArgumentException("counters cannot be negative");
        }
        Objects.requireNonNull(revenue, "revenue");
    }

    /** Whether an activity of this type changes the counters. */
    public static boolean counts(String type) {
        return switch (type) {
            case "DOOR_KNOCK", "CALL", "SMS", "EMAIL", "MEETING", "VISIT_START" -> true;
            default -> false;
        };
    }

    /** The counters after one more activity of this type (a door knock with its outcome and a sale's amount). */
    public TodayCounters with(String type, String outcome, BigDecimal amount) {
        return switch (type) {
            case "DOOR_KNOCK" -> withKnock(outcome, amount);
            case "CALL" ->
                new TodayCounters(
                        doors, contacts, leads, appointments, sales, revenue, calls + 1, sms, emails, meetings, visits);
            case "SMS" ->
                new TodayCounters(
                        doors, contacts, leads, appointments, sales, revenue, calls, sms + 1, emails, meetings, visits);
            case "EMAIL" ->
                new TodayCounters(
                        doors, contacts, leads, appointments, sales, revenue, calls, sms, emails + 1, meetings, visits);
            case "MEETING" ->
                new TodayCounters(
                        doors, contacts, leads, appointments, sales, revenue, calls, sms, emails, meetings + 1, visits);
            case "VISIT_START" ->
                new TodayCounters(
                        doors, contacts, leads, appointments, sales, revenue, calls, sms, emails, meetings, visits + 1);
            default -> this;
        };
    }

    /** The counters after one more door knock with this outcome. */
    public TodayCounters withKnock(String outcome, BigDecimal amount) {
        boolean answered = outcome != null && !"NO_ANSWER".equals(outcome);
        boolean sale = "SALE".equals(outcome);
        return new TodayCounters(
                doors + 1,
                contacts + (answered ? 1 : 0),
                leads + ("LEAD".equals(outcome) ? 1 : 0),
                appointments + ("APPOINTMENT".equals(outcome) ? 1 : 0),
                sales + (sale ? 1 : 0),
                sale && amount != null ? revenue.add(amount) : revenue,
                calls,
                sms,
                emails,
                meetings,
                visits);
    }
}
