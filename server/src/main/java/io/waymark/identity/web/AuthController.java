package io.waymark.identity.web;

import io.waymark.identity.CurrentUser;
import io.waymark.identity.internal.Logins;
import io.waymark.identity.web.Requests.LoginRequest;
import io.waymark.identity.web.Views.LoginView;
import io.waymark.identity.web.Views.UserView;
import jakarta.validation.Valid;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

/** Token login: {@code POST /api/auth/token}; also who the token belongs to, and logout. */
@RestController
@RequestMapping("/api/auth")
class AuthController {

    private final Logins logins;

    AuthController(Logins logins) {
        this.logins = logins;
    }

    @PostMapping("/token")
    Mono<LoginView> login(@Valid @RequestBody LoginRequest request) {
        return logins.login(request.username(), request.password()).map(LoginView::of);
    }

    @GetMapping("/me")
    UserView me(@AuthenticationPrincipal CurrentUser user) {
        return UserView.of(user);
    }

    @DeleteMapping("/token")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    Mono<Void> logout(@RequestHeader(HttpHeaders.AUTHORIZATION) String authorization) {
        return logins.logout(WebSecurityConfiguration.bearerToken(authorization));
    }
}
