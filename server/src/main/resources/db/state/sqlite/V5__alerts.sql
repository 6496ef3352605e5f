-- Alerts raised by the detection pipeline. An alert's key (e.g. sigma:<rule id>:<event id>) is
-- unique per tenant, so a redelivered event or a restart never raises the same alert twice. No
-- foreign key to tenants: the pipeline must never stall on an event of a tenant being removed.

CREATE TABLE alerts (
    id           TEXT   NOT NULL PRIMARY KEY,
    tenant_id    TEXT   NOT NULL,
    alert_key    TEXT   NOT NULL,
    technology   TEXT   NOT NULL CHECK (technology IN ('SIGMA', 'CORRELATION', 'IOC')),
    rule_id      TEXT   NOT NULL,
    rule_title   TEXT   NOT NULL,
    level        TEXT   NOT NULL,
    tactics      TEXT   NOT NULL,
    techniques   TEXT   NOT NULL,
    asset        TEXT   NOT NULL,
    event_id     TEXT,
    event_time   BIGINT NOT NULL,
    detected_at  BIGINT NOT NULL,
    evidence     TEXT   NOT NULL,
    UNIQUE (tenant_id, alert_key)
);
CREATE INDEX alerts_tenant_detected ON alerts (tenant_id, detected_at DESC, id);
CREATE INDEX alerts_detected_rule ON alerts (detected_at, rule_id);
