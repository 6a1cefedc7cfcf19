package io.waymark.identity.web;

import io.waymark.support.IntegrationTest;
import io.waymark.support.WaymarkApi;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

@IntegrationTest
class ProblemDocumentIntegrationTests {

    @LocalServerPort
    int port;

    WaymarkApi api;
    WebTestClient http;

    @BeforeEach
    void setUp() {
        api = new WaymarkApi(port);
        http = api.client();
    }

    @Test
    void answersMalformedJsonWith400Problem() {
        http.post()
                .uri("/api/teams")
                .headers(headers -> headers.setBearerAuth(api.adminToken()))
                .contentType(MediaType.APPLICATION_JSON)
                .accept(MediaType.TEXT_PLAIN)
                .bodyValue("{\"name\": ")
                .exchange()
                .expectStatus()
                .isBadRequest()
                .expectHeader()
                .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody()
                .jsonPath("$.type")
                .isNotEmpty()
                .jsonPath("$.title")
                .isEqualTo("Bad Request")
                .jsonPath("$.status")
                .isEqualTo(400)
                .jsonPath("$.detail")
                .isNotEmpty();
    }

    @Test
    void answersWrongTypeWith400ProblemNamingTheField() {
        http.post()
                .uri("/api/teams")
                .headers(headers -> headers.setBearerAuth(api.adminToken()))
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue("{\"name\": \"x\", \"pingIntervalMs\": \"soon\"}")
                .exchange()
                .expectStatus()
                .isBadRequest()
                .expectHeader()
                .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody()
                .jsonPath("$.errors[0].field")
                .isEqualTo("pingIntervalMs");
    }

    @Test
    void answersUnknownApiRouteWith404Problem() {
        http.get()
                .uri("/api/no-such-thing")
                .headers(headers -> headers.setBearerAuth(api.adminToken()))
                .accept(MediaType.TEXT_HTML)
                .exchange()
                .expectStatus()
                .isNotFound()
                .expectHeader()
                .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody()
                .jsonPath("$.status")
                .isEqualTo(404)
                .jsonPath("$.title")
                .isEqualTo("Not Found");
    }

    @Test
    void answersUnknownRouteOutsideApiWith404Problem() {
        http.get()
                .uri("/no/such/page")
                .exchange()
                .expectStatus()
                .isNotFound()
                .expectHeader()
                .contentType(MediaType.APPLICATION_PROBLEM_JSON);
    }

    @Test
    void answersWrongMethodWith405Problem() {
        http.put()
                .uri("/api/teams")
                .headers(headers -> headers.setBearerAuth(api.adminToken()))
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue("{}")
                .exchange()
                .expectStatus()
                .isEqualTo(405)
                .expectHeader()
                .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody()
                .jsonPath("$.status")
                .isEqualTo(405);
    }

    @Test
    void answersUnsupportedMediaTypeWithProblem() {
        http.post()
                .uri("/api/teams")
                .headers(headers -> headers.setBearerAuth(api.adminToken()))
                .contentType(MediaType.TEXT_PLAIN)
                .bodyValue("name=x")
                .exchange()
                .expectStatus()
                .isEqualTo(415)
                .expectHeader()
                .contentType(MediaType.APPLICATION_PROBLEM_JSON);
    }
}
