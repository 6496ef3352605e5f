-- The telemetry store (SQLite): one table per tenant per UTC day, named ev_<tenant_no>_<yyyymmdd>,
-- created on demand by the store (io.vigil.server.store). Tenant ids are case-sensitive strings, so
-- table names use a small number assigned here instead. The partition catalog lists every day table
-- with its row count and the range of event times it holds, so queries touch only the tables in range.

CREATE TABLE store_tenants (
    tenant_id TEXT    NOT NULL PRIMARY KEY,
    tenant_no INTEGER NOT NULL UNIQUE CHECK (tenant_no > 0)
);

CREATE TABLE store_partitions (
    tenant_no      INTEGER NOT NULL REFERENCES store_tenants (tenant_no),
    day            INTEGER NOT NULL, -- UTC epoch day
    table_name     TEXT    NOT NULL UNIQUE,
    row_count      BIGINT  NOT NULL DEFAULT 0,
    min_event_time BIGINT  NOT NULL, -- epoch ms; bounds, not exact after duplicates were ignored
    max_event_time BIGINT  NOT NULL,
    PRIMARY KEY (tenant_no, day)
);
