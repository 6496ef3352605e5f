/**
 * Threat intelligence: the IoC store, feeds and their refresh, importers for STIX 2.1, TAXII 2.1,
 * MISP and abuse.ch/Infoblox CSV lists, and the in-memory matcher that finds IoCs in telemetry
 * events.
 *
 * <p>Tenancy: feeds are provider-wide and their IoCs have no tenant (they apply to every tenant);
 * a tenant's own IoCs carry its tenant id and apply to it alone. Reads take a {@link
 * io.vigil.server.platform.TenantScope} and show provider-wide IoCs plus those of the scope's
 * tenants; writes of provider-wide rows need the provider-wide scope. See docs/threat-intel.md.
 */
@NullMarked
package io.vigil.server.intel;

import org.jspecify.annotations.NullMarked;
