-- Tenants, people, API connections, signing keys and the audit log (PostgreSQL).
-- Times are epoch milliseconds (BIGINT) in both dialects; ids are text.

CREATE TABLE tenants (
    id          TEXT    NOT NULL PRIMARY KEY,
    name        TEXT    NOT NULL,
    name_key    TEXT    NOT NULL UNIQUE,
    description TEXT    NOT NULL DEFAULT '',
    created_at  BIGINT  NOT NULL
);

CREATE TABLE users (
    id                   TEXT    NOT NULL PRIMARY KEY,
    username             TEXT    NOT NULL,
    username_key         TEXT    NOT NULL UNIQUE,
    display_name         TEXT    NOT NULL,
    role                 TEXT    NOT NULL CHECK (role IN ('PROVIDER_ADMIN', 'SOC_ANALYST', 'TENANT_ADMIN', 'TENANT_VIEWER')),
    tenant_id            TEXT    REFERENCES tenants (id),
    password_hash        TEXT    NOT NULL,
    must_change_password BOOLEAN NOT NULL,
    enabled              BOOLEAN NOT NULL,
    failed_logins        INTEGER NOT NULL DEFAULT 0,
    locked_until         BIGINT,
    last_login_at        BIGINT,
    created_at           BIGINT  NOT NULL,
    updated_at           BIGINT  NOT NULL,
    CHECK ((role IN ('PROVIDER_ADMIN', 'SOC_ANALYST')) = (tenant_id IS NULL))
);
CREATE INDEX users_tenant ON users (tenant_id);

CREATE TABLE analyst_tenants (
    user_id   TEXT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    tenant_id TEXT NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
    PRIMARY KEY (user_id, tenant_id)
);

CREATE TABLE api_connections (
    client_id  TEXT   NOT NULL PRIMARY KEY,
    name       TEXT   NOT NULL,
    role       TEXT   NOT NULL CHECK (role IN ('PROVIDER_ADMIN', 'SOC_ANALYST', 'TENANT_ADMIN', 'TENANT_VIEWER')),
    tenant_id  TEXT   REFERENCES tenants (id),
    created_by TEXT   NOT NULL,
    created_at BIGINT NOT NULL,
    revoked_at BIGINT,
    revoked_by TEXT
);
CREATE INDEX api_connections_tenant ON api_connections (tenant_id);

CREATE TABLE api_refresh_tokens (
    jti        TEXT   NOT NULL PRIMARY KEY,
    client_id  TEXT   NOT NULL REFERENCES api_connections (client_id),
    issued_at  BIGINT NOT NULL,
    expires_at BIGINT NOT NULL,
    used_at    BIGINT
);
CREATE INDEX api_refresh_tokens_client ON api_refresh_tokens (client_id);

CREATE TABLE signing_keys (
    id         TEXT   NOT NULL PRIMARY KEY,
    algorithm  TEXT   NOT NULL,
    secret     TEXT   NOT NULL,
    created_at BIGINT NOT NULL
);

CREATE TABLE audit_log (
    id          BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    at          BIGINT  NOT NULL,
    actor       TEXT    NOT NULL,
    actor_kind  TEXT    NOT NULL,
    tenant_id   TEXT,
    action      TEXT    NOT NULL,
    target      TEXT    NOT NULL,
    detail      TEXT    NOT NULL,
    remote_addr TEXT    NOT NULL,
    success     BOOLEAN NOT NULL
);
CREATE INDEX audit_log_at ON audit_log (at);
CREATE INDEX audit_log_tenant_at ON audit_log (tenant_id, at);
