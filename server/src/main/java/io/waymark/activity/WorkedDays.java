package io.waymark.activity;

import io.waymark.identity.RepId;
import java.time.Instant;
import java.time.LocalDate;
import reactor.core.publisher.Mono;

/**
 * A rep's worked time in a day, for other modules (metrics). Reads that one rep's clock events, activities and fixes
 * of the day; it does not check what a user may see.
 */
public interface WorkedDays {

    /** The rep's day in their team's time zone, as of {@code now}; {@link WorkedDay#NONE} for no such rep. */
    Mono<WorkedDay> of(RepId rep, LocalDate day, Instant now);

    /**
     * The rep's work clock folded from their stored events, answering from yesterday (in their team's time zone, as
     * of {@code now}) on; empty for no such rep. It reads two days of the rep's fixes: for a clock that is lost or
     * out of step, not for every event.
     */
    Mono<FoldedClock> clock(RepId rep, Instant now);

    /**
     * The rep's work clock taken up from a saved one ({@link WorkClock#saved}, saved at {@code savedAt}) and fed the
     * rep's events stored since: those from its latest event's time on, and those received since it was saved. It
     * reads only those. The clock is folded from all the stored events instead ({@link #clock(RepId, Instant)}) when
     * the saved one works by other rules (the team's time zone or idle threshold changed since), its latest event is
     * older than yesterday, or an event received since is older than that latest one (it came too late for it).
     */
    Mono<FoldedClock> clock(RepId rep, Instant now, WorkClock.Saved saved, Instant savedAt);
}
