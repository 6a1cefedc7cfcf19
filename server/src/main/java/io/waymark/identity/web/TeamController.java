package io.waymark.identity.web;

import io.waymark.identity.CurrentUser;
import io.waymark.identity.TeamId;
import io.waymark.identity.internal.TeamSettings;
import io.waymark.identity.internal.Teams;
import io.waymark.identity.web.Requests.ChangeTeamRequest;
import io.waymark.identity.web.Requests.CreateTeamRequest;
import io.waymark.identity.web.Views.TeamView;
import jakarta.validation.Valid;
import java.net.URI;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** {@code /api/teams}: create (ADMIN), list and read (what the user sees), change (ADMIN or its MANAGER). */
@RestController
@RequestMapping("/api/teams")
class TeamController {

    private final Teams teams;

    TeamController(Teams teams) {
        this.teams = teams;
    }

    @PostMapping
    Mono<ResponseEntity<TeamView>> create(
            @AuthenticationPrincipal CurrentUser user, @Valid @RequestBody CreateTeamRequest request) {
        TeamSettings settings = new TeamSettings(
                request.name(),
                request.tracking(),
                request.timeZone(),
                request.pingIntervalMs(),
                request.idleAfterMs(),
                request.offlineAfterMs());
        return teams.create(user, settings).map(team -> ResponseEntity.created(URI.create("/api/teams/" + team.id()))
                .body(TeamView.of(team)));
    }

    @GetMapping
    Flux<TeamView> list(@AuthenticationPrincipal CurrentUser user) {
        return teams.visibleTo(user).map(TeamView::of);
    }

    @GetMapping("/{teamId}")
    Mono<TeamView> get(@AuthenticationPrincipal CurrentUser user, @PathVariable String teamId) {
        return teams.find(user, team(teamId)).map(TeamView::of);
    }

    @PatchMapping("/{teamId}")
    Mono<TeamView> change(
            @AuthenticationPrincipal CurrentUser user,
            @PathVariable String teamId,
            @Valid @RequestBody ChangeTeamRequest request) {
        TeamSettings settings = new TeamSettings(
                request.name(),
                request.tracking(),
                request.timeZone(),
                request.pingIntervalMs(),
                request.idleAfterMs(),
                request.offlineAfterMs());
        return teams.change(user, team(teamId), settings).map(TeamView::of);
    }

    private static TeamId team(String id) {
        return new TeamId(PathIds.uuid(id, "team"));
    }
}
