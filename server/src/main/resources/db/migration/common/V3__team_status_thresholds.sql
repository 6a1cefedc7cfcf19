-- Per-team thresholds for the live statuses; NULL means the server's default (waymark.live.*).
ALTER TABLE teams ADD COLUMN idle_after_ms BIGINT;
ALTER TABLE teams ADD COLUMN offline_after_ms BIGINT;
