-- The durable telemetry log in its own SQLite file (embedded mode), so that appends (which the
-- sender waits for) never queue behind the store writer's transactions for the telemetry file's
-- one write lock. Same tables as db/telemetry V2, where the log lived before: on the first start
-- with this file, DatabaseConfiguration moves that table's rows, positions and consumer offsets here.
-- AUTOINCREMENT: a seq is never reused, even after the consumed head of the log is deleted.
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
