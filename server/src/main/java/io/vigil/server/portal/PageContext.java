package io.vigil.server.portal;

import io.vigil.server.platform.Actor;
import io.vigil.server.platform.Role;
import org.jspecify.annotations.Nullable;

/**
 * What every page's layout needs: who is signed in, what the navigation offers them, the CSRF
 * token for forms, and a one-time notice or error carried over a redirect.
 */
public record PageContext(
        @Nullable Actor actor,
        String csrfParameter,
        String csrfHeader,
        String csrfToken,
        @Nullable String notice,
        @Nullable String error) {

    public boolean signedIn() {
        return actor != null;
    }

    public String userName() {
        return actor == null ? "" : actor.name();
    }

    public String roleLabel() {
        return actor == null ? "" : actor.role().label();
    }

    /** Provider side: sees the tenant list. */
    public boolean providerSide() {
        return actor != null && actor.role().providerSide();
    }

    public boolean providerAdmin() {
        return actor != null && actor.role() == Role.PROVIDER_ADMIN;
    }

    /** Provider admin or tenant admin: manages accounts and API connections. */
    public boolean admin() {
        return actor != null && (actor.role() == Role.PROVIDER_ADMIN || actor.role() == Role.TENANT_ADMIN);
    }

    /** The {@code hx-headers} value that sends the CSRF token with htmx requests. */
    public String htmxHeaders() {
        return "{\"" + csrfHeader + "\": \"" + csrfToken + "\"}";
    }
}
