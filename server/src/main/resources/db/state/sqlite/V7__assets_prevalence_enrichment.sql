-- The asset inventory, kept up to date from telemetry by the detection pipeline's enrich stage.
-- No foreign key to tenants: the pipeline must never stall on an event of a tenant being removed.
CREATE TABLE assets (
    tenant_id    TEXT   NOT NULL,
    id           TEXT   NOT NULL,
    host_name    TEXT   NOT NULL,
    os           TEXT,
    os_version   TEXT,
    product      TEXT,
    source       TEXT   NOT NULL CHECK (source IN ('AGENT', 'SHIPPER')),
    criticality  TEXT   NOT NULL DEFAULT 'NORMAL' CHECK (criticality IN ('LOW', 'NORMAL', 'HIGH', 'CRITICAL')),
    first_seen   BIGINT NOT NULL,
    last_seen    BIGINT NOT NULL,
    PRIMARY KEY (tenant_id, id)
);

-- Fleet prevalence: one row per value of a tenant (key = SHA-256 of the normalised value, display
-- = the value cut to vigil.assets.max-value-length) and one per value and asset. Host counts are
-- counted from the sightings, so a redelivered batch never inflates them.
CREATE TABLE prevalence_values (
    tenant_id   TEXT   NOT NULL,
    kind        TEXT   NOT NULL CHECK (kind IN ('IMAGE', 'HASH', 'COMMAND_LINE')),
    value_key   TEXT   NOT NULL,
    display     TEXT   NOT NULL,
    first_seen  BIGINT NOT NULL,
    last_seen   BIGINT NOT NULL,
    PRIMARY KEY (tenant_id, kind, value_key)
);
CREATE INDEX prevalence_values_last_seen ON prevalence_values (last_seen);

CREATE TABLE prevalence_sightings (
    tenant_id   TEXT   NOT NULL,
    kind        TEXT   NOT NULL,
    value_key   TEXT   NOT NULL,
    asset_id    TEXT   NOT NULL,
    first_seen  BIGINT NOT NULL,
    last_seen   BIGINT NOT NULL,
    PRIMARY KEY (tenant_id, kind, value_key, asset_id)
);
CREATE INDEX prevalence_sightings_last_seen ON prevalence_sightings (last_seen);

-- What the enrich stage attached to an alert (asset snapshot, prevalence, IoC hits), as JSON;
-- NULL for alerts raised before enrichment existed.
ALTER TABLE alerts ADD COLUMN enrichment TEXT;
