package io.vigil.server.portal;

import io.vigil.server.tenant.Tenant;

/** One row of the provider's tenant list: the tenant and how many accounts it has. */
public record TenantRow(Tenant tenant, int users) {}
