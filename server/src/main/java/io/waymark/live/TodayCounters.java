package io.waymark.live;

import java.math.BigDecimal;
import java.util.Objects;

/**
 * A rep's work so far today (the team's day): door knocks, those answered (contacts), and their outcomes.
 *
 * @param revenue the sum of the amounts of today's sales
 */
public record TodayCounters(int doors, int contacts, int leads, int appointments, int sales, BigDecimal revenue) {

    public static final TodayCounters NONE = new TodayCounters(0, 0, 0, 0, 0, BigDecimal.ZERO);

    public TodayCounters {
        if (doors < 0 || contacts < 0 || leads < 0 || appointments < 0 || sales < 0) {
            throw new IllegalArgumentException("counters cannot be negative");
        }
        Objects.requireNonNull(revenue, "revenue");
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
                sale && amount != null ? revenue.add(amount) : revenue);
    }
}
