-- A retried batch is recognised by (tenant, event time, event id) instead of (tenant, event id), as
-- in the embedded log (db/telemetry-log/sqlite V2, which explains why): every parser takes the event
-- time from the record, so a retry is found as before, and new entries fill the index at its end
-- instead of on random pages (event ids are hashes).
-- Rows appended before this version keep event_time 0: a batch retried across the upgrade is
-- appended again, and the telemetry store, which has its own unique key, still keeps it once.
ALTER TABLE telemetry_log ADD COLUMN event_time BIGINT NOT NULL DEFAULT 0;
DROP INDEX telemetry_log_event;
CREATE UNIQUE INDEX telemetry_log_event ON telemetry_log (tenant_id, event_time, event_id);
