-- Identity and set-up: shared by PostgreSQL and H2 (MODE=PostgreSQL).
CREATE TABLE teams (
    id               UUID PRIMARY KEY,
    name             VARCHAR(200) NOT NULL,
    tracking         VARCHAR(20)  NOT NULL DEFAULT 'SHIFT_ONLY',
    time_zone        VARCHAR(64)  NOT NULL DEFAULT 'UTC',
    ping_interval_ms BIGINT       NOT NULL DEFAULT 10000,
    created_at       TIMESTAMP WITH TIME ZONE NOT NULL
);

CREATE TABLE users (
    id            UUID PRIMARY KEY,
    username      VARCHAR(100) NOT NULL UNIQUE,
    password_hash VARCHAR(200) NOT NULL,
    role          VARCHAR(20)  NOT NULL,
    created_at    TIMESTAMP WITH TIME ZONE NOT NULL
);

CREATE TABLE user_teams (
    user_id UUID NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    team_id UUID NOT NULL REFERENCES teams (id) ON DELETE CASCADE,
    PRIMARY KEY (user_id, team_id)
);

CREATE TABLE access_tokens (
    token_hash VARCHAR(64) PRIMARY KEY,
    user_id    UUID NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    expires_at TIMESTAMP WITH TIME ZONE NOT NULL
);

CREATE TABLE reps (
    id         UUID PRIMARY KEY,
    name       VARCHAR(200) NOT NULL,
    team_id    UUID NOT NULL REFERENCES teams (id),
    email      VARCHAR(320),
    created_at TIMESTAMP WITH TIME ZONE NOT NULL
);
CREATE INDEX reps_team ON reps (team_id);

CREATE TABLE devices (
    id         UUID PRIMARY KEY,
    rep_id     UUID NOT NULL REFERENCES reps (id),
    label      VARCHAR(200),
    token_hash VARCHAR(64) NOT NULL UNIQUE,
    created_at TIMESTAMP WITH TIME ZONE NOT NULL,
    revoked_at TIMESTAMP WITH TIME ZONE
);
CREATE INDEX devices_rep ON devices (rep_id);

CREATE TABLE territories (
    id         VARCHAR(64)  PRIMARY KEY,
    team_id    UUID         NOT NULL REFERENCES teams (id),
    name       VARCHAR(200) NOT NULL,
    geojson    VARCHAR      NOT NULL,
    updated_at TIMESTAMP WITH TIME ZONE NOT NULL
);
CREATE INDEX territories_team ON territories (team_id);

CREATE TABLE territory_reps (
    territory_id VARCHAR(64) NOT NULL REFERENCES territories (id) ON DELETE CASCADE,
    rep_id       UUID        NOT NULL REFERENCES reps (id),
    PRIMARY KEY (territory_id, rep_id)
);
