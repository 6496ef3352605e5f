package io.vigil.server.store;

/** How many days of telemetry a tenant keeps ({@code telemetryRetentionDays} of the tenant). */
@FunctionalInterface
public interface TenantRetention {

    /** The retention when a tenant is not (or no longer) known. */
    int DEFAULT_DAYS = 90;

    /** The tenant's retention in days, {@link #DEFAULT_DAYS} when the tenant is unknown. */
    int days(String tenantId);
}
