package io.vigil.telemetry.internal.json;

import io.vigil.telemetry.EventParser;
import io.vigil.telemetry.ParseContext;
import io.vigil.telemetry.ParseOutcome;
import io.vigil.telemetry.SourceFormat;
import io.vigil.telemetry.internal.MalformedRecordException;
import io.vigil.telemetry.internal.Times;
import io.vigil.telemetry.internal.windows.WindowsEvents;
import io.vigil.telemetry.mapping.FieldMappings;
import java.io.InputStream;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.StringJoiner;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * Reads flat JSON lines of Windows events as NXLog, Winlogbeat-like pipelines and the Mordor
 * recordings write them: one object per line, {@code EventID}, {@code Channel} (any case), host,
 * provider and time under one of several names, event data fields at the top level, numbers
 * sometimes written as strings. Blank lines are skipped; every bad line is an error with its number.
 */
public final class FlatJsonLinesParser implements EventParser {
    private static final List<String> HOST_KEYS = List.of("Hostname", "Computer", "computer_name", "host");
    private static final List<String> PROVIDER_KEYS = List.of("SourceName", "ProviderName", "Provider_Name");
    private static final List<String> TIME_KEYS = List.of("TimeCreated", "@timestamp", "EventTime", "UtcTime");
    private static final List<String> RECORD_KEYS = List.of("EventRecordID", "RecordNumber");
    private static final Set<String> CONSUMED = Set.of(
            "EventID",
            "Channel",
            "Hostname",
            "Computer",
            "computer_name",
            "SourceName",
            "ProviderName",
            "Provider_Name",
            "EventRecordID",
            "RecordNumber");

    @Override
    public SourceFormat format() {
        return SourceFormat.JSON_LINES;
    }

    @Override
    public void parse(InputStream input, ParseContext context, Consumer<ParseOutcome> sink) {
        JsonObjectLines.parse(input, context, sink, (node, text) -> toEvent(node, context, text));
    }

    private io.vigil.telemetry.CanonicalEvent toEvent(JsonNode node, ParseContext context, String raw) {
        JsonNode eventIdNode = node.get("EventID");
        if (eventIdNode == null || eventIdNode.isContainer()) {
            throw new MalformedRecordException("no EventID");
        }
        int eventId = WindowsEvents.parseEventId(Json.scalar(eventIdNode));
        String channel = FieldMappings.defaults().canonicalChannel(first(node, List.of("Channel")));
        String computer = first(node, HOST_KEYS);
        String provider = first(node, PROVIDER_KEYS);
        String recordId = first(node, RECORD_KEYS);
        String time = first(node, TIME_KEYS);
        if (time.isEmpty()) {
            throw new MalformedRecordException("no time stamp (TimeCreated, @timestamp, EventTime or UtcTime)");
        }
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("EventID", Integer.toString(eventId));
        putIfPresent(fields, "Provider_Name", provider);
        putIfPresent(fields, "Channel", channel);
        putIfPresent(fields, "Computer", computer);
        putIfPresent(fields, "EventRecordID", recordId);
        for (Map.Entry<String, JsonNode> member : node.properties()) {
            String name = member.getKey();
            if (!CONSUMED.contains(name) && !name.isEmpty()) {
                fields.put(name, render(name, member.getValue()));
            }
        }
        WindowsEvents.Header header =
                new WindowsEvents.Header(eventId, channel, provider, computer, recordId, Times.parse(time));
        return WindowsEvents.assemble(header, fields, format(), context, raw);
    }

    private static String render(String name, JsonNode value) {
        if (name.equals("Keywords") && value.isIntegralNumber()) {
            return "0x" + Long.toHexString(value.longValue());
        }
        if (value.isArray()) {
            StringJoiner joined = new StringJoiner(",");
            value.forEach(item -> joined.add(item.isContainer() ? item.toString() : Json.scalar(item)));
            return joined.toString();
        }
        return value.isObject() ? value.toString() : Json.scalar(value).strip();
    }

    private static String first(JsonNode node, List<String> keys) {
        for (String key : keys) {
            @Nullable JsonNode value = node.get(key);
            if (value != null && !value.isNull() && !value.isContainer()) {
                String text = Json.scalar(value).strip();
                if (!text.isEmpty()) {
                    return text;
                }
            }
        }
        return "";
    }

    private static void putIfPresent(Map<String, String> fields, String name, String value) {
        if (!value.isEmpty()) {
            fields.put(name, value);
        }
    }
}
