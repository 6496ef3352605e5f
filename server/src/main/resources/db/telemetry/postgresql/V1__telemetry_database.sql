-- The telemetry database: the durable event log and the per-day event store will live here,
-- apart from the state database, so that heavy telemetry writes never block state updates.
-- Their tables arrive with the telemetry capability (issue 4); this version only creates a
-- key/value table for that capability's bookkeeping, so the database and its migration history exist.
CREATE TABLE telemetry_meta (
    meta_key   TEXT NOT NULL PRIMARY KEY,
    meta_value TEXT NOT NULL
);
