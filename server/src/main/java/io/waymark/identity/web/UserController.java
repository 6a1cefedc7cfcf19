package io.waymark.identity.web;

import io.waymark.identity.CurrentUser;
import io.waymark.identity.TeamId;
import io.waymark.identity.internal.Users;
import io.waymark.identity.web.Requests.CreateUserRequest;
import io.waymark.identity.web.Views.UserView;
import jakarta.validation.Valid;
import java.net.URI;
import java.util.List;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** {@code /api/users}: console users, for admins. */
@RestController
@RequestMapping("/api/users")
class UserController {

    private final Users users;

    UserController(Users users) {
        this.users = users;
    }

    @PostMapping
    Mono<ResponseEntity<UserView>> create(
            @AuthenticationPrincipal CurrentUser admin, @Valid @RequestBody CreateUserRequest request) {
        List<TeamId> teams = request.teamIds() == null
                ? List.of()
                : request.teamIds().stream().map(TeamId::new).toList();
        return users.create(admin, request.username(), request.password(), request.role(), teams)
                .map(user -> ResponseEntity.created(URI.create("/api/users/" + user.id()))
                        .body(UserView.of(user)));
    }

    @GetMapping
    Flux<UserView> list(@AuthenticationPrincipal CurrentUser admin) {
        return users.all(admin).map(UserView::of);
    }
}
