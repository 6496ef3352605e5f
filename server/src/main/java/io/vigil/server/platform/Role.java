package io.vigil.server.platform;

/** What a person or API connection may do. Provider roles work for the MDR provider; tenant roles for a customer. */
public enum Role {
    /** Runs the installation: every tenant, users, API connections, the audit log. */
    PROVIDER_ADMIN("Provider admin", true),
    /** Works incidents of the tenants assigned to them. */
    SOC_ANALYST("SOC analyst", true),
    /** A customer's administrator: their tenant's users and API connections. */
    TENANT_ADMIN("Tenant admin", false),
    /** A customer's read-only user. */
    TENANT_VIEWER("Tenant viewer", false);

    private final String label;
    private final boolean providerSide;

    Role(String label, boolean providerSide) {
        this.label = label;
        this.providerSide = providerSide;
    }

    public String label() {
        return label;
    }

    /** Provider-side roles have no home tenant; tenant roles always have exactly one. */
    public boolean providerSide() {
        return providerSide;
    }

    /** Parses a role name as typed by a user or sent in a form; unknown names are a validation error. */
    public static Role parse(String name) {
        for (Role role : values()) {
            if (role.name().equalsIgnoreCase(name.trim())) {
                return role;
            }
        }
        throw new ValidationException(
                "role",
                "Unknown role '" + TenantId.abbreviate(name)
                        + "'; use one of PROVIDER_ADMIN, SOC_ANALYST, TENANT_ADMIN, TENANT_VIEWER.");
    }
}
