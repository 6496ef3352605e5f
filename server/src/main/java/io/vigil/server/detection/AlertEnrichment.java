package io.vigil.server.detection;

import java.time.Instant;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * What the enrich stage knew about an alert's event when it was raised: the asset, how widely the
 * event's image, file hashes and command line have been seen in the tenant's fleet, and the
 * threat-intelligence indicators found in the event. A snapshot: it is not updated later.
 *
 * @param asset the asset record ({@code null} when the inventory had none)
 * @param prevalence one entry per image, hash and command line of the event that the fleet has seen
 * @param firstSeenInFleet whether the event's image or one of its hashes is new to the fleet (see
 *     {@link Prevalence#firstSeenInFleet})
 * @param iocHits indicators found in the event's hashes, addresses, domains and URLs
 */
public record AlertEnrichment(
        @Nullable AssetSnapshot asset, List<Prevalence> prevalence, boolean firstSeenInFleet, List<IocHit> iocHits) {

    public AlertEnrichment {
        prevalence = List.copyOf(prevalence);
        iocHits = List.copyOf(iocHits);
    }

    /**
     * The asset as the inventory had it.
     *
     * @param id asset id
     * @param hostName host name
     * @param os operating system family, if known
     * @param osVersion operating system version, if known
     * @param criticality {@code LOW}, {@code NORMAL}, {@code HIGH} or {@code CRITICAL}
     * @param source {@code AGENT} or {@code SHIPPER}
     * @param firstSeen when Vigil first received its telemetry
     */
    public record AssetSnapshot(
            String id,
            String hostName,
            @Nullable String os,
            @Nullable String osVersion,
            String criticality,
            String source,
            Instant firstSeen) {}

    /**
     * A value's fleet prevalence.
     *
     * @param kind {@code IMAGE}, {@code HASH} or {@code COMMAND_LINE}
     * @param key SHA-256 of the normalised value (for {@code GET …/prevalence?key=})
     * @param value the value (cut when long)
     * @param hosts how many of the tenant's assets ran it in the prevalence window (30 days)
     * @param firstSeen when the tenant's fleet first ran it
     * @param firstSeenInFleet first seen within {@code vigil.assets.first-seen-window} (24 h) or by
     *     this very event
     */
    public record Prevalence(
            String kind, String key, String value, long hosts, Instant firstSeen, boolean firstSeenInFleet) {}

    /**
     * An indicator found in the event.
     *
     * @param iocId the indicator's id
     * @param type {@code MD5}, {@code SHA1}, {@code SHA256}, {@code IPV4}, {@code IPV6}, {@code CIDR},
     *     {@code DOMAIN} or {@code URL}
     * @param indicator the indicator's value
     * @param field the event field it was found in
     * @param matched the part of the field's value that matched
     * @param source where the indicator came from (a feed or {@code manual})
     * @param confidence the indicator's confidence, 0–100
     */
    public record IocHit(
            long iocId, String type, String indicator, String field, String matched, String source, int confidence) {}
}
