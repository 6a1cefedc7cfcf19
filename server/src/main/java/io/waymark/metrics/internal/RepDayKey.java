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

    /** Written out: the generated one showed in the ingest's profiles (a method handle chain per call). */
    @Override
    public boolean equals(Object other) {
        return other instanceof RepDayKey that
                && rep.equals(that.rep)
                && day.equals(that.day)
                && team.equals(that.team);
    }

    @Override
    public int hashCode() {
        return (rep.hashCode() * 31 + day.hashCode()) * 31 + team.hashCode();
    }
}
