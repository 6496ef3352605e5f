-- Triage: one scored row per alert (its score, the explanation of the score, and the features
-- grouping reads), incident candidates (groups of related alerts), analysts' verdicts (training
-- data) and each tenant's auto-publish policy. Every row names its tenant.

CREATE TABLE alert_triage (
    alert_id      TEXT    NOT NULL PRIMARY KEY,
    tenant_id     TEXT    NOT NULL,
    asset         TEXT    NOT NULL,
    event_time    BIGINT  NOT NULL,
    event_id      TEXT,
    rule_id       TEXT    NOT NULL,
    rule_title    TEXT    NOT NULL,
    level         TEXT    NOT NULL,
    technology    TEXT    NOT NULL,
    tactics       TEXT    NOT NULL,
    techniques    TEXT    NOT NULL,
    user_name     TEXT,
    process_chain TEXT    NOT NULL,
    linked_hosts  TEXT    NOT NULL,
    score         INTEGER NOT NULL,
    explanation   TEXT    NOT NULL,
    scorer        TEXT    NOT NULL,
    scored_at     BIGINT  NOT NULL,
    candidate_id  TEXT
);
CREATE INDEX alert_triage_tenant_candidate ON alert_triage (tenant_id, candidate_id);
CREATE INDEX alert_triage_tenant_time ON alert_triage (tenant_id, event_time);

CREATE TABLE triage_candidates (
    id          TEXT    NOT NULL PRIMARY KEY,
    tenant_id   TEXT    NOT NULL,
    status      TEXT    NOT NULL CHECK (status IN ('OPEN', 'DISMISSED', 'PROMOTED', 'MERGED')),
    score       INTEGER NOT NULL,
    alert_count INTEGER NOT NULL,
    hosts       TEXT    NOT NULL,
    users       TEXT    NOT NULL,
    tactics     TEXT    NOT NULL,
    techniques  TEXT    NOT NULL,
    links       TEXT    NOT NULL,
    first_time  BIGINT  NOT NULL,
    last_time   BIGINT  NOT NULL,
    incident_id TEXT,
    updated_at  BIGINT  NOT NULL
);
CREATE INDEX triage_candidates_queue ON triage_candidates (tenant_id, status, score DESC, id);

CREATE TABLE triage_verdicts (
    id           TEXT   NOT NULL PRIMARY KEY,
    tenant_id    TEXT   NOT NULL,
    candidate_id TEXT   NOT NULL,
    alert_ids    TEXT   NOT NULL,
    features     TEXT   NOT NULL,
    verdict      TEXT   NOT NULL,
    reason       TEXT   NOT NULL,
    analyst      TEXT   NOT NULL,
    decided_at   BIGINT NOT NULL
);
CREATE INDEX triage_verdicts_decided ON triage_verdicts (decided_at, id);

CREATE TABLE triage_policies (
    tenant_id  TEXT    NOT NULL PRIMARY KEY,
    enabled    BOOLEAN NOT NULL,
    min_score  INTEGER NOT NULL,
    rule_ids   TEXT    NOT NULL,
    levels     TEXT    NOT NULL,
    ioc_hit    BOOLEAN NOT NULL,
    updated_by TEXT    NOT NULL,
    updated_at BIGINT  NOT NULL
);
