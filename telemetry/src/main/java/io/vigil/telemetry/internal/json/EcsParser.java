package io.vigil.telemetry.internal.json;

import io.vigil.telemetry.AssetId;
import io.vigil.telemetry.CanonicalEvent;
import io.vigil.telemetry.EventEnvelope;
import io.vigil.telemetry.EventId;
import io.vigil.telemetry.EventOrigin;
import io.vigil.telemetry.EventParser;
import io.vigil.telemetry.ParseContext;
import io.vigil.telemetry.ParseOutcome;
import io.vigil.telemetry.SourceFormat;
import io.vigil.telemetry.internal.MalformedRecordException;
import io.vigil.telemetry.internal.Times;
import io.vigil.telemetry.internal.windows.WindowsEvents;
import io.vigil.telemetry.mapping.FieldMappings;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.StringJoiner;
import java.util.function.Consumer;
import tools.jackson.databind.JsonNode;

/**
 * Reads ECS documents (Winlogbeat, Elastic Agent), one JSON object per line. Elasticsearch {@code
 * _bulk} action lines ({@code {"index":{…}}}, {@code create}, {@code update}, {@code delete}) are
 * skipped, so a bulk body can be parsed as is. Windows event log documents ({@code winlog.*}) keep
 * their {@code winlog.event_data} fields under their own names and are categorised by channel and
 * event id; other documents are categorised by {@code event.category}/{@code event.type}. ECS fields
 * with a Sigma counterpart are added under the Sigma name; all fields stay under their dotted names.
 */
public final class EcsParser implements EventParser {
    private static final Set<String> BULK_ACTIONS = Set.of("index", "create", "update", "delete");
    private static final String EVENT_DATA = "winlog.event_data.";
    private static final String USER_DATA = "winlog.user_data.";

    @Override
    public SourceFormat format() {
        return SourceFormat.ECS;
    }

    @Override
    public void parse(InputStream input, ParseContext context, Consumer<ParseOutcome> sink) {
        JsonObjectLines.parse(
                input, context, sink, (node, text) -> isBulkAction(node) ? null : toEvent(node, context, text));
    }

    private static boolean isBulkAction(JsonNode node) {
        if (node.size() != 1) {
            return false;
        }
        String key = node.propertyNames().iterator().next();
        return BULK_ACTIONS.contains(key) && node.get(key).isObject();
    }

    private CanonicalEvent toEvent(JsonNode node, ParseContext context, String raw) {
        Map<String, String> flat = new LinkedHashMap<>();
        flatten("", node, flat, 0);
        String timestamp = flat.getOrDefault("@timestamp", "");
        if (timestamp.isEmpty()) {
            throw new MalformedRecordException("ECS document has no @timestamp");
        }
        String eventCode = flat.getOrDefault("winlog.event_id", flat.getOrDefault("event.code", ""));
        if (flat.containsKey("winlog.channel") && !eventCode.isEmpty()) {
            return windowsEvent(flat, eventCode, context, raw);
        }
        return otherEvent(flat, context, raw);
    }

    private CanonicalEvent windowsEvent(Map<String, String> flat, String eventCode, ParseContext context, String raw) {
        int eventId = WindowsEvents.parseEventId(eventCode);
        String channel = FieldMappings.defaults().canonicalChannel(flat.getOrDefault("winlog.channel", ""));
        String provider = flat.getOrDefault("winlog.provider_name", "");
        String computer = flat.getOrDefault("winlog.computer_name", flat.getOrDefault("host.name", ""));
        String recordId = flat.getOrDefault("winlog.record_id", "");
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("EventID", Integer.toString(eventId));
        putIfPresent(fields, "Provider_Name", provider);
        fields.put("Channel", channel);
        putIfPresent(fields, "Computer", computer);
        putIfPresent(fields, "EventRecordID", recordId);
        flat.forEach((name, value) -> {
            if (name.startsWith(EVENT_DATA)) {
                fields.put(name.substring(EVENT_DATA.length()), value);
            } else if (name.startsWith(USER_DATA)) {
                fields.put(name.substring(USER_DATA.length()), value);
            }
        });
        addSigmaNamesAndRest(flat, fields);
        WindowsEvents.Header header = new WindowsEvents.Header(
                eventId, channel, provider, computer, recordId, Times.parse(flat.getOrDefault("@timestamp", "")));
        return WindowsEvents.assemble(header, fields, format(), context, raw);
    }

    private CanonicalEvent otherEvent(Map<String, String> flat, ParseContext context, String raw) {
        FieldMappings mappings = FieldMappings.defaults();
        Map<String, String> fields = new LinkedHashMap<>();
        addSigmaNamesAndRest(flat, fields);
        String host = flat.getOrDefault("host.name", flat.getOrDefault("host.hostname", ""));
        AssetId asset = context.asset() != null
                ? context.asset()
                : new AssetId(host.isBlank() ? "unknown" : host.toLowerCase(Locale.ROOT));
        String eventId = flat.getOrDefault("event.id", "");
        List<String> identity = eventId.isEmpty() ? List.of("raw", raw) : List.of("ecs", host, eventId);
        String module = flat.getOrDefault("event.module", flat.getOrDefault("event.dataset", "ecs"));
        EventEnvelope envelope = new EventEnvelope(
                context.tenant(),
                asset,
                EventId.derive(context.tenant(), identity),
                Times.parse(flat.getOrDefault("@timestamp", "")),
                context.clock().instant(),
                format(),
                new EventOrigin.Other(
                        "ecs:" + (module.isBlank() ? "unknown" : module), flat.getOrDefault("event.action", "")),
                mappings.sigmaCategoryForEcs(
                        split(flat.getOrDefault("event.category", "")), split(flat.getOrDefault("event.type", ""))));
        return new CanonicalEvent(envelope, fields, raw);
    }

    private static void addSigmaNamesAndRest(Map<String, String> flat, Map<String, String> fields) {
        FieldMappings mappings = FieldMappings.defaults();
        flat.forEach((name, value) -> {
            String sigma = mappings.sigmaNameForEcs(name);
            if (sigma != null && !name.startsWith(EVENT_DATA)) {
                fields.putIfAbsent(sigma, value);
            }
        });
        flat.forEach(fields::putIfAbsent);
    }

    private static void flatten(String prefix, JsonNode node, Map<String, String> out, int depth) {
        if (depth > 32) {
            out.put(prefix, node.toString());
            return;
        }
        if (node.isObject()) {
            for (Map.Entry<String, JsonNode> member : node.properties()) {
                String key = prefix.isEmpty() ? member.getKey() : prefix + "." + member.getKey();
                if (!key.isEmpty()) {
                    flatten(key, member.getValue(), out, depth + 1);
                }
            }
        } else if (node.isArray()) {
            StringJoiner joined = new StringJoiner(",");
            node.forEach(item -> joined.add(item.isContainer() ? item.toString() : Json.scalar(item)));
            if (!prefix.isEmpty()) {
                out.put(prefix, joined.toString());
            }
        } else if (!prefix.isEmpty() && !node.isNull()) {
            out.put(prefix, Json.scalar(node));
        }
    }

    private static List<String> split(String value) {
        List<String> parts = new ArrayList<>();
        for (String part : value.split(",", -1)) {
            if (!part.isBlank()) {
                parts.add(part.strip());
            }
        }
        return parts;
    }

    private static void putIfPresent(Map<String, String> fields, String name, String value) {
        if (!value.isEmpty()) {
            fields.put(name, value);
        }
    }
}
