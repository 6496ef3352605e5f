-- Per-tenant telemetry retention in days (the telemetry store drops whole days older than this).
ALTER TABLE tenants ADD COLUMN telemetry_retention_days INTEGER NOT NULL DEFAULT 90
    CHECK (telemetry_retention_days BETWEEN 1 AND 3650);
