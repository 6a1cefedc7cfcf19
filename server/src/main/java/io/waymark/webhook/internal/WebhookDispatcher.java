package io.waymark.webhook.internal;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.r2dbc.spi.Readable;
import io.waymark.alert.AlertChanged;
import io.waymark.bus.EventBus;
import io.waymark.webhook.WebhookProperties;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.ReactiveTransactionManager;
import org.springframework.transaction.reactive.TransactionalOperator;
import reactor.core.Disposable;
import reactor.core.Disposables;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;
import tools.jackson.databind.json.JsonMapper;

/**
 * Delivers alert events to webhooks, at least once, never in anyone's way.
 *
 * <ul>
 *   <li>{@link AlertChanged} events are taken from the bus on this module's own thread ({@code webhooks}); the
 *       publisher never waits for them, and a subscriber that falls behind loses the oldest (the bus's rule). Each
 *       event becomes one PENDING attempt per active webhook of its team, stored with the exact JSON to send.
 *   <li>Stored attempts go through a bounded in-memory queue to at most {@code concurrency} senders. A webhook has at
 *       most one attempt queued or in flight, so a slow or failing endpoint holds one sender at most and never the
 *       others' deliveries. An attempt that finds its webhook busy, or the queue full, stays PENDING in the database:
 *       the webhook's next attempt is looked up as soon as its current one ends, and the sweep finds the rest.
 *   <li>A sender first claims its attempt by pushing {@code next_attempt_at} past the timeout (so that a crash in
 *       flight leaves it to be retried, and that two servers never send the same attempt), then POSTs it and stores
 *       the outcome: DELIVERED on 2xx; otherwise FAILED and a new PENDING attempt due after the backoff
 *       ({@link RetrySchedule}), or GAVE_UP after the last.
 *   <li>Every {@code sweepInterval} the sweep looks up the webhooks with due PENDING attempts (retries, attempts that
 *       did not fit the queue, attempts left by a restart) and queues the oldest of each. Due means due by the
 *       injected {@link Clock}.
 *   <li>Every hour, ended attempts older than {@code logRetention} are deleted from the log.
 * </ul>
 */
