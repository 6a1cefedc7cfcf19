package io.waymark.metrics.internal;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Arrays;
import java.util.Optional;
import java.util.function.Function;

/**
 * Every metric, by its name in the API, computed from {@link Totals}. Rates are fractions (0.25 is a quarter), null
 * when their denominator is zero. A cumulative metric grows through a day (pace pro-rates its target); the others
 * (rates, averages) are compared with their target as they stand.
 */
public enum Metric {
    DOORS("doors", true, true, totals -> totals.tally().doors()),
    CONTACTS("contacts", true, true, totals -> totals.tally().contacts()),
    LEADS("leads", true, true, totals -> totals.tally().leads()),
    APPOINTMENTS("appointments", true, true, totals -> totals.tally().appointments()),
    SALES("sales", true, true, totals -> totals.tally().sales()),
    REVENUE("revenue", true, true, totals -> totals.tally().revenue().setScale(2, RoundingMode.HALF_UP)),
    CONTACT_RATE(
            "contactRate",
            true,
            false,
            totals -> ratio(totals.tally().contacts(), totals.tally().doors())),
    APPOINTMENT_RATE(
            "appointmentRate",
            true,
            false,
            totals -> ratio(totals.tally().appointments(), totals.tally().contacts())),
    CLOSE_RATE(
            "closeRate",
            true,
            false,
            totals -> ratio(totals.tally().sales(), totals.tally().contacts())),
    AVERAGE_DEAL_SIZE(
            "averageDealSize",
            true,
            false,
            totals -> totals.tally().sales() == 0
                    ? null
                    : totals.tally()
                            .revenue()
                            .divide(BigDecimal.valueOf(totals.tally().sales()), 2, RoundingMode.HALF_UP)),
    CALLS("calls", true, true, totals -> totals.tally().calls()),
    SMS("sms", true, true, totals -> totals.tally().sms()),
    EMAILS("emails", true, true, totals -> totals.tally().emails()),
    MEETINGS("meetings", true, true, totals -> totals.tally().meetings()),
    VISITS("visits", true, true, totals -> totals.tally().visits()),
    VISIT_MINUTES("visitMinutes", true, true, totals -> totals.visitSeconds() / 60),
    DISTANCE_KM("distanceKm", true, true, totals -> round(totals.tally().distanceMeters() / 1000, 3)),
    SHIFT_MINUTES("shiftMinutes", true, true, totals -> totals.shiftSeconds() / 60),
    BREAK_MINUTES("breakMinutes", false, true, totals -> totals.breakSeconds() / 60),
    ACTIVE_MINUTES("activeMinutes", true, true, totals -> totals.activeSeconds() / 60),
    IDLE_MINUTES("idleMinutes", false, true, totals -> totals.idleSeconds() / 60),
    DOORS_PER_HOUR(
            "doorsPerHour",
            true,
            false,
            totals -> totals.activeSeconds() == 0
                    ? null
                    : round(totals.tally().doors() * 3600.0 / totals.activeSeconds(), 2)),
    FOLLOW_UPS_DUE("followUpsDue", true, true, Totals::followUpsDue),
    FOLLOW_UPS_OVERDUE("followUpsOverdue", false, true, Totals::followUpsOverdue),
    FOLLOW_UPS_DONE("followUpsDone", true, true, Totals::followUpsDone),
    FOLLOW_UP_COMPLIANCE(
            "followUpCompliance",
            true,
            false,
            totals -> ratio(totals.followUpsPastDueDone(), totals.followUpsPastDue())),
    /** The share of the cells of the rep's territories that the rep knocked in the range; null without cells. */
    TERRITORY_COVERAGE(
            "territoryCoverage", true, false, totals -> ratio(totals.territoryWorkedCells(), totals.territoryCells()));

    private final String key;
    private final boolean higherIsBetter;
    private final boolean cumulative;
    private final Function<Totals, Number> value;

    Metric(String key, boolean higherIsBetter, boolean cumulative, Function<Totals, Number> value) {
        this.key = key;
        this.higherIsBetter = higherIsBetter;
        this.cumulative = cumulative;
        this.value = value;
    }

    /** The metric's name in the API (and in CSV headers). */
    public String key() {
        return key;
    }

    public boolean higherIsBetter() {
        return higherIsBetter;
    }

    public boolean cumulative() {
        return cumulative;
    }

    /**
     * Whether the metric is kept per day, so that a trend shows it day by day: not the follow-ups (counted over the
     * range from the follow-ups table) nor territory coverage (a cell is covered or not over the whole range).
     */
    public boolean perDay() {
        return this != TERRITORY_COVERAGE && !key.startsWith("followUp");
    }

    /** The metric's value for these totals; null when it is undefined (a rate of nothing). */
    public Number of(Totals totals) {
        return value.apply(totals);
    }

    public static Optional<Metric> byKey(String key) {
        return Arrays.stream(values()).filter(metric -> metric.key.equals(key)).findFirst();
    }

    private static Double ratio(long part, long whole) {
        return whole == 0 ? null : round((double) part / whole, 4);
    }

    private static double round(double value, int decimals) {
        return BigDecimal.valueOf(value)
                .setScale(decimals, RoundingMode.HALF_UP)
                .doubleValue();
    }
}
