-- Each rep's work clock as the metrics upkeep last saved it (WorkClock.Saved as JSON), so that after a restart the
-- clock goes on from it, reading only the events stored since rather than the rep's whole day of pings.
CREATE TABLE metrics_clocks (
    rep_id   UUID                     PRIMARY KEY,
    team_id  UUID                     NOT NULL,
    saved_at TIMESTAMP WITH TIME ZONE NOT NULL,
    state    VARCHAR                  NOT NULL
);
