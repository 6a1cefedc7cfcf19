package io.waymark.live.web;

import io.waymark.identity.UserTokens;
import io.waymark.problem.web.ProblemResponder;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

/**
 * Checks the live WebSocket's {@code access_token} before the upgrade: a missing, unknown or expired token is
 * refused with 401 and no WebSocket is opened. The user travels to the handler as a handshake attribute.
 */
@Component
class LiveHandshake implements WebFilter {

    static final String PATH = "/ws/live";
    static final String SINCE_ALERT_SEQ = LiveHandshake.class.getName() + ".sinceAlertSeq";

    private final UserTokens tokens;
    private final ProblemResponder problems;

    LiveHandshake(UserTokens tokens, ProblemResponder problems) {
        this.tokens = tokens;
        this.problems = problems;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        if (!PATH.equals(exchange.getRequest().getPath().pathWithinApplication().value())) {
            return chain.filter(exchange);
        }
        String since = exchange.getRequest().getQueryParams().getFirst("sinceAlertSeq");
        if (since != null) {
            try {
                long seq = Long.parseLong(since);
                if (seq < 0) {
                    throw new NumberFormatException("negative");
                }
                exchange.getAttributes().put(SINCE_ALERT_SEQ, seq);
            } catch (NumberFormatException e) {
                return problems.write(
                        exchange, HttpStatus.BAD_REQUEST, "sinceAlertSeq must be a whole number of at least 0");
            }
        }
        String token = exchange.getRequest().getQueryParams().getFirst("access_token");
        if (token == null || token.isBlank()) {
            return problems.write(exchange, HttpStatus.UNAUTHORIZED, "The access_token query parameter is missing");
        }
        return tokens.resolve(token)
                .hasElement()
                .flatMap(known -> known
                        ? chain.filter(exchange)
                        : problems.write(exchange, HttpStatus.UNAUTHORIZED, "The access token is unknown or expired"));
    }
}
