-- Webhooks: each team's URLs that receive its alert events as signed JSON POSTs, and the log of every attempt.
-- Shared by PostgreSQL and H2 (MODE=PostgreSQL).
CREATE TABLE webhooks (
    id         UUID PRIMARY KEY,
    team_id    UUID          NOT NULL REFERENCES teams (id),
    url        VARCHAR(2000) NOT NULL,
    secret     VARCHAR(256)  NOT NULL,
    created_at TIMESTAMP WITH TIME ZONE NOT NULL,
    active     BOOLEAN       NOT NULL
);
CREATE INDEX webhooks_team ON webhooks (team_id, active);

-- One row per attempt to deliver one alert event to one webhook. A PENDING row is due at next_attempt_at (a
-- sender pushes next_attempt_at ahead while it holds the row, so that a crash leaves it to be retried); a FAILED
-- row is followed by the PENDING row of the next attempt; GAVE_UP is the last failed attempt. payload holds the
-- exact JSON sent, so that a retry after a restart sends (and signs) the same bytes.
CREATE TABLE webhook_deliveries (
    id              UUID PRIMARY KEY,
    webhook_id      UUID        NOT NULL REFERENCES webhooks (id),
    alert_id        UUID        NOT NULL,
    alert_seq       BIGINT      NOT NULL,
    attempt         INTEGER     NOT NULL,
    status          VARCHAR(10) NOT NULL,
    http_status     INTEGER,
    error           VARCHAR(500),
    payload         VARCHAR     NOT NULL,
    next_attempt_at TIMESTAMP WITH TIME ZONE,
    created_at      TIMESTAMP WITH TIME ZONE NOT NULL,
    attempted_at    TIMESTAMP WITH TIME ZONE,
    delivered_at    TIMESTAMP WITH TIME ZONE,
    CONSTRAINT webhook_deliveries_one_attempt UNIQUE (webhook_id, alert_seq, attempt)
);
CREATE INDEX webhook_deliveries_due ON webhook_deliveries (status, next_attempt_at);
CREATE INDEX webhook_deliveries_log ON webhook_deliveries (webhook_id, created_at);
