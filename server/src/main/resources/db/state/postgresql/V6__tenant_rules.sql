-- A tenant's own detection settings: custom rules and exclusions (Sigma text), rules and packs it
-- switched off, and values for |expand placeholders. The revision row is bumped with every change
-- (optimistic concurrency between API nodes, and how pipeline nodes notice a change). No foreign
-- key to tenants, like alerts: the pipeline never stalls on a tenant being removed.

CREATE TABLE tenant_rule_texts (
    id          TEXT   NOT NULL PRIMARY KEY,
    tenant_id   TEXT   NOT NULL,
    kind        TEXT   NOT NULL CHECK (kind IN ('RULE', 'EXCLUSION')),
    name        TEXT   NOT NULL,
    text        TEXT   NOT NULL,
    created_at  BIGINT NOT NULL,
    created_by  TEXT   NOT NULL,
    updated_at  BIGINT NOT NULL,
    updated_by  TEXT   NOT NULL
);
CREATE INDEX tenant_rule_texts_tenant ON tenant_rule_texts (tenant_id, kind, created_at);

-- A row switches a rule (by id) or a pack (by pack id) off for the tenant; no row: on.
CREATE TABLE tenant_rule_switches (
    tenant_id   TEXT   NOT NULL,
    target_kind TEXT   NOT NULL CHECK (target_kind IN ('RULE', 'PACK')),
    target      TEXT   NOT NULL,
    updated_at  BIGINT NOT NULL,
    updated_by  TEXT   NOT NULL,
    PRIMARY KEY (tenant_id, target_kind, target)
);

-- Placeholder values (a JSON array of strings) for rules using |expand.
CREATE TABLE tenant_placeholders (
    tenant_id   TEXT   NOT NULL,
    name        TEXT   NOT NULL,
    vals        TEXT   NOT NULL,
    PRIMARY KEY (tenant_id, name)
);

CREATE TABLE tenant_rule_revisions (
    tenant_id   TEXT   NOT NULL PRIMARY KEY,
    revision    BIGINT NOT NULL,
    updated_at  BIGINT NOT NULL
);
