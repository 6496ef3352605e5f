package io.vigil.server.asset;

import io.vigil.server.platform.TenantId;
import io.vigil.telemetry.CanonicalEvent;
import io.vigil.telemetry.EventOrigin;
import io.vigil.telemetry.SourceFormat;
import java.time.Instant;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * What a batch's events say about one asset: the attributes they carry (absent ones {@code null},
 * so they never overwrite known ones) and when its telemetry was received.
 */
record AssetSighting(
        TenantId tenant,
        String id,
        @Nullable String hostName,
        @Nullable String os,
        @Nullable String osVersion,
        @Nullable String product,
        AssetSource source,
        Instant firstSeen,
        Instant lastSeen) {

    /** Asset ids and attributes are cut to this many characters (a DNS name has at most 253). */
    static final int MAX_NAME = 255;

    private static final String[] HOST_NAME = {"Computer", "host.name", "host.hostname", "resource.host.name"};
    private static final String[] OS = {"HostOs", "host.os.family", "host.os.type", "resource.os.type"};
    private static final String[] OS_VERSION = {"HostOsVersion", "host.os.version", "resource.os.version"};

    /** The asset id under which an event's asset is kept (cleaned, at most {@value #MAX_NAME} chars). */
    static String assetId(CanonicalEvent event) {
        return Texts.clip(event.envelope().asset().value(), MAX_NAME);
    }

    /** What one event says, seen at {@code at}. */
    static AssetSighting of(CanonicalEvent event, Instant at) {
        boolean agent = event.envelope().format() == SourceFormat.AGENT_NDJSON;
        String os = first(event, OS);
        if (os == null) {
            os = switch (event.envelope().origin()) {
                case EventOrigin.Windows w -> "windows";
                case EventOrigin.Linux l -> "linux";
                case EventOrigin.Other o -> null;
            };
        }
        return new AssetSighting(
                new TenantId(event.envelope().tenant().value()),
                assetId(event),
                first(event, HOST_NAME),
                os == null ? null : os.toLowerCase(Locale.ROOT),
                first(event, OS_VERSION),
                product(event, agent),
                agent ? AssetSource.AGENT : AssetSource.SHIPPER,
                at,
                at);
    }

    /** The two merged: later attributes win where present, the wider time span, agent over shipper. */
    AssetSighting merge(AssetSighting later) {
        return new AssetSighting(
                tenant,
                id,
                later.hostName != null ? later.hostName : hostName,
                later.os != null ? later.os : os,
                later.osVersion != null ? later.osVersion : osVersion,
                later.product != null ? later.product : product,
                source == AssetSource.AGENT || later.source == AssetSource.AGENT ? AssetSource.AGENT : source,
                firstSeen.isBefore(later.firstSeen) ? firstSeen : later.firstSeen,
                lastSeen.isAfter(later.lastSeen) ? lastSeen : later.lastSeen);
    }

    /**
     * Whether writing this would change the stored asset last written as {@code written}: a new or
     * different attribute, an upgrade to agent, an earlier first sighting, or a last sighting more
     * than {@code resolution} later.
     */
    boolean changes(@Nullable AssetSighting written, java.time.Duration resolution) {
        if (written == null) {
            return true;
        }
        return differs(hostName, written.hostName)
                || differs(os, written.os)
                || differs(osVersion, written.osVersion)
                || differs(product, written.product)
                || (source == AssetSource.AGENT && written.source != AssetSource.AGENT)
                || firstSeen.isBefore(written.firstSeen)
                || java.time.Duration.between(written.lastSeen, lastSeen).compareTo(resolution) > 0;
    }

    private static boolean differs(@Nullable String now, @Nullable String before) {
        return now != null && !now.equals(before);
    }

    private static @Nullable String product(CanonicalEvent event, boolean agent) {
        String name = agent ? event.field("AgentProduct") : event.field("agent.type");
        String version = agent ? event.field("AgentVersion") : event.field("agent.version");
        if (agent && (name == null || name.isBlank())) {
            name = "Vigil Agent";
        }
        if (name == null || name.isBlank()) {
            return null;
        }
        return Texts.clip(
                version == null || version.isBlank() ? name.trim() : name.trim() + " " + version.trim(), MAX_NAME);
    }

    private static @Nullable String first(CanonicalEvent event, String[] fields) {
        for (String f : fields) {
            String v = event.field(f);
            if (v != null && !v.isBlank()) {
                return Texts.clip(v.trim(), MAX_NAME);
            }
        }
        return null;
    }
}