@Component
class WebhookDispatcher implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(WebhookDispatcher.class);

    /** How long past the timeout a claimed attempt stays claimed: after that, the sweep takes it again. */
    static final Duration CLAIM_MARGIN = Duration.ofSeconds(30);

    /** How often ended attempts older than {@code logRetention} are deleted. */
    static final Duration PRUNE_INTERVAL = Duration.ofHours(1);

    /** The most webhooks one sweep looks at. */
    static final int SWEEP_WEBHOOKS = 1000;

    private static final String ATTEMPT_COLUMNS =
            "d.id, d.webhook_id, d.alert_id, d.alert_seq, d.attempt, d.payload, w.url, w.secret";

    /** An attempt ready to be made: what to send where. */
    record Attempt(
            UUID deliveryId,
            WebhookId webhookId,
            URI url,
            String secret,
            UUID alertId,
            long alertSeq,
            int number,
            String payload) {

        Attempt {
            Objects.requireNonNull(deliveryId, "deliveryId");
            Objects.requireNonNull(webhookId, "webhookId");
            Objects.requireNonNull(url, "url");
            Objects.requireNonNull(secret, "secret");
            Objects.requireNonNull(alertId, "alertId");
            Objects.requireNonNull(payload, "payload");
            if (number < 1) {
                throw new IllegalArgumentException("attempts count from 1: " + number);
            }
        }

        /** Leaves the secret and the payload out. */
        @Override
        public String toString() {
            return "Attempt[" + deliveryId + " of event " + alertSeq + " to webhook " + webhookId + ", #" + number
                    + "]";
        }
    }

    private final DatabaseClient db;
    private final EventBus bus;
    private final JsonMapper json;
    private final Clock clock;
    private final WebhookProperties properties;
    private final RetrySchedule schedule;
    private final TransactionalOperator transaction;
    private final Map<WebhookId, UUID> busy = new ConcurrentHashMap<>();
    private final Counter delivered;
    private final Counter failed;
    private final Counter gaveUp;
    private final Counter queueFull;
    private final Object queueLock = new Object();
    private volatile Sinks.Many<Attempt> queue;
    private volatile WebhookSender sender;
    private volatile Disposable running;

    WebhookDispatcher(
            DatabaseClient db,
            EventBus bus,
            JsonMapper json,
            Clock clock,
            WebhookProperties properties,
            ReactiveTransactionManager transactions,
            MeterRegistry meters) {
        this.db = db;
        this.bus = bus;
        this.json = json;
        this.clock = clock;
        this.properties = properties;
        this.schedule = RetrySchedule.of(properties);
        this.transaction = TransactionalOperator.create(transactions);
        this.delivered = meters.counter("waymark.webhook.attempts", "outcome", "delivered");
        this.failed = meters.counter("waymark.webhook.attempts", "outcome", "failed");
        this.gaveUp = meters.counter("waymark.webhook.attempts", "outcome", "gave_up");
        this.queueFull = meters.counter("waymark.webhook.queue.full");
    }

    @Override
    public void start() {
        Scheduler thread = Schedulers.newSingle("webhooks", true);
        WebhookSender http = new WebhookSender(
                properties.timeout(),
                properties.concurrency(),
                new PrivateNetworks(properties.allowPrivateNetworks()),
                clock);
        Sinks.Many<Attempt> attempts =
                Sinks.many().unicast().onBackpressureBuffer(new ArrayBlockingQueue<>(properties.queueCapacity()));
        sender = http;
        queue = attempts;
        Disposable senders =
                attempts.asFlux().flatMap(this::make, properties.concurrency()).subscribe();
        Disposable events = bus.events(AlertChanged.class)
                .publishOn(thread)
                .concatMap(changed -> record(changed).onErrorResume(error -> {
                    log.warn(
                            "alert event {} not recorded for webhooks",
                            changed.alert().seq(),
                            error);
                    return Mono.empty();
                }))
                .subscribe();
        Disposable sweeps = Flux.interval(properties.sweepInterval(), properties.sweepInterval(), thread)
                .onBackpressureDrop()
                .concatMap(tick -> sweep().onErrorResume(error -> {
                    log.warn("webhook sweep failed; it runs again in {}", properties.sweepInterval(), error);
                    return Mono.empty();
                }))
                .subscribe();
        Disposable pruning = Flux.interval(PRUNE_INTERVAL, PRUNE_INTERVAL, thread)
                .onBackpressureDrop()
                .concatMap(tick -> prune().onErrorResume(error -> {
                    log.warn("webhook delivery log not pruned; again in {}", PRUNE_INTERVAL, error);
                    return Mono.empty();
                }))
                .subscribe();
        running = Disposables.composite(events, sweeps, pruning, senders, http::close, thread::dispose);
    }

    @Override
    public void stop() {
        Disposable stopping = running;
        running = null;
        if (stopping != null) {
            stopping.dispose();
        }
    }

    @Override
    public boolean isRunning() {
        return running != null;
    }

    /** Stores one PENDING attempt of an event per active webhook of its team, and queues each. */
    Mono<Void> record(AlertChanged changed) {
        String payload = AlertPayload.of(changed, json);
        Instant now = clock.instant();
        return db.sql("SELECT id, url, secret FROM webhooks WHERE team_id = :team AND active = TRUE")
                .bind("team", changed.alert().teamId().value())
                .map(row -> new Attempt(
                        UUID.randomUUID(),
                        new WebhookId(row.get("id", UUID.class)),
                        URI.create(row.get("url", String.class)),
                        row.get("secret", String.class),
                        changed.alert().id(),
                        changed.alert().seq(),
                        1,
                        payload))
                .all()
                .concatMap(attempt -> db.sql("INSERT INTO webhook_deliveries (id, webhook_id, alert_id, alert_seq,"
                                + " attempt, status, payload, next_attempt_at, created_at)"
                                + " VALUES (:id, :webhook, :alert, :seq, 1, 'PENDING', :payload, :now, :now)"
                                + " ON CONFLICT DO NOTHING")
                        .bind("id", attempt.deliveryId())
                        .bind("webhook", attempt.webhookId().value())
                        .bind("alert", attempt.alertId())
                        .bind("seq", attempt.alertSeq())
                        .bind("payload", payload)
                        .bind("now", Columns.timestamp(now))
                        .fetch()
                        .rowsUpdated()
                        .filter(stored -> stored == 1)
                        .map(stored -> attempt))
                .doOnNext(this::offer)
                .then();
    }

    /**
     * Queues an attempt unless its webhook already has one queued or in flight, or the queue is full; either way it
     * stays PENDING in the database and is looked up again later.
     */
    void offer(Attempt attempt) {
        Sinks.Many<Attempt> attempts = queue;
        if (attempts == null || busy.putIfAbsent(attempt.webhookId(), attempt.deliveryId()) != null) {
            return;
        }
        Sinks.EmitResult result;
        synchronized (queueLock) {
            result = attempts.tryEmitNext(attempt);
        }
        if (result.isFailure()) {
            busy.remove(attempt.webhookId(), attempt.deliveryId());
            if (result == Sinks.EmitResult.FAIL_OVERFLOW) {
                queueFull.increment();
                log.debug("webhook queue full: {} waits for the sweep", attempt);
            }
        }
    }

    /** Makes one attempt, then frees its webhook and queues the webhook's next due attempt. */
    private Mono<Void> make(Attempt attempt) {
        return Mono.defer(() -> claimAndSend(attempt))
                .onErrorResume(error -> {
                    log.warn("{} not made or its outcome not stored; the sweep retries it", attempt, error);
                    return Mono.just(false);
                })
                .flatMap(made -> {
                    release(attempt);
                    return made ? next(attempt.webhookId()) : Mono.<Void>empty();
                })
                .doOnCancel(() -> release(attempt));
    }

    private Mono<Boolean> claimAndSend(Attempt attempt) {
        Instant now = clock.instant();
        return db.sql("UPDATE webhook_deliveries SET next_attempt_at = :claimedUntil"
                        + " WHERE id = :id AND status = 'PENDING' AND next_attempt_at <= :now")
                .bind(
                        "claimedUntil",
                        Columns.timestamp(now.plus(properties.timeout()).plus(CLAIM_MARGIN)))
                .bind("id", attempt.deliveryId())
                .bind("now", Columns.timestamp(now))
                .fetch()
                .rowsUpdated()
                .flatMap(claimed -> claimed == 1
                        ? sender.post(
                                        attempt.url(),
                                        attempt.payload(),
                                        attempt.secret(),
                                        attempt.alertSeq(),
                                        attempt.deliveryId())
                                .flatMap(outcome -> store(attempt, outcome))
                                .thenReturn(true)
                        : Mono.just(false));
    }

    /** Stores how an attempt ended and, when it failed and attempts remain, the next one. */
    Mono<Void> store(Attempt attempt, AttemptOutcome outcome) {
        Instant now = clock.instant();
        if (outcome.delivered()) {
            delivered.increment();
            return db.sql("UPDATE webhook_deliveries SET status = 'DELIVERED', http_status = :status, error = NULL,"
                            + " next_attempt_at = NULL, attempted_at = :now, delivered_at = :now"
                            + " WHERE id = :id AND status = 'PENDING'")
                    .bind("status", outcome.httpStatus())
                    .bind("now", Columns.timestamp(now))
                    .bind("id", attempt.deliveryId())
                    .fetch()
                    .rowsUpdated()
                    .then();
        }
        Optional<Duration> delay = schedule.delayAfter(attempt.number());
        (delay.isPresent() ? failed : gaveUp).increment();
        Instant due = delay.map(now::plus).orElse(null);
        DatabaseClient.GenericExecuteSpec update = db.sql("UPDATE webhook_deliveries SET status = :outcome,"
                        + " http_status = :status, error = :error, next_attempt_at = :due, attempted_at = :now"
                        + " WHERE id = :id AND status = 'PENDING'")
                .bind("outcome", (delay.isPresent() ? DeliveryStatus.FAILED : DeliveryStatus.GAVE_UP).name())
                .bind("error", outcome.error())
                .bind("now", Columns.timestamp(now))
                .bind("id", attempt.deliveryId());
        update = Columns.bindNullable(update, "status", outcome.httpStatus(), Integer.class);
        update = Columns.bindNullable(update, "due", due == null ? null : Columns.timestamp(due), OffsetDateTime.class);
        Mono<Long> updated = update.fetch().rowsUpdated();
        if (due == null) {
            return updated.then();
        }
        return updated.filter(count -> count == 1)
                .flatMap(count -> db.sql("INSERT INTO webhook_deliveries (id, webhook_id, alert_id, alert_seq,"
                                + " attempt, status, payload, next_attempt_at, created_at)"
                                + " VALUES (:id, :webhook, :alert, :seq, :attempt, 'PENDING', :payload, :due, :now)"
                                + " ON CONFLICT DO NOTHING")
                        .bind("id", UUID.randomUUID())
                        .bind("webhook", attempt.webhookId().value())
                        .bind("alert", attempt.alertId())
                        .bind("seq", attempt.alertSeq())
                        .bind("attempt", attempt.number() + 1)
                        .bind("payload", attempt.payload())
                        .bind("due", Columns.timestamp(due))
                        .bind("now", Columns.timestamp(now))
                        .fetch()
                        .rowsUpdated())
                .as(transaction::transactional)
                .then();
    }

    /** Queues the oldest due PENDING attempt of a webhook, if any. */
    Mono<Void> next(WebhookId webhook) {
        if (busy.containsKey(webhook)) {
            return Mono.empty();
        }
        return db.sql("SELECT " + ATTEMPT_COLUMNS + " FROM webhook_deliveries d JOIN webhooks w ON w.id = d.webhook_id"
                        + " WHERE d.webhook_id = :webhook AND d.status = 'PENDING' AND d.next_attempt_at <= :now"
                        + " AND w.active = TRUE ORDER BY d.next_attempt_at, d.alert_seq, d.attempt LIMIT 1")
                .bind("webhook", webhook.value())
                .bind("now", Columns.timestamp(clock.instant()))
                .map(WebhookDispatcher::attempt)
                .one()
                .doOnNext(this::offer)
                .then();
    }

    /** Queues the oldest due PENDING attempt of every webhook that has one. */
    Mono<Void> sweep() {
        return db.sql("SELECT DISTINCT d.webhook_id FROM webhook_deliveries d JOIN webhooks w ON w.id = d.webhook_id"
                        + " WHERE d.status = 'PENDING' AND d.next_attempt_at <= :now AND w.active = TRUE LIMIT :n")
                .bind("now", Columns.timestamp(clock.instant()))
                .bind("n", SWEEP_WEBHOOKS)
                .map(row -> new WebhookId(row.get("webhook_id", UUID.class)))
                .all()
                .filter(webhook -> !busy.containsKey(webhook))
                .concatMap(this::next)
                .then();
    }

    /** Deletes ended attempts older than the log's retention; PENDING ones stay whatever their age. */
    Mono<Long> prune() {
        return db.sql("DELETE FROM webhook_deliveries WHERE created_at < :cutoff AND status <> 'PENDING'")
                .bind("cutoff", Columns.timestamp(clock.instant().minus(properties.logRetention())))
                .fetch()
                .rowsUpdated();
    }

    private void release(Attempt attempt) {
        busy.remove(attempt.webhookId(), attempt.deliveryId());
    }

    private static Attempt attempt(Readable row) {
        return new Attempt(
                row.get("id", UUID.class),
                new WebhookId(row.get("webhook_id", UUID.class)),
                URI.create(row.get("url", String.class)),
                row.get("secret", String.class),
                row.get("alert_id", UUID.class),
                row.get("alert_seq", Long.class),
                row.get("attempt", Integer.class),
                row.get("payload", String.class));
    }
}
