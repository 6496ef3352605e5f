-- Incidents: what the SOC publishes to a customer (or a customer opens for the SOC), with their
-- history, comments, attachments, per-reader read marks and per-tenant SLA and retention settings.
-- Times are epoch milliseconds. No foreign key to tenants (like alerts): the retention job removes
-- a tenant's incidents; list-valued fields are JSON arrays in TEXT.

-- The last incident number handed out per tenant: numbers are never reused, even after a purge.
CREATE TABLE incident_numbers (
    tenant_id   TEXT   NOT NULL PRIMARY KEY,
    last_number BIGINT NOT NULL
);

CREATE TABLE incidents (
    id                   TEXT   NOT NULL PRIMARY KEY,
    tenant_id            TEXT   NOT NULL,
    number               BIGINT NOT NULL,
    created_at           BIGINT NOT NULL,
    updated_at           BIGINT NOT NULL,
    created_by           TEXT   NOT NULL,
    origin               TEXT   NOT NULL CHECK (origin IN ('SERVICE', 'CUSTOMER')),
    priority             TEXT   NOT NULL CHECK (priority IN ('HIGH', 'NORMAL', 'LOW')),
    status               TEXT   NOT NULL CHECK (status IN ('OPEN', 'ON_HOLD', 'RESOLVED', 'CLOSED')),
    resolution           TEXT   CHECK (resolution IS NULL OR resolution IN ('TRUE_POSITIVE', 'FALSE_POSITIVE')),
    summary              TEXT   NOT NULL,
    status_description   TEXT   NOT NULL,
    recommendations      TEXT   NOT NULL,
    description          TEXT   NOT NULL,
    client_description   TEXT   NOT NULL,
    mitre_tactics        TEXT   NOT NULL,
    mitre_techniques     TEXT   NOT NULL,
    detection_technology TEXT   NOT NULL,
    attack_stage         TEXT   NOT NULL,
    affected_hosts       TEXT   NOT NULL,
    host_iocs            TEXT   NOT NULL,
    network_iocs         TEXT   NOT NULL,
    alert_ids            TEXT   NOT NULL,
    first_activity_at    BIGINT,
    first_detected_at    BIGINT NOT NULL,
    published_at         BIGINT,
    first_answer_at      BIGINT,
    resolved_at          BIGINT,
    closed_at            BIGINT,
    UNIQUE (tenant_id, number)
);
CREATE INDEX incidents_tenant_updated ON incidents (tenant_id, updated_at DESC, id);
CREATE INDEX incidents_status_resolved ON incidents (status, resolved_at);

CREATE TABLE incident_reads (
    incident_id TEXT   NOT NULL,
    reader_id   TEXT   NOT NULL,
    read_at     BIGINT NOT NULL,
    PRIMARY KEY (incident_id, reader_id)
);

-- One row per changed field (or per comment / attachment event), in the order of seq.
CREATE TABLE incident_history (
    seq          INTEGER PRIMARY KEY AUTOINCREMENT,
    tenant_id    TEXT   NOT NULL,
    incident_id  TEXT   NOT NULL,
    at           BIGINT NOT NULL,
    actor        TEXT   NOT NULL,
    actor_kind   TEXT   NOT NULL,
    entity       TEXT   NOT NULL,
    entity_id    TEXT   NOT NULL,
    operation    TEXT   NOT NULL,
    field        TEXT   NOT NULL,
    before_value TEXT,
    after_value  TEXT
);
CREATE INDEX incident_history_incident ON incident_history (tenant_id, incident_id, seq);

CREATE TABLE incident_comments (
    id          TEXT   NOT NULL PRIMARY KEY,
    tenant_id   TEXT   NOT NULL,
    incident_id TEXT   NOT NULL,
    created_at  BIGINT NOT NULL,
    author      TEXT   NOT NULL,
    author_id   TEXT   NOT NULL,
    origin      TEXT   NOT NULL CHECK (origin IN ('SERVICE', 'CUSTOMER')),
    body        TEXT   NOT NULL
);
CREATE INDEX incident_comments_incident ON incident_comments (tenant_id, incident_id, created_at, id);

CREATE TABLE incident_comment_reads (
    comment_id TEXT   NOT NULL,
    reader_id  TEXT   NOT NULL,
    read_at    BIGINT NOT NULL,
    PRIMARY KEY (comment_id, reader_id)
);

-- Attachments keep their content in the state database (not in files): one transaction stores the
-- row, its bytes and the history line, and cluster nodes need no shared folder.
CREATE TABLE incident_attachments (
    id           TEXT   NOT NULL PRIMARY KEY,
    tenant_id    TEXT   NOT NULL,
    incident_id  TEXT   NOT NULL,
    created_at   BIGINT NOT NULL,
    name         TEXT   NOT NULL,
    size         BIGINT NOT NULL,
    sha256       TEXT   NOT NULL,
    content_type TEXT   NOT NULL,
    caption      TEXT   NOT NULL,
    uploader     TEXT   NOT NULL,
    uploader_id  TEXT   NOT NULL,
    origin       TEXT   NOT NULL CHECK (origin IN ('SERVICE', 'CUSTOMER')),
    content      BLOB   NOT NULL
);
CREATE INDEX incident_attachments_incident ON incident_attachments (tenant_id, incident_id, created_at, id);

-- Per-tenant overrides; NULL means the vigil.incident.* default.
CREATE TABLE incident_settings (
    tenant_id      TEXT    NOT NULL PRIMARY KEY,
    sla_high_ms    BIGINT  CHECK (sla_high_ms IS NULL OR sla_high_ms > 0),
    sla_normal_ms  BIGINT  CHECK (sla_normal_ms IS NULL OR sla_normal_ms > 0),
    sla_low_ms     BIGINT  CHECK (sla_low_ms IS NULL OR sla_low_ms > 0),
    retention_days INTEGER CHECK (retention_days IS NULL OR retention_days BETWEEN 1 AND 3650)
);
