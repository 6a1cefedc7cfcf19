-- Pings on the embedded default: one table (H2 has no partitioning); retention deletes old rows.
CREATE TABLE pings (
    device_id   UUID             NOT NULL,
    seq         BIGINT           NOT NULL,
    ts          TIMESTAMP WITH TIME ZONE NOT NULL,
    rep_id      UUID             NOT NULL,
    lat         DOUBLE PRECISION NOT NULL,
    lon         DOUBLE PRECISION NOT NULL,
    accuracy    REAL,
    speed       REAL,
    heading     REAL,
    altitude    REAL,
    battery     REAL,
    mock        BOOLEAN          NOT NULL,
    received_at TIMESTAMP WITH TIME ZONE NOT NULL,
    PRIMARY KEY (device_id, seq)
);
CREATE INDEX pings_device_ts ON pings (device_id, ts);

CREATE TABLE activities (
    id           VARCHAR(64)  PRIMARY KEY,
    device_id    UUID         NOT NULL,
    rep_id       UUID         NOT NULL,
    team_id      UUID         NOT NULL,
    type         VARCHAR(20)  NOT NULL,
    ts           TIMESTAMP WITH TIME ZONE NOT NULL,
    lat          DOUBLE PRECISION,
    lon          DOUBLE PRECISION,
    outcome      VARCHAR(20),
    address      VARCHAR(500),
    lead_id      VARCHAR(100),
    amount       NUMERIC(14, 2),
    follow_up_at TIMESTAMP WITH TIME ZONE,
    payload      VARCHAR      NOT NULL,
    received_at  TIMESTAMP WITH TIME ZONE NOT NULL
);
CREATE INDEX activities_rep_ts ON activities (rep_id, ts);
CREATE INDEX activities_team_ts ON activities (team_id, ts);
