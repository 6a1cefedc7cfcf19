-- Alerts as they stand, and every change of one as an event with a strictly increasing seq (the live WebSocket
-- replays events after a client's last seq). escalates_at is the durable timer of the escalation ladder.
CREATE TABLE alerts (
    id            UUID PRIMARY KEY,
    seq           BIGINT       NOT NULL,
    kind          VARCHAR(32)  NOT NULL,
    subject       VARCHAR(100) NOT NULL,
    severity      VARCHAR(16)  NOT NULL,
    state         VARCHAR(16)  NOT NULL,
    level         INTEGER      NOT NULL,
    reason        VARCHAR(40),
    rep_id        UUID         NOT NULL,
    team_id       UUID         NOT NULL,
    raised_at     TIMESTAMP WITH TIME ZONE NOT NULL,
    updated_at    TIMESTAMP WITH TIME ZONE NOT NULL,
    message       VARCHAR(500) NOT NULL,
    lat           DOUBLE PRECISION,
    lon           DOUBLE PRECISION,
    acked_by      VARCHAR(100),
    assignee      VARCHAR(100),
    resolved_by   VARCHAR(100),
    note          VARCHAR(1000),
    escalates_at  TIMESTAMP WITH TIME ZONE
);
CREATE INDEX alerts_team_state ON alerts (team_id, state);
CREATE INDEX alerts_state ON alerts (state);

CREATE TABLE alert_events (
    seq       BIGINT PRIMARY KEY,
    alert_id  UUID         NOT NULL,
    team_id   UUID         NOT NULL,
    change_type VARCHAR(16) NOT NULL,
    changed_at TIMESTAMP WITH TIME ZONE NOT NULL,
    alert     VARCHAR      NOT NULL
);

-- A team's own alert thresholds and escalation delays, as JSON; no row means the server's defaults.
CREATE TABLE alert_policies (
    team_id     UUID PRIMARY KEY,
    policy      VARCHAR NOT NULL,
    updated_at  TIMESTAMP WITH TIME ZONE NOT NULL
);
