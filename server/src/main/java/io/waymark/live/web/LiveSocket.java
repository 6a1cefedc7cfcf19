package io.waymark.live.web;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.netty.channel.Channel;
import io.netty.channel.ChannelOption;
import io.waymark.identity.CurrentUser;
import io.waymark.identity.TeamId;
import io.waymark.identity.UserTokens;
import io.waymark.live.AlertFeed;
import io.waymark.live.LiveProperties;
import io.waymark.live.LiveRep;
import io.waymark.live.internal.LiveBoard;
import io.waymark.live.internal.LiveFrame;
import io.waymark.live.internal.LiveSnapshots;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.util.unit.DataSize;
import org.springframework.web.reactive.HandlerMapping;
import org.springframework.web.reactive.handler.SimpleUrlHandlerMapping;
import org.springframework.web.reactive.socket.CloseStatus;
import org.springframework.web.reactive.socket.WebSocketHandler;
import org.springframework.web.reactive.socket.WebSocketSession;
import org.springframework.web.reactive.socket.adapter.ReactorNettyWebSocketSession;
import org.springframework.web.util.UriComponentsBuilder;
import reactor.core.Disposable;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The live WebSocket {@code /ws/live}: a snapshot of what the user may see, then the changes, conflated per rep
 * for positions and never for activities. A client that cannot keep up is closed with 1013 rather than slowing the
 * server or other clients; a {@code subscribe} message narrows the stream to some of the user's teams.
 */
@Configuration(proxyBeanMethods = false)
class LiveSocket implements WebSocketHandler {

    private static final Logger log = LoggerFactory.getLogger(LiveSocket.class);
    /** The connections' conflation timers: Reactor's shared parallel workers, read through a monotonic clock. */
    private static final MonotonicTimer TIMER = new MonotonicTimer(Schedulers.parallel());

    static final CloseStatus TOO_SLOW = new CloseStatus(1013, "client too slow; reconnect");

    private final AtomicInteger connections = new AtomicInteger();

    private final LiveBoard board;
    private final LiveSnapshots snapshots;
    private final LiveProperties properties;
    private final JsonMapper json;
    private final UserTokens tokens;
    private final LiveChannels channels;
    private final Counter closedTooSlow;
    private final Counter merged;
    private final ObjectProvider<AlertFeed> alerts;

    LiveSocket(
            LiveBoard board,
            LiveSnapshots snapshots,
            LiveProperties properties,
            JsonMapper json,
            UserTokens tokens,
            LiveChannels channels,
            MeterRegistry meters,
            ObjectProvider<AlertFeed> alerts) {
        this.alerts = alerts;
        this.channels = channels;
        this.tokens = tokens;
        this.closedTooSlow = meters.counter("waymark.live.closed", "reason", "too-slow");
        this.merged = meters.counter("waymark.live.merged");
        meters.gauge("waymark.live.connections", connections);
        this.board = board;
        this.snapshots = snapshots;
        this.properties = properties;
        this.json = json;
    }

    @Bean
    HandlerMapping liveSocketMapping() {
        return new SimpleUrlHandlerMapping(Map.of(LiveHandshake.PATH, this), -1);
    }

    @Override
    public Mono<Void> handle(WebSocketSession session) {
        String token = UriComponentsBuilder.fromUri(session.getHandshakeInfo().getUri())
                .build()
                .getQueryParams()
                .getFirst("access_token");
        return Mono.justOrEmpty(token)
                .flatMap(tokens::resolve)
                .flatMap(user -> serve(session, user))
                .switchIfEmpty(Mono.defer(() -> session.close(CloseStatus.POLICY_VIOLATION)));
    }

