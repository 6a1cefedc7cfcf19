package io.waymark.webhook.internal;

import io.r2dbc.spi.Readable;
import io.waymark.identity.CurrentUser;
import io.waymark.identity.TeamId;
import io.waymark.identity.TeamRoster;
import io.waymark.problem.ConflictException;
import io.waymark.problem.FieldProblem;
import io.waymark.problem.ForbiddenException;
import io.waymark.problem.InvalidInputException;
import io.waymark.problem.NotFoundException;
import io.waymark.webhook.WebhookProperties;
import java.net.URI;
import java.net.URISyntaxException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * A team's webhooks and their delivery logs, through the eyes of a user: only an ADMIN or a MANAGER of the team may
 * see or change them; another team's, or one that does not exist, is not found, and a DISPATCH user of the team is
 * forbidden.
 */
@Component
public class Webhooks {

    /** Webhooks a team may have at once. */
    static final int MAX_PER_TEAM = 20;

    static final int MAX_URL_LENGTH = 2000;
    static final int MIN_SECRET_LENGTH = 16;
    static final int MAX_SECRET_LENGTH = 256;

    /** Random bytes of a secret the server makes: 256 bits, 43 characters of base64url. */
    private static final int GENERATED_SECRET_BYTES = 32;

    private static final String COLUMNS = "id, team_id, url, secret, created_at, active";
    private static final String DELIVERY_COLUMNS = "id, webhook_id, alert_id, alert_seq, attempt, status, http_status,"
            + " error, next_attempt_at, created_at, attempted_at, delivered_at";

    private final DatabaseClient db;
    private final TeamRoster roster;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();

    private final PrivateNetworks networks;

    Webhooks(DatabaseClient db, TeamRoster roster, Clock clock, WebhookProperties properties) {
        this.networks = new PrivateNetworks(properties.allowPrivateNetworks());
        this.db = db;
        this.roster = roster;
        this.clock = clock;
    }

    /**
     * Adds a webhook to a team. The URL is an absolute http or https URL of at most 2,000 characters; the secret,
     * when given, is 16 to 256 characters, and when absent the server makes one. The answer holds the secret: no
     * later call shows it.
     */
    public Mono<Webhook> create(CurrentUser user, TeamId team, String url, String secret) {
        List<FieldProblem> problems = new ArrayList<>();
        URI target = url(url, problems);
        if (target != null) {
            networks.refusedAsWritten(target).ifPresent(why -> problems.add(new FieldProblem("url", why)));
        }
        checkSecret(secret, problems);
        return manageable(user, team)
                .then(Mono.defer(
                        () -> problems.isEmpty() ? count(team) : Mono.error(new InvalidInputException(problems))))
                .flatMap(count -> {
                    if (count >= MAX_PER_TEAM) {
                        return Mono.error(new ConflictException("A team has at most " + MAX_PER_TEAM + " webhooks"));
                    }
                    Webhook webhook = new Webhook(
                            WebhookId.random(),
                            team,
                            target,
                            secret != null ? secret : generatedSecret(),
                            clock.instant().truncatedTo(ChronoUnit.MILLIS),
                            true);
                    return db.sql("INSERT INTO webhooks (" + COLUMNS
                                    + ") VALUES (:id, :team, :url, :secret, :at, TRUE)")
                            .bind("id", webhook.id().value())
                            .bind("team", team.value())
                            .bind("url", webhook.url().toString())
                            .bind("secret", webhook.secret())
                            .bind("at", Columns.timestamp(webhook.createdAt()))
                            .fetch()
                            .rowsUpdated()
                            .thenReturn(webhook);
                });
    }

    /**
     * Gives a webhook a new secret (the one given, 16 to 256 characters, or one the server makes), which signs every
     * attempt from now on, retries of earlier events included; the old one signs nothing more. The answer holds the
     * new secret: no later call shows it.
     */
    public Mono<Webhook> rotateSecret(CurrentUser user, WebhookId id, String secret) {
        List<FieldProblem> problems = new ArrayList<>();
        checkSecret(secret, problems);
        String next = secret != null ? secret : generatedSecret();
        return find(user, id)
                .flatMap(webhook -> problems.isEmpty()
                        ? Mono.just(webhook)
                        : Mono.<Webhook>error(new InvalidInputException(problems)))
                .flatMap(webhook -> db.sql("UPDATE webhooks SET secret = :secret WHERE id = :id AND active = TRUE")
                        .bind("secret", next)
                        .bind("id", id.value())
                        .fetch()
                        .rowsUpdated()
                        .thenReturn(new Webhook(
                                webhook.id(),
                                webhook.teamId(),
                                webhook.url(),
                                next,
                                webhook.createdAt(),
                                webhook.active())));
    }

    private static void checkSecret(String secret, List<FieldProblem> problems) {
        if (secret != null && (secret.length() < MIN_SECRET_LENGTH || secret.length() > MAX_SECRET_LENGTH)) {
            problems.add(new FieldProblem(
                    "secret", "must be " + MIN_SECRET_LENGTH + " to " + MAX_SECRET_LENGTH + " characters"));
        }
    }

