-- A retried batch is recognised by (tenant, event time, event id) instead of (tenant, event id).
-- Every parser takes the event time from the record itself, so the same input gives the same time
-- and id, and a retry is found as before. The difference is in the write cost: event ids are hashes,
-- so an index that starts with them puts each new event on a random page, and every commit wrote
-- most of the index's pages again (about 18 KB per event appended at 400,000 events in the log,
-- growing with it). Event times of new events lie close together, so the new index is filled at
-- its end, a few pages per commit. It also stops merging two records that share an identity but not
-- a time (Windows record numbers start again after a log is cleared).
-- Rows appended before this version keep event_time 0: a batch retried across the upgrade is
-- appended again, and the telemetry store, which has its own unique key, still keeps it once.
ALTER TABLE telemetry_log ADD COLUMN event_time BIGINT NOT NULL DEFAULT 0;
DROP INDEX telemetry_log_event;
CREATE UNIQUE INDEX telemetry_log_event ON telemetry_log (tenant_id, event_time, event_id);
