-- The durable telemetry log on PostgreSQL (used when no Kafka is configured): ingest appends accepted
-- events here and answers only after the commit; consumers read in seq order from their committed
-- offset. Appends take a transaction-scoped advisory lock, so seq order is commit order and a
-- consumer can never skip a row that commits late.
CREATE TABLE telemetry_log (
    seq         BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    tenant_id   TEXT   NOT NULL,
    event_id    TEXT   NOT NULL,
    appended_at BIGINT NOT NULL,
    payload     BYTEA  NOT NULL
);
CREATE UNIQUE INDEX telemetry_log_event ON telemetry_log (tenant_id, event_id);

CREATE TABLE telemetry_log_consumers (
    name          TEXT   NOT NULL PRIMARY KEY,
    committed_seq BIGINT NOT NULL,
    updated_at    BIGINT NOT NULL
);
