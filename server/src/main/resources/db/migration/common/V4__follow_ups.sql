-- Follow-ups: opened by callbacks, leads and appointments; matched by lead id or normalised address.
CREATE TABLE follow_ups (
    id              UUID PRIMARY KEY,
    team_id         UUID         NOT NULL,
    rep_id          UUID         NOT NULL,
    match_key       VARCHAR(600) NOT NULL,
    lead_id         VARCHAR(100),
    address         VARCHAR(500),
    contact_name    VARCHAR(200),
    outcome         VARCHAR(20)  NOT NULL,
    opened_by       VARCHAR(64)  NOT NULL,
    opened_at       TIMESTAMP WITH TIME ZONE NOT NULL,
    due_at          TIMESTAMP WITH TIME ZONE NOT NULL,
    attempts        INTEGER      NOT NULL,
    last_attempt_at TIMESTAMP WITH TIME ZONE,
    state           VARCHAR(10)  NOT NULL,
    closed_reason   VARCHAR(20),
    closed_at       TIMESTAMP WITH TIME ZONE
);
CREATE INDEX follow_ups_team_state_due ON follow_ups (team_id, state, due_at);
CREATE INDEX follow_ups_team_key ON follow_ups (team_id, match_key, state);
