package io.vigil.server.asset;

import java.time.Instant;

/**
 * How widely a value has been seen in a tenant's fleet.
 *
 * @param kind image, hash or command line
 * @param key the SHA-256 of the normalised value (query by it when the value is too long for a URL)
 * @param value the value as stored: normalised, cut to {@code vigil.assets.max-value-length}
 * @param hosts how many of the tenant's assets ran it within the prevalence window (30 days)
 * @param firstSeen when the tenant's fleet first ran it (within the current run of sightings)
 * @param lastSeen when the tenant's fleet last ran it
 */
public record PrevalenceCount(
        PrevalenceKind kind, String key, String value, long hosts, Instant firstSeen, Instant lastSeen) {}
