-- Metrics: one row per rep and day of the rep's team (in its time zone), kept from stored activities and pings.
-- Counters and distance grow by deltas; the *_seconds columns are worked out again for the whole day (time_as_of
-- says when); shift_open marks a day whose shift was still running then, so that it is refreshed.
CREATE TABLE metrics_rep_days (
    rep_id          UUID             NOT NULL,
    local_day       DATE             NOT NULL,
    team_id         UUID             NOT NULL,
    doors           INTEGER          NOT NULL DEFAULT 0,
    contacts        INTEGER          NOT NULL DEFAULT 0,
    leads           INTEGER          NOT NULL DEFAULT 0,
    appointments    INTEGER          NOT NULL DEFAULT 0,
    sales           INTEGER          NOT NULL DEFAULT 0,
    revenue         NUMERIC(14, 2)   NOT NULL DEFAULT 0,
    calls           INTEGER          NOT NULL DEFAULT 0,
    sms             INTEGER          NOT NULL DEFAULT 0,
    emails          INTEGER          NOT NULL DEFAULT 0,
    meetings        INTEGER          NOT NULL DEFAULT 0,
    visits          INTEGER          NOT NULL DEFAULT 0,
    distance_meters DOUBLE PRECISION NOT NULL DEFAULT 0,
    shift_seconds   BIGINT           NOT NULL DEFAULT 0,
    break_seconds   BIGINT           NOT NULL DEFAULT 0,
    active_seconds  BIGINT           NOT NULL DEFAULT 0,
    idle_seconds    BIGINT           NOT NULL DEFAULT 0,
    visit_seconds   BIGINT           NOT NULL DEFAULT 0,
    shift_open      BOOLEAN          NOT NULL DEFAULT FALSE,
    time_as_of      TIMESTAMP WITH TIME ZONE,
    PRIMARY KEY (rep_id, local_day)
);
CREATE INDEX metrics_rep_days_team_day ON metrics_rep_days (team_id, local_day);
CREATE INDEX metrics_rep_days_open ON metrics_rep_days (shift_open, time_as_of);

-- The last fix of each rep that counted for distance, so that a restart goes on from it.
CREATE TABLE metrics_last_fixes (
    rep_id    UUID             PRIMARY KEY,
    ts        TIMESTAMP WITH TIME ZONE NOT NULL,
    lat       DOUBLE PRECISION NOT NULL,
    lon       DOUBLE PRECISION NOT NULL
);

-- Targets per team (subject 'TEAM': every rep of the team without their own) or per rep (subject: the rep's id),
-- per period (DAY, WEEK, MONTH) and metric.
CREATE TABLE metrics_targets (
    team_id    UUID             NOT NULL,
    subject    VARCHAR(36)      NOT NULL,
    period     VARCHAR(8)       NOT NULL,
    metric     VARCHAR(40)      NOT NULL,
    target     DOUBLE PRECISION NOT NULL,
    updated_at TIMESTAMP WITH TIME ZONE NOT NULL,
    PRIMARY KEY (team_id, subject, period, metric)
);
