/**
 * Cross-cutting foundation every capability stands on: typed configuration and its startup checks,
 * the state and telemetry databases (SQLite embedded, PostgreSQL in a cluster) with their one
 * dialect switch, the injected {@link java.time.Clock}, the caller's identity ({@link
 * io.vigil.server.platform.Actor}, {@link io.vigil.server.platform.TenantScope}) and the audit log.
 *
 * <p>This package depends on no other capability package; all of them may depend on it.
 */
@NullMarked
package io.vigil.server.platform;

import org.jspecify.annotations.NullMarked;
