-- Threat intelligence: feeds (provider-wide), their runs, and indicators of compromise (IoCs).
-- An IoC whose tenant_id is NULL is provider-wide (from a feed or a provider admin's upload) and
-- applies to every tenant; one with a tenant_id is that tenant's own. scope_key holds the tenant id
-- or '*', so that the uniqueness rule also holds for provider-wide rows (NULLs never collide).
-- Times are epoch milliseconds.

CREATE TABLE intel_feeds (
    id                 TEXT    NOT NULL PRIMARY KEY,
    name               TEXT    NOT NULL UNIQUE,
    kind               TEXT    NOT NULL,
    location           TEXT    NOT NULL,
    collection         TEXT,
    interval_seconds   BIGINT  NOT NULL CHECK (interval_seconds >= 60),
    default_confidence INTEGER NOT NULL CHECK (default_confidence BETWEEN 0 AND 100),
    ttl_seconds        BIGINT  NOT NULL CHECK (ttl_seconds >= 3600),
    tlp                TEXT    NOT NULL,
    enabled            BOOLEAN NOT NULL,
    created_by         TEXT    NOT NULL,
    created_at         BIGINT  NOT NULL,
    taxii_added_after  TEXT,
    last_run_at        BIGINT,
    last_status        TEXT,
    last_error         TEXT
);

CREATE TABLE intel_feed_runs (
    id          INTEGER PRIMARY KEY AUTOINCREMENT,
    feed_id     TEXT    NOT NULL REFERENCES intel_feeds (id) ON DELETE CASCADE,
    started_at  BIGINT  NOT NULL,
    finished_at BIGINT  NOT NULL,
    status      TEXT    NOT NULL CHECK (status IN ('OK', 'PARTIAL', 'FAILED')),
    entries     INTEGER NOT NULL,
    added       INTEGER NOT NULL,
    updated     INTEGER NOT NULL,
    skipped     INTEGER NOT NULL,
    problems    TEXT    NOT NULL
);
CREATE INDEX intel_feed_runs_feed ON intel_feed_runs (feed_id, started_at);

CREATE TABLE iocs (
    id          INTEGER PRIMARY KEY AUTOINCREMENT,
    scope_key   TEXT    NOT NULL,
    tenant_id   TEXT    REFERENCES tenants (id),
    feed_id     TEXT    REFERENCES intel_feeds (id) ON DELETE CASCADE,
    source      TEXT    NOT NULL,
    type        TEXT    NOT NULL CHECK (type IN ('MD5', 'SHA1', 'SHA256', 'IPV4', 'IPV6', 'CIDR', 'DOMAIN', 'URL')),
    value       TEXT    NOT NULL,
    confidence  INTEGER NOT NULL CHECK (confidence BETWEEN 0 AND 100),
    first_seen  BIGINT  NOT NULL,
    last_seen   BIGINT  NOT NULL,
    expires_at  BIGINT,
    tags        TEXT    NOT NULL,
    tlp         TEXT    NOT NULL,
    description TEXT    NOT NULL,
    created_by  TEXT    NOT NULL,
    UNIQUE (scope_key, source, type, value)
);
CREATE INDEX iocs_value ON iocs (type, value);
CREATE INDEX iocs_tenant ON iocs (tenant_id);
CREATE INDEX iocs_feed ON iocs (feed_id);
