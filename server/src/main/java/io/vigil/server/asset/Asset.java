package io.vigil.server.asset;

import io.vigil.server.platform.TenantId;
import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * One asset (endpoint) of a tenant's inventory, as its telemetry describes it.
 *
 * @param tenant the tenant
 * @param id the asset id its events carry (the lower-cased host name for agents)
 * @param hostName the host name as the telemetry spells it
 * @param os operating system family ({@code windows}, {@code linux}, …), if known
 * @param osVersion operating system version, if known
 * @param product the sending product (e.g. {@code Vigil Agent 0.1.0}, {@code winlogbeat 8.15.0}), if known
 * @param source agent or shipper; an asset with an agent stays {@link AssetSource#AGENT}
 * @param criticality how much it matters (default {@link Criticality#NORMAL})
 * @param firstSeen when Vigil first received its telemetry
 * @param lastSeen when Vigil last received its telemetry (kept to the minute)
 */
public record Asset(
        TenantId tenant,
        String id,
        String hostName,
        @Nullable String os,
        @Nullable String osVersion,
        @Nullable String product,
        AssetSource source,
        Criticality criticality,
        Instant firstSeen,
        Instant lastSeen) {}
