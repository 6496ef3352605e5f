package io.vigil.telemetry.internal.agent;

import io.vigil.telemetry.AssetId;
import io.vigil.telemetry.CanonicalEvent;
import io.vigil.telemetry.EventEnvelope;
import io.vigil.telemetry.EventId;
import io.vigil.telemetry.EventOrigin;
import io.vigil.telemetry.FieldMap;
import io.vigil.telemetry.ParseContext;
import io.vigil.telemetry.SourceFormat;
import io.vigil.telemetry.internal.MalformedRecordException;
import io.vigil.telemetry.internal.Times;
import io.vigil.telemetry.internal.json.Json;
import io.vigil.telemetry.internal.windows.WindowsEvents;
import io.vigil.telemetry.mapping.FieldMappings;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

/** Turns agent event lines into canonical events, with the batch header's agent and host. */
final class AgentEvents {
    static final String SCHEMA = "vigil.agent/1";
    private static final Set<String> ENVELOPE = Set.of("type", "id", "time");

    private final ParseContext context;
    private final String agentId;
    private final String agentVersion;
    private final String agentProduct;
    private final String hostName;
    private final String hostOs;

    private AgentEvents(
            ParseContext context, String agentId, String agentVersion, String agentProduct, String host, String os) {
        this.hostOs = os;
        this.context = context;
        this.agentId = agentId;
        this.agentVersion = agentVersion;
        this.agentProduct = agentProduct;
        this.hostName = host;
    }

    static AgentEvents fromHeader(String line, ParseContext context) {
        JsonNode header = object(line);
        if (!"batch".equals(text(header, "type")) || !SCHEMA.equals(text(header, "schema"))) {
            throw new MalformedRecordException(
                    "first line must be a batch header with \"type\":\"batch\" and \"schema\":\"" + SCHEMA
                            + "\"; batch rejected");
        }
        JsonNode agent = header.path("agent");
        String agentId = text(agent, "id");
        if (agentId.isBlank()) {
            throw new MalformedRecordException("batch header has no agent.id; batch rejected");
        }
        return new AgentEvents(
                context,
                agentId,
                text(agent, "version"),
                text(agent, "product"),
                text(header.path("host"), "name"),
                text(header.path("host"), "os").toLowerCase(java.util.Locale.ROOT));
    }

    /** An event line, as UTF-8 bytes {@code utf8[offset, offset + length)}. */
    CanonicalEvent toCanonical(byte[] utf8, int offset, int length) {
        String line = new String(utf8, offset, length, StandardCharsets.UTF_8);
        Map<String, String> head = new HashMap<>(4);
        FieldMap.Builder fields = FieldMap.builder(24);
        try {
            // Streaming from the bytes, no tree and no decoded copy: this is the hot path of agent ingest.
            Json.flatObject(utf8, offset, length, ENVELOPE, head, fields);
        } catch (JacksonException bytesFailed) {
            // Malformed UTF-8 is read as U+FFFD, as from the decoded line; any other error is the same there.
            head.clear();
            fields = FieldMap.builder(24);
            flatObject(line, head, fields);
        } catch (IllegalArgumentException e) {
            throw malformed(e);
        }
        return toCanonical(line, head, fields);
    }

    private static void flatObject(String line, Map<String, String> head, FieldMap.Builder fields) {
        try {
            Json.flatObject(line, ENVELOPE, head, fields);
        } catch (JacksonException e) {
            throw new MalformedRecordException("invalid JSON: " + e.getOriginalMessage());
        } catch (IllegalArgumentException e) {
            throw malformed(e);
        }
    }

    private static MalformedRecordException malformed(IllegalArgumentException e) {
        return new MalformedRecordException(e.getMessage() == null ? "line is not a JSON object" : e.getMessage());
    }

    private CanonicalEvent toCanonical(String line, Map<String, String> head, FieldMap.Builder fields) {
        String type = head.getOrDefault("type", "");
        String id = head.getOrDefault("id", "");
        String time = head.getOrDefault("time", "");
        if (type.isBlank() || id.isBlank() || time.isBlank()) {
            throw new MalformedRecordException("event needs \"type\", \"id\" and \"time\"");
        }
        Instant eventTime = Times.parse(time);
        fields.put("AgentId", agentId);
        putIfPresent(fields, "AgentVersion", agentVersion);
        putIfPresent(fields, "AgentProduct", agentProduct);
        putIfPresent(fields, "HostOs", hostOs);
        if (type.equals("event_log")) {
            return eventLog(fields.build(), eventTime, line);
        }
        if (type.equals("wmi_event") && fields.get("EventID") == null) {
            // Rules for WMI activity test Sysmon's event ids (19 filter, 20 consumer, 21 binding).
            String sysmonId = switch (String.valueOf(fields.get("EventType"))) {
                case "WmiFilterEvent" -> "19";
                case "WmiConsumerEvent" -> "20";
                case "WmiBindingEvent" -> "21";
                default -> null;
            };
            putIfPresent(fields, "EventID", sysmonId == null ? "" : sysmonId);
        }
        EventEnvelope envelope = new EventEnvelope(
                context.tenant(),
                asset(),
                EventId.derive(context.tenant(), List.of("agent", agentId, id)),
                eventTime,
                context.clock().instant(),
                SourceFormat.AGENT_NDJSON,
                new EventOrigin.Other("vigil-agent", type),
                FieldMappings.defaults().sigmaCategoryForAgentType(type));
        return new CanonicalEvent(envelope, fields.build(), line);
    }

    private CanonicalEvent eventLog(FieldMap read, Instant time, String line) {
        Map<String, String> fields = new LinkedHashMap<>(read);
        int eventId = WindowsEvents.parseEventId(fields.getOrDefault("EventID", ""));
        String channel = FieldMappings.defaults().canonicalChannel(fields.getOrDefault("Channel", ""));
        fields.put("Channel", channel);
        String computer = fields.getOrDefault("Computer", hostName);
        WindowsEvents.Header header = new WindowsEvents.Header(
                eventId,
                channel,
                fields.getOrDefault("Provider_Name", ""),
                computer,
                fields.getOrDefault("EventRecordID", ""),
                time);
        ParseContext withAsset = new ParseContext(context.tenant(), asset(), context.sourceName(), context.clock());
        return WindowsEvents.assemble(header, fields, SourceFormat.AGENT_NDJSON, withAsset, line);
    }

    private AssetId asset() {
        AssetId fromContext = context.asset();
        if (fromContext != null) {
            return fromContext;
        }
        return new AssetId(hostName.isBlank() ? "unknown" : hostName.toLowerCase(Locale.ROOT));
    }

    private static JsonNode object(String line) {
        try {
            JsonNode node = Json.MAPPER.readTree(line);
            if (node == null || !node.isObject()) {
                throw new MalformedRecordException("line is not a JSON object");
            }
            return node;
        } catch (JacksonException e) {
            throw new MalformedRecordException("invalid JSON: " + e.getOriginalMessage());
        }
    }

    private static String text(JsonNode node, String key) {
        JsonNode value = node.get(key);
        if (value == null || value.isNull() || value.isContainer()) {
            return "";
        }
        return value.isString() ? value.stringValue() : value.toString();
    }

    private static void putIfPresent(FieldMap.Builder fields, String name, String value) {
        if (!value.isEmpty()) {
            fields.put(name, value);
        }
    }
}
