/**
 * Tenants (the provider's customers) and the people who work in Vigil: accounts, roles, analyst
 * assignments, passwords (Argon2id), sign-in with lockout, and the first provider admin created on
 * an empty installation.
 *
 * <p>Every read and write takes a {@link io.vigil.server.platform.TenantScope} or an {@link
 * io.vigil.server.platform.Actor}; the one provider-wide lookup, by user name at sign-in, is named
 * for that purpose ({@link io.vigil.server.tenant.UserRepository#findForLogin}).
 */
@NullMarked
package io.vigil.server.tenant;

import org.jspecify.annotations.NullMarked;
