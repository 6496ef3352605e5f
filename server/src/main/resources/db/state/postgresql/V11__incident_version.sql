-- Optimistic locking of incident edits: every write of an incident row adds one to its version,
-- which the API shows as the incident's ETag; a PATCH or status change sent with If-Match (or a
-- version field) is refused with 412 when the incident has changed since.
ALTER TABLE incidents ADD COLUMN version BIGINT NOT NULL DEFAULT 0;

-- The SOC's queue of customer requests awaiting a first answer (GET /api/triage/customer-requests).
CREATE INDEX incidents_awaiting_answer ON incidents (tenant_id, created_at)
    WHERE origin = 'CUSTOMER' AND first_answer_at IS NULL;
