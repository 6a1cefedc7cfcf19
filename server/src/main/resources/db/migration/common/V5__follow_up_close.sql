-- Who closed a follow-up by hand, and why.
ALTER TABLE follow_ups ADD COLUMN closed_by VARCHAR(100);
ALTER TABLE follow_ups ADD COLUMN close_note VARCHAR(1000);
