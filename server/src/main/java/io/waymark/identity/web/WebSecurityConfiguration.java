package io.waymark.identity.web;

import io.waymark.problem.web.ProblemResponder;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.security.authentication.AuthenticationCredentialsNotFoundException;
import org.springframework.security.config.web.server.SecurityWebFiltersOrder;
import org.springframework.security.config.web.server.ServerHttpSecurity;
import org.springframework.security.web.server.SecurityWebFilterChain;
import org.springframework.security.web.server.ServerAuthenticationEntryPoint;
import org.springframework.security.web.server.authentication.AuthenticationWebFilter;
import org.springframework.security.web.server.authentication.ServerAuthenticationEntryPointFailureHandler;
import org.springframework.security.web.server.authorization.ServerAccessDeniedHandler;
import org.springframework.security.web.server.context.NoOpServerSecurityContextRepository;
import org.springframework.security.web.server.savedrequest.NoOpServerRequestCache;
import org.springframework.security.web.server.util.matcher.AndServerWebExchangeMatcher;
import org.springframework.security.web.server.util.matcher.NegatedServerWebExchangeMatcher;
import org.springframework.security.web.server.util.matcher.OrServerWebExchangeMatcher;
import org.springframework.security.web.server.util.matcher.ServerWebExchangeMatchers;
import reactor.core.publisher.Mono;

/**
 * Web security: stateless bearer tokens on {@code /api/**} (console roles only; a REP gets 403), the web app, the
 * console's settings ({@code GET /api/console/config}), health, metrics and the WebSocket endpoints open (the live
 * WebSocket and RSocket check their own tokens). Every refusal is a problem document.
 */
@Configuration(proxyBeanMethods = false)
class WebSecurityConfiguration {

    static final String LOGIN_PATH = "/api/auth/token";
    /** The console's settings, read by the page before sign-in. */
    static final String CONSOLE_CONFIG_PATH = "/api/console/config";

    private static final String[] OPEN_PATHS = {
        "/",
        "/index.html",
        "/*.html",
        "/*.js",
        "/*.css",
        "/js/**",
        "/css/**",
        "/img/**",
        "/webjars/**",
        "/favicon.ico",
        "/actuator/health",
        "/actuator/health/**",
        "/actuator/prometheus",
        "/actuator/info",
        "/ws/**",
        "/rsocket"
    };

    @Bean
    SecurityWebFilterChain webSecurity(
            ServerHttpSecurity http, BearerTokenAuthenticator authenticator, ProblemResponder problems) {
        ServerAuthenticationEntryPoint unauthorized = (exchange, failure) -> {
            exchange.getResponse().getHeaders().set(HttpHeaders.WWW_AUTHENTICATE, "Bearer");
            String detail = failure instanceof AuthenticationCredentialsNotFoundException
                    ? "This call needs a token: Authorization: Bearer <token> (POST " + LOGIN_PATH + " gives one)"
                    : failure.getMessage();
            return problems.write(exchange, HttpStatus.UNAUTHORIZED, detail);
        };
        ServerAccessDeniedHandler forbidden = (exchange, denied) ->
                problems.write(exchange, HttpStatus.FORBIDDEN, "Your role may not make this call");

        AuthenticationWebFilter bearer = new AuthenticationWebFilter(authenticator);
        bearer.setServerAuthenticationConverter(exchange -> Mono.justOrEmpty(
                        bearerToken(exchange.getRequest().getHeaders().getFirst(HttpHeaders.AUTHORIZATION)))
                .map(BearerToken::new));
        bearer.setRequiresAuthenticationMatcher(new AndServerWebExchangeMatcher(
                ServerWebExchangeMatchers.pathMatchers("/api/**", "/actuator/**"),
                new NegatedServerWebExchangeMatcher(new OrServerWebExchangeMatcher(
                        ServerWebExchangeMatchers.pathMatchers(HttpMethod.POST, LOGIN_PATH),
                        ServerWebExchangeMatchers.pathMatchers(HttpMethod.GET, CONSOLE_CONFIG_PATH)))));
        bearer.setAuthenticationFailureHandler(new ServerAuthenticationEntryPointFailureHandler(unauthorized));
        bearer.setSecurityContextRepository(NoOpServerSecurityContextRepository.getInstance());

        return http.csrf(ServerHttpSecurity.CsrfSpec::disable)
                .httpBasic(ServerHttpSecurity.HttpBasicSpec::disable)
                .formLogin(ServerHttpSecurity.FormLoginSpec::disable)
                .logout(ServerHttpSecurity.LogoutSpec::disable)
                .anonymous(ServerHttpSecurity.AnonymousSpec::disable)
                .requestCache(cache -> cache.requestCache(NoOpServerRequestCache.getInstance()))
                .securityContextRepository(NoOpServerSecurityContextRepository.getInstance())
                .exceptionHandling(handling ->
                        handling.authenticationEntryPoint(unauthorized).accessDeniedHandler(forbidden))
                .addFilterAt(bearer, SecurityWebFiltersOrder.AUTHENTICATION)
                .authorizeExchange(exchanges -> exchanges
                        .pathMatchers(HttpMethod.POST, LOGIN_PATH)
                        .permitAll()
                        .pathMatchers(HttpMethod.GET, CONSOLE_CONFIG_PATH)
                        .permitAll()
                        .pathMatchers("/api/**")
                        .hasAnyRole("ADMIN", "MANAGER", "DISPATCH")
                        .pathMatchers(OPEN_PATHS)
                        .permitAll()
                        .pathMatchers("/actuator/**")
                        .hasRole("ADMIN")
                        .anyExchange()
                        .permitAll())
                .build();
    }

    /** The token of an {@code Authorization: Bearer <token>} header; null when there is no such header. */
    static String bearerToken(String header) {
        if (header == null || header.length() < 7 || !header.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return null;
        }
        return header.substring(7).strip();
    }
}
