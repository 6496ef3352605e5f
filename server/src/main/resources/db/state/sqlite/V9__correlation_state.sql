-- The detection pipeline's correlation windows, saved per tenant at each checkpoint: the pipeline
-- commits its telemetry-log position only after saving, so after a restart it restores these
-- windows and reads the events after that position again (none counted twice, none missed).
-- No foreign key to tenants, like alerts: the pipeline must never stall on a removed tenant.

CREATE TABLE correlation_state (
    consumer   TEXT   NOT NULL,
    tenant_id  TEXT   NOT NULL,
    snapshot   TEXT   NOT NULL,
    groups     INTEGER NOT NULL,
    saved_at   BIGINT NOT NULL,
    PRIMARY KEY (consumer, tenant_id)
);
