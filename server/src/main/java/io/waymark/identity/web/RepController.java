package io.waymark.identity.web;

import io.waymark.identity.CurrentUser;
import io.waymark.identity.RepId;
import io.waymark.identity.TeamId;
import io.waymark.identity.internal.Devices;
import io.waymark.identity.internal.Reps;
import io.waymark.identity.web.Requests.CreateDeviceRequest;
import io.waymark.identity.web.Requests.CreateRepRequest;
import io.waymark.identity.web.Views.DeviceView;
import io.waymark.identity.web.Views.NewDeviceView;
import io.waymark.identity.web.Views.RepView;
import jakarta.validation.Valid;
import java.net.URI;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** {@code /api/reps}: reps of the user's teams, and their devices. */
@RestController
@RequestMapping("/api/reps")
class RepController {

    private final Reps reps;
    private final Devices devices;

    RepController(Reps reps, Devices devices) {
        this.reps = reps;
        this.devices = devices;
    }

    @PostMapping
    Mono<ResponseEntity<RepView>> create(
            @AuthenticationPrincipal CurrentUser user, @Valid @RequestBody CreateRepRequest request) {
        return reps.create(user, request.name(), new TeamId(request.teamId()), request.email())
                .map(rep -> ResponseEntity.created(URI.create("/api/reps/" + rep.id()))
                        .body(RepView.of(rep)));
    }

    @GetMapping
    Flux<RepView> list(@AuthenticationPrincipal CurrentUser user, @RequestParam(required = false) String teamId) {
        TeamId filter = teamId == null || teamId.isBlank() ? null : new TeamId(PathIds.uuid(teamId, "team"));
        return reps.visibleTo(user, filter).map(RepView::of);
    }

    @GetMapping("/{repId}")
    Mono<RepView> get(@AuthenticationPrincipal CurrentUser user, @PathVariable String repId) {
        return reps.find(user, rep(repId)).map(RepView::of);
    }

    @PostMapping("/{repId}/devices")
    Mono<ResponseEntity<NewDeviceView>> registerDevice(
            @AuthenticationPrincipal CurrentUser user,
            @PathVariable String repId,
            @Valid @RequestBody(required = false) CreateDeviceRequest request) {
        String label = request == null ? null : request.label();
        return devices.register(user, rep(repId), label).map(device -> ResponseEntity.created(
                        URI.create("/api/devices/" + device.device().id()))
                .body(NewDeviceView.of(device)));
    }

    @GetMapping("/{repId}/devices")
    Flux<DeviceView> devices(@AuthenticationPrincipal CurrentUser user, @PathVariable String repId) {
        return devices.of(user, rep(repId)).map(DeviceView::of);
    }

    private static RepId rep(String id) {
        return new RepId(PathIds.uuid(id, "rep"));
    }
}
