package io.waymark.activity.web;

import io.waymark.activity.internal.FollowUpPolicies;
import io.waymark.identity.CurrentUser;
import io.waymark.identity.TeamId;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

/**
 * {@code GET/PUT /api/teams/{teamId}/follow-up-policy}: a team's follow-up rules, its default delay and attempt
 * limit; a value the team does not set is the server's.
 */
@RestController
class FollowUpPolicyController {

    private final FollowUpPolicies policies;

    FollowUpPolicyController(FollowUpPolicies policies) {
        this.policies = policies;
    }

    /** What a PUT sets; a null (or absent) value returns that rule to the server's default. */
    record PolicyRequest(Long followUpDelayMs, Integer attemptLimit) {}

    /**
     * The rules in force, and which of them are the team's own ({@code own}: only the values the team set; the
     * others are the server's).
     */
    record PolicyView(String teamId, long followUpDelayMs, int attemptLimit, PolicyRequest own) {

        static PolicyView of(FollowUpPolicies.Policy policy) {
            return new PolicyView(
                    policy.teamId().toString(),
                    policy.delay().toMillis(),
                    policy.attemptLimit(),
                    new PolicyRequest(
                            policy.ownDelay() == null ? null : policy.ownDelay().toMillis(), policy.ownAttemptLimit()));
        }
    }

    @GetMapping("/api/teams/{teamId}/follow-up-policy")
    Mono<PolicyView> get(@AuthenticationPrincipal CurrentUser user, @PathVariable String teamId) {
        return policies.of(user, new TeamId(Ids.uuid(teamId, "team"))).map(PolicyView::of);
    }

    @PutMapping("/api/teams/{teamId}/follow-up-policy")
    Mono<PolicyView> put(
            @AuthenticationPrincipal CurrentUser user,
            @PathVariable String teamId,
            @RequestBody PolicyRequest request) {
        return policies.set(
                        user, new TeamId(Ids.uuid(teamId, "team")), request.followUpDelayMs(), request.attemptLimit())
                .map(PolicyView::of);
    }
}
