package io.waymark.metrics.web;

import static io.waymark.metrics.web.MetricsRequests.days;
import static io.waymark.metrics.web.MetricsRequests.range;
import static io.waymark.metrics.web.MetricsRequests.team;

import io.waymark.identity.CurrentUser;
import io.waymark.identity.TeamId;
import io.waymark.metrics.MetricsProperties;
import io.waymark.metrics.internal.MetricsUpkeep;
import io.waymark.metrics.internal.Reports;
import io.waymark.metrics.web.MetricsRequests.Range;
import io.waymark.problem.ForbiddenException;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

/** {@code POST /api/metrics/rebuild}: works a team's rep-days out again from the raw stored events. */
@RestController
class RebuildController {

    private final Reports reports;
    private final MetricsUpkeep upkeep;
    private final MetricsProperties properties;
    private final Clock clock;

    RebuildController(Reports reports, MetricsUpkeep upkeep, MetricsProperties properties, Clock clock) {
        this.reports = reports;
        this.upkeep = upkeep;
        this.properties = properties;
        this.clock = clock;
    }

    @PostMapping("/api/metrics/rebuild")
    Mono<Map<String, Object>> rebuild(
            @AuthenticationPrincipal CurrentUser user,
            @RequestParam(required = false) String teamId,
            @RequestParam(required = false) String from,
            @RequestParam(required = false) String to) {
        TeamId team = team(teamId);
        MetricsRequests.Bound[] days = days(from, to);
        Instant now = clock.instant();
        return reports.team(user, team).flatMap(found -> {
            if (!user.canManage(team)) {
                return Mono.error(new ForbiddenException("Only an ADMIN or a MANAGER of the team rebuilds metrics"));
            }
            Range range = range(days, found, now, properties.maxRangeDays());
            return upkeep.rebuild(team, range.from(), range.to()).map(written -> {
                Map<String, Object> answer = new LinkedHashMap<>();
                answer.put("teamId", team.value().toString());
                answer.put("from", range.from().toString());
                answer.put("to", range.to().toString());
                answer.put("repDays", written);
                return answer;
            });
        });
    }
}
