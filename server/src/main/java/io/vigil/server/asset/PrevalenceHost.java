package io.vigil.server.asset;

import java.time.Instant;

/**
 * One asset that ran a value.
 *
 * @param asset the asset id
 * @param firstSeen when it first ran it
 * @param lastSeen when it last ran it
 */
public record PrevalenceHost(String asset, Instant firstSeen, Instant lastSeen) {}
