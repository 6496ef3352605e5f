-- The telemetry store (PostgreSQL): declarative partitioning. The parent table "events" is
-- partitioned by LIST (tenant_no); each tenant's partition ev_<tenant_no> by RANGE (day), one
-- sub-partition ev_<tenant_no>_<yyyymmdd> per UTC day, created on demand by the store
-- (io.vigil.server.store) under pg_advisory_xact_lock. "day" is the partition day (normally the
-- event time's UTC day; see docs/telemetry-store.md for the clamping rule). Indexes declared here
-- are created on every partition.

CREATE TABLE store_tenants (
    tenant_id TEXT    NOT NULL PRIMARY KEY,
    tenant_no INTEGER NOT NULL UNIQUE CHECK (tenant_no > 0)
);

CREATE TABLE store_partitions (
    tenant_no      INTEGER NOT NULL REFERENCES store_tenants (tenant_no),
    day            INTEGER NOT NULL,
    table_name     TEXT    NOT NULL UNIQUE,
    row_count      BIGINT  NOT NULL DEFAULT 0,
    min_event_time BIGINT  NOT NULL,
    max_event_time BIGINT  NOT NULL,
    PRIMARY KEY (tenant_no, day)
);

CREATE TABLE events (
    tenant_no    INTEGER NOT NULL,
    day          INTEGER NOT NULL,
    event_id     TEXT    NOT NULL,
    event_time   BIGINT  NOT NULL,
    receive_time BIGINT  NOT NULL,
    asset        TEXT    NOT NULL,
    format       TEXT    NOT NULL,
    origin_kind  TEXT    NOT NULL,
    channel      TEXT    NOT NULL,
    provider     TEXT    NOT NULL,
    event_code   INTEGER,
    category     TEXT,
    process_key  TEXT,
    parent_key   TEXT,
    pid          BIGINT,
    parent_pid   BIGINT,
    image        TEXT,
    parent_image TEXT,
    command_line TEXT,
    user_name    TEXT,
    target       TEXT,
    query_name   TEXT,
    fields       JSON    NOT NULL,
    raw          TEXT    NOT NULL,
    UNIQUE (tenant_no, day, event_id)
) PARTITION BY LIST (tenant_no);

CREATE INDEX events_time ON events (event_time, event_id);
CREATE INDEX events_asset_time ON events (asset, event_time);
CREATE INDEX events_process ON events (process_key) WHERE category = 'process_creation';
CREATE INDEX events_parent ON events (parent_key) WHERE category = 'process_creation';
CREATE INDEX events_pid ON events (asset, pid, event_time) WHERE category = 'process_creation';
CREATE INDEX events_parent_pid ON events (asset, parent_pid, event_time) WHERE category = 'process_creation';
