package io.vigil.server.store;

import io.vigil.server.platform.TenantId;
import io.vigil.server.platform.TenantScope;
import io.vigil.server.tenant.Tenant;
import io.vigil.server.tenant.TenantRepository;
import java.util.regex.Pattern;
import org.springframework.stereotype.Component;

/** Reads each tenant's retention from the tenant's settings in the state database. */
@Component
class TenantRetentionLookup implements TenantRetention {

    private static final Pattern TENANT_ID = Pattern.compile("[A-Za-z0-9_-]{1,64}");

    private final TenantRepository tenants;

    TenantRetentionLookup(TenantRepository tenants) {
        this.tenants = tenants;
    }

    @Override
    public int days(String tenantId) {
        if (!TENANT_ID.matcher(tenantId).matches()) {
            return DEFAULT_DAYS;
        }
        return tenants.find(TenantScope.all(), new TenantId(tenantId))
                .map(Tenant::telemetryRetentionDays)
                .orElse(DEFAULT_DAYS);
    }
}
