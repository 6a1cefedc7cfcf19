package io.waymark.problem.web;

import io.waymark.problem.ConflictException;
import io.waymark.problem.FieldProblem;
import io.waymark.problem.ForbiddenException;
import io.waymark.problem.InvalidInputException;
import io.waymark.problem.NotFoundException;
import io.waymark.problem.UnavailableException;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.webflux.error.ErrorWebExceptionHandler;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.stereotype.Component;
import org.springframework.validation.FieldError;
import org.springframework.validation.ObjectError;
import org.springframework.web.ErrorResponse;
import org.springframework.web.bind.support.WebExchangeBindException;
import org.springframework.web.server.MethodNotAllowedException;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.ServerWebInputException;
import reactor.core.publisher.Mono;
import tools.jackson.core.JacksonException;

/**
 * The one place where failures become HTTP answers: exceptions from controllers of every module, from web filters
 * and from the framework itself (unknown route, wrong method, unreadable body) all end here, ahead of Boot's
 * default handler, and leave as problem documents.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE)
class ProblemExceptionHandler implements ErrorWebExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(ProblemExceptionHandler.class);

    private final ProblemResponder responder;

    ProblemExceptionHandler(ProblemResponder responder) {
        this.responder = responder;
    }

    @Override
    public Mono<Void> handle(ServerWebExchange exchange, Throwable failure) {
        if (exchange.getResponse().isCommitted()) {
            return Mono.error(failure);
        }
        if (failure instanceof InvalidInputException invalid) {
            return invalid(exchange, invalid.getMessage(), invalid.problems());
        }
        if (failure instanceof NotFoundException) {
            return responder.write(exchange, HttpStatus.NOT_FOUND, failure.getMessage());
        }
        if (failure instanceof ForbiddenException || failure instanceof AccessDeniedException) {
            return responder.write(exchange, HttpStatus.FORBIDDEN, failure.getMessage());
        }
        if (failure instanceof ConflictException) {
            return responder.write(exchange, HttpStatus.CONFLICT, failure.getMessage());
        }
        if (failure instanceof UnavailableException) {
            return responder.write(exchange, HttpStatus.SERVICE_UNAVAILABLE, failure.getMessage());
        }
        if (failure instanceof AuthenticationException) {
            return responder.write(exchange, HttpStatus.UNAUTHORIZED, failure.getMessage());
        }
        if (failure instanceof WebExchangeBindException binding) {
            return invalid(exchange, "The request's fields are invalid", bindingProblems(binding));
        }
        if (failure instanceof ServerWebInputException input) {
            return unreadable(exchange, input);
        }
        if (failure instanceof MethodNotAllowedException notAllowed) {
            exchange.getResponse().getHeaders().setAllow(notAllowed.getSupportedMethods());
            return responder.write(exchange, HttpStatus.METHOD_NOT_ALLOWED, notAllowed.getReason());
        }
        if (failure instanceof ErrorResponse known) {
            String detail = known.getBody().getDetail();
            known.getHeaders()
                    .forEach((name, values) ->
                            exchange.getResponse().getHeaders().addAll(name, values));
            return responder.write(exchange, known.getStatusCode(), detail);
        }
        log.error(
                "request {} {} failed",
                exchange.getRequest().getMethod(),
                exchange.getRequest().getPath(),
                failure);
        return responder.write(exchange, HttpStatus.INTERNAL_SERVER_ERROR, "An unexpected error occurred");
    }

    private Mono<Void> invalid(ServerWebExchange exchange, String detail, List<FieldProblem> problems) {
        return responder.write(exchange, HttpStatus.BAD_REQUEST, ProblemResponder.INVALID_INPUT_TYPE, detail, problems);
    }

    /** A body that is not JSON, or JSON of the wrong shape: names the field when the parser knows it. */
    private Mono<Void> unreadable(ServerWebExchange exchange, ServerWebInputException input) {
        JacksonException parsing = cause(input, JacksonException.class);
        if (parsing != null && !parsing.getPath().isEmpty()) {
            String field = path(parsing.getPath());
            String message = parsing.getOriginalMessage();
            return invalid(
                    exchange,
                    "The request body has a field of the wrong type",
                    List.of(new FieldProblem(field, message == null ? "has the wrong type" : firstLine(message))));
        }
        String detail =
                parsing != null ? "Malformed JSON: " + firstLine(parsing.getOriginalMessage()) : input.getReason();
        return responder.write(exchange, HttpStatus.BAD_REQUEST, detail);
    }

    private static List<FieldProblem> bindingProblems(WebExchangeBindException binding) {
        List<FieldProblem> problems = new ArrayList<>();
        for (FieldError error : binding.getFieldErrors()) {
            problems.add(new FieldProblem(error.getField(), String.valueOf(error.getDefaultMessage())));
        }
        for (ObjectError error : binding.getGlobalErrors()) {
            problems.add(new FieldProblem(error.getObjectName(), String.valueOf(error.getDefaultMessage())));
        }
        if (problems.isEmpty()) {
            problems.add(new FieldProblem("body", "is invalid"));
        }
        return problems;
    }

    private static String path(List<JacksonException.Reference> references) {
        StringBuilder path = new StringBuilder();
        for (JacksonException.Reference reference : references) {
            if (reference.getPropertyName() != null) {
                if (!path.isEmpty()) {
                    path.append('.');
                }
                path.append(reference.getPropertyName());
            } else if (reference.getIndex() >= 0) {
                path.append('[').append(reference.getIndex()).append(']');
            }
        }
        return path.isEmpty() ? "body" : path.toString();
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "unreadable";
        }
        int end = message.indexOf('\n');
        return end < 0 ? message : message.substring(0, end);
    }

    private static <T extends Throwable> T cause(Throwable failure, Class<T> type) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (type.isInstance(cause)) {
                return type.cast(cause);
            }
            if (cause.getCause() == cause) {
                break;
            }
        }
        return null;
    }
}
