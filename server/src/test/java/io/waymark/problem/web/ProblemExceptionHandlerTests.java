package io.waymark.problem.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.waymark.problem.InvalidInputException;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;
import org.springframework.mock.web.server.MockServerWebExchange;
import tools.jackson.databind.json.JsonMapper;

class ProblemExceptionHandlerTests {

    private final ProblemExceptionHandler handler = new ProblemExceptionHandler(
            new ProblemResponder(JsonMapper.builder().build()));

    @Test
    void answersUnexpectedFailureWith500ProblemWithoutItsMessage() {
        MockServerWebExchange exchange =
                MockServerWebExchange.from(MockServerHttpRequest.get("/api/x").accept(MediaType.TEXT_HTML));
        handler.handle(exchange, new IllegalStateException("secret internals")).block(Duration.ofSeconds(5));
        assertThat(exchange.getResponse().getStatusCode()).isEqualTo(HttpStatus.INTERNAL_SERVER_ERROR);
        assertThat(exchange.getResponse().getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
        String body = exchange.getResponse().getBodyAsString().block(Duration.ofSeconds(5));
        assertThat(body)
                .contains("\"status\":500", "\"title\":\"Internal Server Error\"", "\"type\":", "\"detail\":")
                .doesNotContain("secret internals");
    }

    @Test
    void answersInvalidInputWithItsFieldErrors() {
        MockServerWebExchange exchange = MockServerWebExchange.from(MockServerHttpRequest.post("/api/x"));
        handler.handle(exchange, new InvalidInputException("name", "must not be blank"))
                .block(Duration.ofSeconds(5));
        assertThat(exchange.getResponse().getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(exchange.getResponse().getBodyAsString().block(Duration.ofSeconds(5)))
                .contains("\"errors\":[{\"field\":\"name\",\"message\":\"must not be blank\"}]");
    }
}
