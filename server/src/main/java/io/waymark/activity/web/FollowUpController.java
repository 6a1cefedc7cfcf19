package io.waymark.activity.web;

import io.waymark.activity.internal.FollowUp;
import io.waymark.activity.internal.FollowUps;
import io.waymark.identity.CurrentUser;
import io.waymark.identity.RepId;
import io.waymark.identity.TeamId;
import io.waymark.query.QueryParameters;
import java.time.Clock;
import java.time.Instant;
import java.util.Locale;
import java.util.UUID;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * {@code GET /api/follow-ups?state=due|overdue|open|closed&teamId=&repId=}: the follow-ups the user may see, the
 * soonest due first. {@code due} (the default) is open and not yet past due, {@code overdue} open and past due,
 * {@code open} both, {@code closed} done by a sale or closed; and {@code POST /api/follow-ups/{id}/close}.
 */
@RestController
class FollowUpController {

    private final FollowUps followUps;
    private final Clock clock;

    FollowUpController(FollowUps followUps, Clock clock) {
        this.followUps = followUps;
        this.clock = clock;
    }

    /** A follow-up as the API shows it; times in epoch milliseconds. */
    record FollowUpView(
            String id,
            String teamId,
            String repId,
            String state,
            boolean overdue,
            String outcome,
            String leadId,
            String address,
            String contactName,
            String openedBy,
            long openedAt,
            long dueAt,
            int attempts,
            Long lastAttemptAt,
            String closedReason,
            Long closedAt,
            String closedBy,
            String closeNote) {

        static FollowUpView of(FollowUp followUp, Instant now) {
            return new FollowUpView(
                    followUp.id().toString(),
                    followUp.teamId().toString(),
                    followUp.repId().toString(),
                    followUp.state().name(),
                    followUp.overdueAt(now),
                    followUp.outcome(),
                    followUp.leadId(),
                    followUp.address(),
                    followUp.contactName(),
                    followUp.openedBy(),
                    followUp.openedAt().toEpochMilli(),
                    followUp.dueAt().toEpochMilli(),
                    followUp.attempts(),
                    millis(followUp.lastAttemptAt()),
                    followUp.closedReason(),
                    millis(followUp.closedAt()),
                    followUp.closedBy(),
                    followUp.closeNote());
        }

        private static Long millis(Instant instant) {
            return instant == null ? null : instant.toEpochMilli();
        }
    }

    @GetMapping("/api/follow-ups")
    Flux<FollowUpView> list(
            @AuthenticationPrincipal CurrentUser user,
            @RequestParam(required = false) String state,
            @RequestParam(required = false) String teamId,
            @RequestParam(required = false) String repId) {
        QueryParameters parameters = new QueryParameters();
        FollowUps.Filter filter = FollowUps.Filter.DUE;
        if (state != null && !state.isBlank()) {
            try {
                filter = FollowUps.Filter.valueOf(state.strip().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException unknown) {
                parameters.reject("state", "must be one of due, overdue, open, closed");
            }
        }
        parameters.check();
        UUID team = Ids.optional(teamId, "team");
        UUID rep = Ids.optional(repId, "rep");
        Instant now = clock.instant();
        return followUps
                .find(user, team == null ? null : new TeamId(team), rep == null ? null : new RepId(rep), filter, now)
                .flatMapMany(found -> found.map(followUp -> FollowUpView.of(followUp, now)));
    }

    /** The body of a close: why, optionally. */
    record CloseRequest(String note) {}

    /** {@code POST /api/follow-ups/{id}/close {"note"}}: closes an open follow-up by hand. */
    @PostMapping("/api/follow-ups/{followUpId}/close")
    Mono<FollowUpView> close(
            @AuthenticationPrincipal CurrentUser user,
            @PathVariable String followUpId,
            @RequestBody(required = false) CloseRequest request) {
        Instant now = clock.instant();
        return followUps
                .close(user, Ids.uuid(followUpId, "follow-up"), request == null ? null : request.note(), now)
                .map(followUp -> FollowUpView.of(followUp, now));
    }

    /** The body of a reassign: the rep who takes the follow-up over. */
    record AssignRequest(String repId) {}

    /** {@code POST /api/follow-ups/{id}/assign {"repId"}}: gives an open follow-up to another rep of its team. */
    @PostMapping("/api/follow-ups/{followUpId}/assign")
    Mono<FollowUpView> assign(
            @AuthenticationPrincipal CurrentUser user,
            @PathVariable String followUpId,
            @RequestBody AssignRequest request) {
        Instant now = clock.instant();
        UUID followUp = Ids.uuid(followUpId, "follow-up");
        RepId rep;
        try {
            rep = new RepId(UUID.fromString(String.valueOf(request.repId()).strip()));
        } catch (IllegalArgumentException notAnId) {
            return Mono.error(new io.waymark.problem.InvalidInputException("repId", "must be a rep id"));
        }
        return followUps.reassign(user, followUp, rep).map(moved -> FollowUpView.of(moved, now));
    }
}
