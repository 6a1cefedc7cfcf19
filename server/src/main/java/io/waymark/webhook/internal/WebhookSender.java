package io.waymark.webhook.internal;

import io.netty.channel.ChannelOption;
import io.netty.handler.timeout.ReadTimeoutException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.TimeoutException;
import org.springframework.http.MediaType;
import org.springframework.http.client.reactive.ReactorClientHttpConnector;
import org.springframework.web.reactive.function.client.WebClient;
import reactor.core.publisher.Mono;
import reactor.netty.http.client.HttpClient;
import reactor.netty.resources.ConnectionProvider;

/**
 * Sends webhook requests with a {@link WebClient} on Reactor Netty: its own connection pool, no redirects followed,
 * and each attempt bounded by the timeout from connecting to the end of the answer, whose body is read and dropped.
 */
final class WebhookSender implements AutoCloseable {

    static final String SEQ_HEADER = "X-Waymark-Event-Seq";
    static final String DELIVERY_HEADER = "X-Waymark-Delivery";

    private final ConnectionProvider connections;
    private final WebClient client;
    private final Duration timeout;
    private final PrivateNetworks networks;
    private final Clock clock;

    WebhookSender(Duration timeout, int concurrency, PrivateNetworks networks, Clock clock) {
        this.timeout = timeout;
        this.networks = networks;
        this.clock = clock;
        this.connections = ConnectionProvider.builder("webhooks")
                .maxConnections(concurrency)
                .pendingAcquireMaxCount(concurrency * 4)
                .pendingAcquireTimeout(timeout)
                .maxIdleTime(Duration.ofSeconds(30))
                .build();
        HttpClient http = HttpClient.create(connections)
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) Math.max(1, timeout.toMillis()))
                .responseTimeout(timeout)
                .followRedirect(false);
        this.client = WebClient.builder()
                .clientConnector(new ReactorClientHttpConnector(http))
                .build();
    }

    /**
     * POSTs a signed body, unless the URL's host points into a private network (see {@link PrivateNetworks}); never
     * fails: every failure is an outcome.
     */
    Mono<AttemptOutcome> post(URI url, String payload, String secret, long alertSeq, UUID deliveryId) {
        byte[] body = payload.getBytes(StandardCharsets.UTF_8);
        return networks.check(url)
                .then(Mono.defer(() -> send(url, body, secret, alertSeq, deliveryId)))
                .onErrorResume(error -> Mono.just(AttemptOutcome.unanswered(describe(error))));
    }

    private Mono<AttemptOutcome> send(URI url, byte[] body, String secret, long alertSeq, UUID deliveryId) {
        long now = clock.millis();
        return client.post()
                .uri(url)
                .contentType(MediaType.APPLICATION_JSON)
                .header(WebhookSignature.HEADER, WebhookSignature.of(body, secret))
                .header(WebhookSignature.TIMESTAMP_HEADER, Long.toString(now))
                .header(WebhookSignature.TIMESTAMPED_HEADER, WebhookSignature.timestamped(now, body, secret))
                .header(SEQ_HEADER, Long.toString(alertSeq))
                .header(DELIVERY_HEADER, deliveryId.toString())
                .header("User-Agent", "Waymark-Webhook/1")
                .bodyValue(body)
                .exchangeToMono(response -> response.releaseBody()
                        .thenReturn(
                                AttemptOutcome.answered(response.statusCode().value())))
                .timeout(timeout);
    }

    private String describe(Throwable error) {
        if (error instanceof PrivateNetworks.Refused refused) {
            return refused.getMessage();
        }
        Throwable root = error;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        if (error instanceof TimeoutException || root instanceof ReadTimeoutException) {
            return "no answer within " + timeout.toMillis() + " ms";
        }
        String message = root.getMessage();
        return root.getClass().getSimpleName() + (message == null ? "" : ": " + message);
    }

    @Override
    public void close() {
        connections.disposeLater().subscribe();
    }
}
