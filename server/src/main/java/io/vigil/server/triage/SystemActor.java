package io.vigil.server.triage;

import io.vigil.server.platform.Actor;
import io.vigil.server.platform.Role;
import io.vigil.server.platform.TenantScope;

/** The actor of the triage job: reads alerts and telemetry of every tenant, publishes by policy. */
final class SystemActor {

    /** Named {@code system} in audit entries and incident history. */
    static final Actor SYSTEM = new Actor(
            Actor.Kind.API_CONNECTION, "system:triage", "system", Role.PROVIDER_ADMIN, null, new TenantScope.All());

    private SystemActor() {}
}
