-- A team's own follow-up rules; a NULL column (or no row) means the server's default (waymark.activity.*).
CREATE TABLE follow_up_policies (
    team_id        UUID PRIMARY KEY,
    delay_ms       BIGINT,
    attempt_limit  INTEGER,
    updated_at     TIMESTAMP WITH TIME ZONE NOT NULL
);
