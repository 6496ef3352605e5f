package io.vigil.server.asset;

import io.vigil.server.platform.TenantId;
import io.vigil.telemetry.AssetId;
import io.vigil.telemetry.CanonicalEvent;
import io.vigil.telemetry.EventEnvelope;
import io.vigil.telemetry.EventId;
import io.vigil.telemetry.EventOrigin;
import io.vigil.telemetry.ParseContext;
import io.vigil.telemetry.ParseResult;
import io.vigil.telemetry.Parsers;
import io.vigil.telemetry.SourceFormat;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/** Process events of a fleet, for the asset and prevalence tests (here and in detection). */
public final class FleetEvents {

    private FleetEvents() {}

    /** A Sysmon process creation (event id 1) on {@code asset}, received when it happened. */
    public static CanonicalEvent process(
            TenantId tenant, String asset, Instant time, String image, String commandLine, @Nullable String hashes) {
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("Image", image);
        fields.put("CommandLine", commandLine);
        fields.put("ProcessId", "4242");
        fields.put("Computer", asset.toUpperCase(java.util.Locale.ROOT) + ".corp.example");
        if (hashes != null) {
            fields.put("Hashes", hashes);
        }
        io.vigil.telemetry.TenantId t = new io.vigil.telemetry.TenantId(tenant.value());
        return new CanonicalEvent(
                new EventEnvelope(
                        t,
                        new AssetId(asset),
                        EventId.derive(t, List.of(asset, time.toString(), image, commandLine)),
                        time,
                        time,
                        SourceFormat.EVTX_JSON,
                        new EventOrigin.Windows("Microsoft-Windows-Sysmon/Operational", "Microsoft-Windows-Sysmon", 1),
                        "process_creation"),
                fields,
                "{}");
    }

    /**
     * The events of a real Vigil agent batch (the agent parser, as ingest runs it) of {@code host}:
     * one process start per command line, received at {@code at}.
     */
    public static List<CanonicalEvent> agentBatch(
            TenantId tenant, String host, String os, String osVersion, Instant at, String... commandLines) {
        StringBuilder s = new StringBuilder("{\"type\":\"batch\",\"schema\":\"vigil.agent/1\",\"batch_id\":\"b-"
                + at.toEpochMilli() + "\",\"sent_at\":\"" + at
                + "\",\"agent\":{\"id\":\"agent-" + host + "\",\"version\":\"0.3.1\",\"product\":\"Vigil Agent\"},"
                + "\"host\":{\"name\":\"" + host + "\",\"os\":\"" + os + "\",\"os_version\":\"" + osVersion + "\"}}\n");
        for (int i = 0; i < commandLines.length; i++) {
            s.append("{\"type\":\"process_start\",\"id\":\"e-")
                    .append(at.toEpochMilli())
                    .append('-')
                    .append(i)
                    .append("\",\"time\":\"")
                    .append(at)
                    .append("\",\"Image\":\"/usr/bin/bash\",\"CommandLine\":\"")
                    .append(commandLines[i])
                    .append("\"}\n");
        }
        ParseResult r = Parsers.forFormat(SourceFormat.AGENT_NDJSON)
                .parseAll(
                        new ByteArrayInputStream(s.toString().getBytes(StandardCharsets.UTF_8)),
                        new ParseContext(
                                new io.vigil.telemetry.TenantId(tenant.value()),
                                new AssetId(host.toLowerCase(java.util.Locale.ROOT)),
                                "agent",
                                Clock.fixed(at, ZoneOffset.UTC)));
        if (!r.issues().isEmpty()) {
            throw new IllegalStateException("test batch did not parse: " + r.issues());
        }
        return r.events();
    }
}
