package io.vigil.server.asset;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * {@code vigil.assets.*}: the asset inventory and fleet prevalence the pipeline's enrich stage keeps.
 *
 * @param lastSeenResolution an asset's last-seen time is written again only when it moved by more
 *     than this (or something else about the asset changed)
 * @param prevalenceWindow how far back fleet prevalence counts hosts; older sightings are aged out
 * @param prevalenceResolution a host's sighting of a value is written again only when it moved by
 *     more than this
 * @param firstSeenWindow a value first seen in the fleet within this period is {@code
 *     firstSeenInFleet} on an alert
 * @param ageingInterval how often sightings older than the prevalence window are deleted
 * @param cacheSize how many assets and sightings each pipeline process remembers having written (to
 *     skip rewriting them); memory is roughly 300 bytes each
 * @param maxValueLength longer values (command lines) are stored and shown cut to this many
 *     characters; their key is the SHA-256 of the whole value
 */
@Validated
@ConfigurationProperties(prefix = "vigil.assets", ignoreUnknownFields = false)
public record AssetProperties(
        @DefaultValue("1m") Duration lastSeenResolution,
        @DefaultValue("30d") Duration prevalenceWindow,
        @DefaultValue("1h") Duration prevalenceResolution,
        @DefaultValue("24h") Duration firstSeenWindow,
        @DefaultValue("1h") Duration ageingInterval,
        @DefaultValue("200000") int cacheSize,
        @DefaultValue("1024") int maxValueLength) {

    public AssetProperties {
        if (prevalenceWindow.compareTo(Duration.ofHours(1)) < 0) {
            throw new IllegalArgumentException(
                    "vigil.assets.prevalence-window must be at least 1h, not " + prevalenceWindow);
        }
        if (prevalenceResolution.isNegative() || prevalenceResolution.compareTo(prevalenceWindow) >= 0) {
            throw new IllegalArgumentException("vigil.assets.prevalence-resolution must be at least 0 and below"
                    + " the prevalence window, not " + prevalenceResolution);
        }
        if (lastSeenResolution.isNegative()) {
            throw new IllegalArgumentException(
                    "vigil.assets.last-seen-resolution must not be negative, not " + lastSeenResolution);
        }
        if (firstSeenWindow.isNegative() || firstSeenWindow.compareTo(prevalenceWindow) > 0) {
            throw new IllegalArgumentException("vigil.assets.first-seen-window must be between 0 and the prevalence"
                    + " window, not " + firstSeenWindow);
        }
        if (ageingInterval.compareTo(Duration.ofSeconds(1)) < 0) {
            throw new IllegalArgumentException(
                    "vigil.assets.ageing-interval must be at least 1s, not " + ageingInterval);
        }
        if (cacheSize < 0 || cacheSize > 10_000_000) {
            throw new IllegalArgumentException(
                    "vigil.assets.cache-size must be between 0 and 10000000, not " + cacheSize);
        }
        if (maxValueLength < 64 || maxValueLength > 65_536) {
            throw new IllegalArgumentException(
                    "vigil.assets.max-value-length must be between 64 and 65536, not " + maxValueLength);
        }
    }

    /** The defaults, for tests and tools that run without Spring. */
    public static AssetProperties defaults() {
        return new AssetProperties(
                Duration.ofMinutes(1),
                Duration.ofDays(30),
                Duration.ofHours(1),
                Duration.ofHours(24),
                Duration.ofHours(1),
                200_000,
                1024);
    }
}
