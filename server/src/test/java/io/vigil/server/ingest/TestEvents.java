package io.vigil.server.ingest;

import io.vigil.telemetry.AssetId;
import io.vigil.telemetry.CanonicalEvent;
import io.vigil.telemetry.EventEnvelope;
import io.vigil.telemetry.EventId;
import io.vigil.telemetry.EventOrigin;
import io.vigil.telemetry.SourceFormat;
import io.vigil.telemetry.TenantId;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Small Sysmon-like process events for log tests. */
final class TestEvents {
    private TestEvents() {}

    static CanonicalEvent process(String tenant, int n) {
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("Image", "C:\\Windows\\System32\\cmd.exe");
        fields.put("CommandLine", "cmd.exe /c echo " + n);
        fields.put("ProcessId", Integer.toString(4000 + n));
        Instant at = Instant.parse("2026-11-27T10:00:00Z").plusSeconds(n);
        return new CanonicalEvent(
                new EventEnvelope(
                        new TenantId(tenant),
                        new AssetId("ws01"),
                        EventId.derive(new TenantId(tenant), List.of("ws01", Integer.toString(n))),
                        at,
                        at.plusSeconds(1),
                        SourceFormat.AGENT_NDJSON,
                        new EventOrigin.Windows("Microsoft-Windows-Sysmon/Operational", "Microsoft-Windows-Sysmon", 1),
                        "process_creation"),
                fields,
                "{\"n\":" + n + "}");
    }

    static List<CanonicalEvent> processes(String tenant, int from, int count) {
        List<CanonicalEvent> events = new ArrayList<>(count);
        for (int i = from; i < from + count; i++) {
            events.add(process(tenant, i));
        }
        return events;
    }

    /**
     * A Vigil agent batch (NDJSON, uncompressed) of process starts forming a chain. Each row is {id,
     * ProcessGuid, ParentProcessGuid or "", Image (JSON-escaped), CommandLine (JSON-escaped)}; the i-th
     * process starts {@code i} seconds after {@code at}.
     */
    static String agentProcessChain(String batchId, String agentId, Instant at, String[][] chain) {
        StringBuilder s = new StringBuilder("{\"type\":\"batch\",\"schema\":\"vigil.agent/1\",\"batch_id\":\""
                + batchId + "\",\"sent_at\":\"" + at + "\",\"agent\":{\"id\":\"" + agentId
                + "\",\"version\":\"0.1.0\"},\"host\":{\"name\":\"ignored\",\"os\":\"windows\"}}\n");
        for (int i = 0; i < chain.length; i++) {
            s.append("{\"type\":\"process_start\",\"id\":\"")
                    .append(chain[i][0])
                    .append("\",\"time\":\"")
                    .append(at.plusSeconds(i))
                    .append("\",\"ProcessGuid\":\"")
                    .append(chain[i][1])
                    .append("\",\"ProcessId\":")
                    .append(100 + i)
                    .append(chain[i][2].isEmpty() ? "" : ",\"ParentProcessGuid\":\"" + chain[i][2] + "\"")
                    .append(",\"Image\":\"")
                    .append(chain[i][3])
                    .append("\",\"CommandLine\":\"")
                    .append(chain[i][4])
                    .append("\",\"User\":\"CORP\\\\alice\"}\n");
        }
        return s.toString();
    }
}
