package io.waymark.metrics.internal;

import io.waymark.identity.RepId;
import io.waymark.identity.TeamId;
import java.time.LocalDate;
import java.util.Objects;

/** One rep's day in their team's time zone: the key of an aggregate row. */
public record RepDayKey(RepId rep, LocalDate day, TeamId team) {

    public RepDayKey {
        Objects.requireNonNull(rep, "rep");
        Objects.requireNonNull(day, "day");
        Objects.requireNonNull(team, "team");
    }
}
