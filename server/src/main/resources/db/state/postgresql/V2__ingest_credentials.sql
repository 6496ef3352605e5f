-- Credentials for telemetry ingest: per-tenant keys for log shippers and for agent enrollment,
-- and the enrolled agents. Secrets are stored as SHA-256 hashes of 256-bit random values
-- (a slow password hash buys nothing for such secrets and would cost every batch).

CREATE TABLE ingest_keys (
    id           TEXT   NOT NULL PRIMARY KEY,
    tenant_id    TEXT   NOT NULL REFERENCES tenants (id),
    name         TEXT   NOT NULL,
    purpose      TEXT   NOT NULL CHECK (purpose IN ('SHIPPER', 'ENROLLMENT')),
    secret_hash  TEXT   NOT NULL,
    created_by   TEXT   NOT NULL,
    created_at   BIGINT NOT NULL,
    revoked_at   BIGINT,
    revoked_by   TEXT,
    last_used_at BIGINT
);
CREATE INDEX ingest_keys_tenant ON ingest_keys (tenant_id);

CREATE TABLE agents (
    id            TEXT   NOT NULL PRIMARY KEY,
    tenant_id     TEXT   NOT NULL REFERENCES tenants (id),
    host_name     TEXT   NOT NULL,
    os            TEXT   NOT NULL,
    os_version    TEXT   NOT NULL,
    agent_version TEXT   NOT NULL,
    secret_hash   TEXT   NOT NULL,
    enrolled_with TEXT   NOT NULL REFERENCES ingest_keys (id),
    enrolled_at   BIGINT NOT NULL,
    last_seen_at  BIGINT,
    revoked_at    BIGINT
);
CREATE INDEX agents_tenant ON agents (tenant_id);
