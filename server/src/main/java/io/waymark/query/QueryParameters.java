package io.waymark.query;

import io.waymark.problem.FieldProblem;
import io.waymark.problem.InvalidInputException;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads the query parameters of one request. Each method notes what is wrong with its parameter and answers a
 * stand-in value, so that a controller reads every parameter and then calls {@link #check()} once: a single 400
 * problem lists every bad parameter in {@code errors}.
 */
public final class QueryParameters {

    /** The earliest instant a query takes: the epoch (no device reports a fix before 1970). */
    static final Instant EARLIEST = Instant.EPOCH;

    /** The latest instant a query takes: the end of year 9999, which every database stores. */
    static final Instant LATEST = Instant.parse("9999-12-31T23:59:59.999Z");

    private final List<FieldProblem> problems = new ArrayList<>();

    /**
     * An instant given as epoch milliseconds ({@code 1795338902120}) or as an ISO-8601 date-time with {@code Z} or an
     * offset ({@code 2026-11-21T10:15:02Z}, {@code 2026-11-21T12:15:02+02:00}); null when absent or invalid (noted).
     * A {@code +} that the query decoding turned into a space is read as {@code +}.
     */
    public Instant instant(String field, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        String text = value.strip().replace(' ', '+');
        Instant instant = parse(text);
        if (instant == null) {
            problems.add(new FieldProblem(
                    field, "must be epoch milliseconds or an ISO-8601 instant such as 2026-11-21T10:15:02Z"));
            return null;
        }
        if (instant.isBefore(EARLIEST) || instant.isAfter(LATEST)) {
            problems.add(new FieldProblem(field, "must lie between 1970-01-01 and 9999-12-31"));
            return null;
        }
        return instant;
    }

    /**
     * The window {@code from}..{@code to}, both included. Without {@code to} it ends now; without {@code from} it
     * starts {@code defaultSpan} before its end. A window whose {@code from} is after its {@code to} is noted as a
     * problem of {@code from}; a stand-in window is answered then.
     */
    public TimeWindow window(String fromValue, String toValue, Duration defaultSpan, Instant now) {
        int before = problems.size();
        Instant from = instant("from", fromValue);
        Instant to = instant("to", toValue);
        if (problems.size() > before) {
            return new TimeWindow(now, now);
        }
        Instant end = to != null ? to : now;
        Instant start = from != null ? from : later(end.minus(defaultSpan), EARLIEST);
        if (start.isAfter(end)) {
            problems.add(new FieldProblem(
                    "from",
                    to != null
                            ? "must not be after to"
                            : "must not be in the future when to is absent (to defaults to now)"));
            return new TimeWindow(now, now);
        }
        return new TimeWindow(start, end);
    }

    /** A limit of rows: {@code defaultLimit} when absent, otherwise an integer from 1 to {@code max}. */
    public int limit(String field, String value, int defaultLimit, int max) {
        return integer(field, value, defaultLimit, 1, max);
    }

    /** An integer from {@code min} to {@code max}; {@code defaultValue} when absent or invalid (noted). */
    public int integer(String field, String value, int defaultValue, int min, int max) {
        if (value == null || value.isBlank()) {
            return defaultValue;
        }
        try {
            int number = Integer.parseInt(value.strip());
            if (number >= min && number <= max) {
                return number;
            }
        } catch (NumberFormatException ignored) {
            // noted below
        }
        problems.add(new FieldProblem(field, "must be an integer from " + min + " to " + max));
        return defaultValue;
    }

    /** Notes a problem that the caller found itself. */
    public void reject(String field, String message) {
        problems.add(new FieldProblem(field, message));
    }

    public boolean hasProblems() {
        return !problems.isEmpty();
    }

    /** Throws an {@link InvalidInputException} with every problem noted so far; nothing when there is none. */
    public void check() {
        if (!problems.isEmpty()) {
            throw new InvalidInputException(problems);
        }
    }

    private static Instant parse(String text) {
        if (isInteger(text)) {
            try {
                return Instant.ofEpochMilli(Long.parseLong(text));
            } catch (NumberFormatException | DateTimeException ignored) {
                return null;
            }
        }
        try {
            return OffsetDateTime.parse(text, DateTimeFormatter.ISO_OFFSET_DATE_TIME)
                    .toInstant();
        } catch (DateTimeException ignored) {
            return null;
        }
    }

    private static boolean isInteger(String text) {
        int start = text.startsWith("-") ? 1 : 0;
        return text.length() > start && text.substring(start).chars().allMatch(c -> c >= '0' && c <= '9');
    }

    private static Instant later(Instant one, Instant other) {
        return one.isAfter(other) ? one : other;
    }
}