    private Mono<Void> serve(WebSocketSession session, CurrentUser user) {
        if (!(session instanceof ReactorNettyWebSocketSession netty)) {
            return Mono.error(new IllegalStateException("the live WebSocket needs Reactor Netty, not " + session));
        }
        Channel channel = channels.get(netty.getChannelId());
        sendBuffer(channel, properties.sendBuffer());
        LiveOutbox outbox =
                new ChannelOutbox(channel, properties.maxQueuedMessages(), properties.writeLinger(), merged);
        LiveConnection connection =
                new LiveConnection(user::canSee, TIMER, properties.conflationWindow(), outbox, () -> {
                    closedTooSlow.increment();
                    log.info("closing a live connection of {} that fell behind", user.username());
                    session.close(TOO_SLOW).subscribe();
                });
        connections.incrementAndGet();
        Disposable feed = board.updates().subscribe(connection::offer);
        Long since = sinceAlertSeq(session);
        Mono<Void> snapshot = alertSnapshot()
                .flatMap(alerts -> snapshots.of(connection::sees).map(reps -> {
                    connection.snapshotTaken(snapshotFrame(reps, alerts, connection), alerts.seq());
                    return alerts.seq();
                }))
                .flatMap(upTo -> replay(connection, since, upTo))
                .doOnNext(connection::alertsReplayed)
                .then();
        Mono<Void> input = session.receive()
                .concatMap(message -> command(connection, user, message.getPayloadAsText()))
                .then()
                .onErrorResume(error -> {
                    log.debug("a live connection of {} ended: {}", user.username(), error.toString());
                    return Mono.empty();
                });
        return snapshot.and(input).doFinally(signal -> {
            feed.dispose();
            connection.close();
            connections.decrementAndGet();
        });
    }

    /**
     * Gives the connection's socket a send buffer of this size (none: the operating system's, which grows to
     * megabytes): what the kernel holds can be neither merged nor passed by an alert, what waits in the outbox can.
     */
    static void sendBuffer(Channel channel, DataSize size) {
        if (size.toBytes() > 0) {
            channel.config().setOption(ChannelOption.SO_SNDBUF, Math.toIntExact(size.toBytes()));
        }
    }

    /** The alerts' snapshot; none while no module keeps alerts. */
    private Mono<AlertFeed.Snapshot> alertSnapshot() {
        AlertFeed feed = alerts.getIfAvailable();
        return feed == null ? Mono.just(new AlertFeed.Snapshot(0, List.of())) : feed.snapshot();
    }

    private LiveFrame snapshotFrame(List<LiveRep> reps, AlertFeed.Snapshot alerts, LiveConnection connection) {
        List<Map<String, Object>> visible = alerts.active().stream()
                .filter(event -> connection.sees(event.teamId()))
                .map(AlertFeed.AlertEvent::alert)
                .toList();
        return frame(new LiveMessages.Snapshot(reps, visible, alerts.seq()));
    }

    /** The alert events after the client's seq up to the snapshot's that the client sees, as frames. */
    private Mono<List<LiveFrame>> replay(LiveConnection connection, Long since, long upTo) {
        AlertFeed feed = alerts.getIfAvailable();
        if (feed == null || since == null || since >= upTo) {
            return Mono.just(List.of());
        }
        return feed.between(since, upTo, Integer.MAX_VALUE)
                .filter(event -> connection.sees(event.teamId()))
                .map(board::alertFrame)
                .collectList();
    }

    /** The {@code sinceAlertSeq} of the handshake (checked there), or null. */
    private static Long sinceAlertSeq(WebSocketSession session) {
        String since = UriComponentsBuilder.fromUri(session.getHandshakeInfo().getUri())
                .build()
                .getQueryParams()
                .getFirst("sinceAlertSeq");
        try {
            return since == null ? null : Long.parseLong(since);
        } catch (NumberFormatException checkedAtTheHandshake) {
            return null;
        }
    }

    private LiveFrame frame(Object message) {
        return LiveFrame.of(json.writeValueAsString(message));
    }

    private Mono<Void> command(LiveConnection connection, CurrentUser user, String text) {
        JsonNode message;
        try {
            message = json.readTree(text);
        } catch (JacksonException e) {
            connection.send(frame(new LiveMessages.Error("not JSON: " + e.getOriginalMessage())));
            return Mono.empty();
        }
        if (!"subscribe".equals(message.path("type").asString(null))
                || !message.path("teamIds").isArray()) {
            connection.send(frame(new LiveMessages.Error("expected {\"type\":\"subscribe\",\"teamIds\":[…]}")));
            return Mono.empty();
        }
        Set<TeamId> teams = new HashSet<>();
        for (JsonNode id : message.get("teamIds")) {
            try {
                TeamId team = TeamId.of(id.asString());
                if (user.canSee(team)) {
                    teams.add(team);
                }
            } catch (IllegalArgumentException notAnId) {
                log.debug("ignoring team id {} in a subscribe", id);
            }
        }
        connection.subscribe(teams);
        return alertSnapshot()
                .flatMap(alerts -> snapshots
                        .of(connection::sees)
                        .doOnNext(reps -> connection.resend(snapshotFrame(reps, alerts, connection), alerts.seq())))
                .then();
    }
}
