package io.vigil.server.platform;

import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * Which tenants a read or write may touch. Every repository method takes one; a provider-wide
 * scope ({@link All}) is only ever created for provider administrators, explicitly.
 */
public sealed interface TenantScope permits TenantScope.All, TenantScope.Only {

    /** Whether data of {@code tenant} is inside this scope. */
    boolean includes(TenantId tenant);

    /** Every tenant of the installation: provider administrators only. */
    record All() implements TenantScope {
        @Override
        public boolean includes(TenantId tenant) {
            return true;
        }
    }

    /** Exactly these tenants (possibly none). */
    record Only(SortedSet<TenantId> tenants) implements TenantScope {
        public Only {
            tenants = java.util.Collections.unmodifiableSortedSet(new TreeSet<>(tenants));
        }

        @Override
        public boolean includes(TenantId tenant) {
            return tenants.contains(tenant);
        }
    }

    static TenantScope all() {
        return new All();
    }

    static TenantScope only(Set<TenantId> tenants) {
        return new Only(new TreeSet<>(tenants));
    }

    static TenantScope of(TenantId tenant) {
        return only(Set.of(tenant));
    }
}