    /** A team's webhooks, oldest first. */
    public Mono<List<Webhook>> of(CurrentUser user, TeamId team) {
        return manageable(user, team)
                .then(db.sql("SELECT " + COLUMNS + " FROM webhooks WHERE team_id = :team AND active = TRUE"
                                + " ORDER BY created_at, id")
                        .bind("team", team.value())
                        .map(Webhooks::webhook)
                        .all()
                        .collectList());
    }

    /**
     * Deletes a webhook: it receives nothing more, and its PENDING attempts are GAVE_UP. Its log stays in the
     * database but is gone from the API.
     */
    public Mono<Void> delete(CurrentUser user, WebhookId id) {
        return find(user, id).flatMap(webhook -> db.sql("UPDATE webhooks SET active = FALSE WHERE id = :id")
                .bind("id", id.value())
                .fetch()
                .rowsUpdated()
                .then(db.sql("UPDATE webhook_deliveries SET status = 'GAVE_UP', error = 'webhook deleted',"
                                + " next_attempt_at = NULL WHERE webhook_id = :id AND status = 'PENDING'")
                        .bind("id", id.value())
                        .fetch()
                        .rowsUpdated())
                .then());
    }

    /** A webhook's delivery log, newest first, at most {@code limit} entries. */
    public Mono<List<Delivery>> deliveries(CurrentUser user, WebhookId id, int limit) {
        if (limit < 1) {
            return Mono.error(new IllegalArgumentException("limit must be positive"));
        }
        return find(user, id)
                .then(db.sql("SELECT " + DELIVERY_COLUMNS + " FROM webhook_deliveries WHERE webhook_id = :id"
                                + " ORDER BY created_at DESC, alert_seq DESC, attempt DESC LIMIT :limit")
                        .bind("id", id.value())
                        .bind("limit", limit)
                        .map(Webhooks::delivery)
                        .all()
                        .collectList());
    }

    /** An active webhook that the user may manage; not found (or forbidden to a DISPATCH user) otherwise. */
    private Mono<Webhook> find(CurrentUser user, WebhookId id) {
        return db.sql("SELECT " + COLUMNS + " FROM webhooks WHERE id = :id AND active = TRUE")
                .bind("id", id.value())
                .map(Webhooks::webhook)
                .one()
                .filter(webhook -> user.canSee(webhook.teamId()))
                .switchIfEmpty(Mono.error(() -> new NotFoundException("No webhook " + id)))
                .flatMap(webhook -> user.canManage(webhook.teamId()) ? Mono.just(webhook) : Mono.error(forbidden()));
    }

    /** Completes when the user may manage the team's webhooks: not found for a team they do not see. */
    private Mono<Void> manageable(CurrentUser user, TeamId team) {
        Mono<Boolean> exists = user.canSee(team) ? roster.teamExists(team) : Mono.just(false);
        return exists.flatMap(found -> {
            if (!found) {
                return Mono.error(new NotFoundException("No team " + team));
            }
            return user.canManage(team) ? Mono.<Void>empty() : Mono.error(forbidden());
        });
    }

    private Mono<Long> count(TeamId team) {
        return db.sql("SELECT COUNT(*) AS n FROM webhooks WHERE team_id = :team AND active = TRUE")
                .bind("team", team.value())
                .map(row -> row.get("n", Long.class))
                .one();
    }

    private static ForbiddenException forbidden() {
        return new ForbiddenException("Only an admin or a manager of the team manages its webhooks");
    }

    /** The URL, or null with the problem noted. */
    static URI url(String text, List<FieldProblem> problems) {
        if (text == null || text.isBlank()) {
            problems.add(new FieldProblem("url", "must not be blank"));
            return null;
        }
        String value = text.strip();
        if (value.length() > MAX_URL_LENGTH) {
            problems.add(new FieldProblem("url", "must be at most " + MAX_URL_LENGTH + " characters"));
            return null;
        }
        URI uri;
        try {
            uri = new URI(value);
        } catch (URISyntaxException e) {
            problems.add(new FieldProblem("url", "is not a URL"));
            return null;
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https")) {
            problems.add(new FieldProblem("url", "must be an http or https URL"));
            return null;
        }
        if (uri.getHost() == null || uri.getHost().isBlank()) {
            problems.add(new FieldProblem("url", "must name a host"));
            return null;
        }
        return uri;
    }

    private String generatedSecret() {
        byte[] bytes = new byte[GENERATED_SECRET_BYTES];
        random.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    static Webhook webhook(Readable row) {
        return new Webhook(
                new WebhookId(row.get("id", UUID.class)),
                new TeamId(row.get("team_id", UUID.class)),
                URI.create(row.get("url", String.class)),
                row.get("secret", String.class),
                Columns.instant(row, "created_at"),
                Boolean.TRUE.equals(row.get("active", Boolean.class)));
    }

    private static Delivery delivery(Readable row) {
        Instant deliveredAt = Columns.instant(row, "delivered_at");
        return new Delivery(
                row.get("id", UUID.class),
                new WebhookId(row.get("webhook_id", UUID.class)),
                row.get("alert_id", UUID.class),
                row.get("alert_seq", Long.class),
                row.get("attempt", Integer.class),
                DeliveryStatus.valueOf(row.get("status", String.class)),
                row.get("http_status", Integer.class),
                row.get("error", String.class),
                Columns.instant(row, "next_attempt_at"),
                Columns.instant(row, "created_at"),
                Columns.instant(row, "attempted_at"),
                deliveredAt);
    }
}
