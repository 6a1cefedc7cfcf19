package io.waymark.activity.web;

import io.waymark.activity.internal.Deal;
import io.waymark.activity.internal.Engagements;
import io.waymark.activity.internal.Visit;
import io.waymark.identity.CurrentUser;
import io.waymark.identity.RepId;
import io.waymark.identity.TeamId;
import io.waymark.query.QueryParameters;
import io.waymark.query.TimeWindow;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

/**
 * {@code GET /api/visits} (visits with their durations, from {@code VISIT_START}/{@code VISIT_END}) and
 * {@code GET /api/deals} (deals' stage and amount, from {@code DEAL_UPDATE}), filtered by {@code teamId, repId,
 * from, to}.
 */
@RestController
class EngagementController {

    static final Duration VISITS_SPAN = Duration.ofHours(24);
    static final Duration DEALS_SPAN = Duration.ofDays(30);

    private final Engagements engagements;
    private final Clock clock;

    EngagementController(Engagements engagements, Clock clock) {
        this.engagements = engagements;
        this.clock = clock;
    }

    /** A visit; times in epoch milliseconds; {@code end} and {@code durationSec} only when it ended. */
    record VisitView(
            String id,
            String repId,
            String teamId,
            long start,
            Long end,
            Long durationSec,
            String state,
            String leadId,
            String address,
            Double lat,
            Double lon) {

        static VisitView of(Visit visit) {
            return new VisitView(
                    visit.startId(),
                    visit.repId().toString(),
                    visit.teamId().toString(),
                    visit.start().toEpochMilli(),
                    visit.end() == null ? null : visit.end().toEpochMilli(),
                    visit.duration() == null ? null : visit.duration().toSeconds(),
                    visit.state().name(),
                    visit.leadId(),
                    visit.address(),
                    visit.lat(),
                    visit.lon());
        }
    }

    record UpdateView(String activityId, String repId, long ts, String stage, BigDecimal amount) {}

    record DealView(
            String key,
            String teamId,
            String repId,
            String leadId,
            String address,
            String stage,
            BigDecimal amount,
            long openedAt,
            long updatedAt,
            List<UpdateView> updates) {

        static DealView of(Deal deal) {
            return new DealView(
                    deal.key(),
                    deal.teamId().toString(),
                    deal.repId().toString(),
                    deal.leadId(),
                    deal.address(),
                    deal.stage(),
                    deal.amount(),
                    deal.openedAt().toEpochMilli(),
                    deal.updatedAt().toEpochMilli(),
                    deal.updates().stream()
                            .map(update -> new UpdateView(
                                    update.activityId(),
                                    update.repId().toString(),
                                    update.at().toEpochMilli(),
                                    update.stage(),
                                    update.amount()))
                            .toList());
        }
    }

    /** Visits that started in the window (default: the last 24 hours), in start order. */
    @GetMapping("/api/visits")
    Mono<List<VisitView>> visits(
            @AuthenticationPrincipal CurrentUser user,
            @RequestParam(required = false) String teamId,
            @RequestParam(required = false) String repId,
            @RequestParam(required = false) String from,
            @RequestParam(required = false) String to) {
        TimeWindow window = window(from, to, VISITS_SPAN);
        return engagements
                .visits(user, team(teamId), rep(repId), window)
                .map(visits -> visits.stream().map(VisitView::of).toList());
    }

    /** Deals updated in the window (default: the last 30 days), the latest updated first; {@code stage} filters. */
    @GetMapping("/api/deals")
    Mono<List<DealView>> deals(
            @AuthenticationPrincipal CurrentUser user,
            @RequestParam(required = false) String teamId,
            @RequestParam(required = false) String repId,
            @RequestParam(required = false) String from,
            @RequestParam(required = false) String to,
            @RequestParam(required = false) String stage) {
        TimeWindow window = window(from, to, DEALS_SPAN);
        String theStage = stage == null || stage.isBlank() ? null : stage.strip();
        return engagements
                .deals(user, team(teamId), rep(repId), window, theStage)
                .map(deals -> deals.stream().map(DealView::of).toList());
    }

    private TimeWindow window(String from, String to, Duration span) {
        QueryParameters parameters = new QueryParameters();
        Instant now = clock.instant();
        TimeWindow window = parameters.window(from, to, span, now);
        parameters.check();
        return window;
    }

    private static TeamId team(String value) {
        UUID id = Ids.optional(value, "team");
        return id == null ? null : new TeamId(id);
    }

    private static RepId rep(String value) {
        UUID id = Ids.optional(value, "rep");
        return id == null ? null : new RepId(id);
    }
}
