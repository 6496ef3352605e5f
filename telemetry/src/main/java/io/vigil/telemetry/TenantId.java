package io.vigil.telemetry;

/**
 * Identifies the tenant (customer) every event belongs to.
 *
 * @param value non-blank identifier
 */
public record TenantId(String value) {
    /** Validates the identifier. */
    public TenantId {
        if (value.isBlank()) {
            throw new IllegalArgumentException("tenant id must not be blank");
        }
    }
}
