-- The durable telemetry log (embedded mode): ingest appends accepted events here and answers the
-- sender only after the commit; consumers (the telemetry store writer, later the detection
-- pipeline) read in seq order from their committed offset. AUTOINCREMENT: a seq is never reused,
-- even after the consumed head of the log is deleted.
CREATE TABLE telemetry_log (
    seq         INTEGER PRIMARY KEY AUTOINCREMENT,
    tenant_id   TEXT    NOT NULL,
    event_id    TEXT    NOT NULL,
    appended_at BIGINT  NOT NULL,
    payload     BLOB    NOT NULL
);
-- A retried batch finds its events here and is not appended twice.
CREATE UNIQUE INDEX telemetry_log_event ON telemetry_log (tenant_id, event_id);

CREATE TABLE telemetry_log_consumers (
    name          TEXT   NOT NULL PRIMARY KEY,
    committed_seq BIGINT NOT NULL,
    updated_at    BIGINT NOT NULL
);
