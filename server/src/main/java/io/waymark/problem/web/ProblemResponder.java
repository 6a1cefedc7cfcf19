package io.waymark.problem.web;

import io.waymark.problem.FieldProblem;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

/**
 * Writes an RFC 9457 problem document ({@code application/problem+json}, whatever the request accepts) as the
 * answer to an exchange. Every module's HTTP errors go through here, so they all look alike.
 */
@Component
public class ProblemResponder {

    /** The problem type of answers that say no more than their status. */
    public static final String BLANK_TYPE = "about:blank";

    /** The problem type of an input that breaks the rules; the answer lists the fields in {@code errors}. */
    public static final String INVALID_INPUT_TYPE = "urn:waymark:problem:invalid-input";

    private final JsonMapper json;

    ProblemResponder(JsonMapper json) {
        this.json = json;
    }

    /** Answers with a problem that says no more than its status and detail. */
    public Mono<Void> write(ServerWebExchange exchange, HttpStatusCode status, String detail) {
        return write(exchange, status, BLANK_TYPE, detail, List.of());
    }

    /** Answers with a problem; {@code errors} is left out when empty. */
    public Mono<Void> write(
            ServerWebExchange exchange, HttpStatusCode status, String type, String detail, List<FieldProblem> errors) {
        ServerHttpResponse response = exchange.getResponse();
        if (response.isCommitted()) {
            return Mono.empty();
        }
        response.setStatusCode(status);
        response.getHeaders().setContentType(MediaType.APPLICATION_PROBLEM_JSON);
        byte[] body = json.writeValueAsBytes(document(exchange, status, type, detail, errors));
        DataBuffer buffer = response.bufferFactory().wrap(body);
        return response.writeWith(Mono.just(buffer));
    }

    private static Map<String, Object> document(
            ServerWebExchange exchange, HttpStatusCode status, String type, String detail, List<FieldProblem> errors) {
        Map<String, Object> document = new LinkedHashMap<>();
        document.put("type", type);
        HttpStatus known = HttpStatus.resolve(status.value());
        document.put("title", known == null ? "Error " + status.value() : known.getReasonPhrase());
        document.put("status", status.value());
        document.put("detail", detail == null || detail.isBlank() ? document.get("title") : detail);
        document.put("instance", exchange.getRequest().getPath().value());
        if (!errors.isEmpty()) {
            List<Map<String, String>> fields = new ArrayList<>();
            for (FieldProblem error : errors) {
                Map<String, String> field = new LinkedHashMap<>();
                field.put("field", error.field());
                field.put("message", error.message());
                fields.add(field);
            }
            document.put("errors", fields);
        }
        return document;
    }
}
