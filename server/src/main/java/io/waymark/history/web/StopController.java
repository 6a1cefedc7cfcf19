package io.waymark.history.web;

import io.waymark.history.internal.Stop;
import io.waymark.history.internal.Stops;
import io.waymark.history.internal.Tracks;
import io.waymark.identity.CurrentUser;
import io.waymark.identity.RepId;
import io.waymark.query.QueryParameters;
import io.waymark.query.TimeWindow;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * {@code GET /api/reps/{repId}/stops?from=&to=&dwellMinutes=&radiusMeters=}: where a rep stayed within
 * {@code radiusMeters} for at least {@code dwellMinutes}, found in the rep's track of a window of at most 7 days.
 */
@RestController
class StopController {

    static final Duration DEFAULT_SPAN = Duration.ofHours(24);
    static final Duration MAX_SPAN = Duration.ofDays(7);
    static final int DEFAULT_DWELL_MINUTES = 5;
    static final int MAX_DWELL_MINUTES = 24 * 60;
    static final int DEFAULT_RADIUS_METERS = 50;
    static final int MIN_RADIUS_METERS = 5;
    static final int MAX_RADIUS_METERS = 5_000;
    static final int PAGE_SIZE = 5_000;

    private final Tracks tracks;
    private final Clock clock;

    StopController(Tracks tracks, Clock clock) {
        this.tracks = tracks;
        this.clock = clock;
    }

    /** A stop as JSON: times in epoch milliseconds, its duration in whole seconds. */
    record StopView(long start, long end, long durationSec, double lat, double lon, int pings) {

        static StopView of(Stop stop) {
            return new StopView(
                    stop.start().toEpochMilli(),
                    stop.end().toEpochMilli(),
                    stop.duration().toSeconds(),
                    stop.lat(),
                    stop.lon(),
                    stop.pings());
        }
    }

    @GetMapping("/api/reps/{repId}/stops")
    Mono<List<StopView>> stops(
            @AuthenticationPrincipal CurrentUser user,
            @PathVariable String repId,
            @RequestParam(required = false) String from,
            @RequestParam(required = false) String to,
            @RequestParam(required = false) String dwellMinutes,
            @RequestParam(required = false) String radiusMeters) {
        RepId rep = RepPath.of(repId);
        QueryParameters parameters = new QueryParameters();
        TimeWindow window = parameters.window(from, to, DEFAULT_SPAN, clock.instant());
        if (Duration.between(window.from(), window.to()).compareTo(MAX_SPAN) > 0) {
            parameters.reject("from", "must be at most 7 days before to");
        }
        int dwell = parameters.integer("dwellMinutes", dwellMinutes, DEFAULT_DWELL_MINUTES, 1, MAX_DWELL_MINUTES);
        int radius = parameters.integer(
                "radiusMeters", radiusMeters, DEFAULT_RADIUS_METERS, MIN_RADIUS_METERS, MAX_RADIUS_METERS);
        parameters.check();
        // The search is CPU work (a long stop compares each new fix with all of its own): off the database's threads.
        return Stops.find(
                        tracks.points(user, rep, window, PAGE_SIZE).publishOn(Schedulers.parallel()),
                        Duration.ofMinutes(dwell),
                        radius)
                .map(StopView::of)
                .collectList();
    }
}
