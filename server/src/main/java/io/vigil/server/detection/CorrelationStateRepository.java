package io.vigil.server.detection;

import io.vigil.server.platform.TenantId;
import java.time.Instant;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The saved correlation windows of a telemetry-log consumer, one row per tenant. Written only by the
 * pipeline (a system writer, not on behalf of a person), always for one named tenant.
 */
@Repository
class CorrelationStateRepository {

    private final JdbcClient jdbc;

    CorrelationStateRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Stores (or replaces) a tenant's windows as JSON. */
    void save(String consumer, TenantId tenant, String snapshot, int groups, Instant savedAt) {
        jdbc.sql("INSERT INTO correlation_state (consumer, tenant_id, snapshot, groups, saved_at)"
                        + " VALUES (:consumer, :tenant, :snapshot, :groups, :saved)"
                        + " ON CONFLICT (consumer, tenant_id) DO UPDATE SET snapshot = excluded.snapshot,"
                        + " groups = excluded.groups, saved_at = excluded.saved_at")
                .param("consumer", consumer)
                .param("tenant", tenant.value())
                .param("snapshot", snapshot)
                .param("groups", groups)
                .param("saved", savedAt.toEpochMilli())
                .update();
    }

    /** {@return a tenant's saved windows as JSON, if any were saved} */
    Optional<String> find(String consumer, TenantId tenant) {
        return jdbc.sql("SELECT snapshot FROM correlation_state WHERE consumer = :consumer AND tenant_id = :tenant")
                .param("consumer", consumer)
                .param("tenant", tenant.value())
                .query(String.class)
                .optional();
    }
}
