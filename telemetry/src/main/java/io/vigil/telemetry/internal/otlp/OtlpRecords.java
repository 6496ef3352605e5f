package io.vigil.telemetry.internal.otlp;

import io.vigil.telemetry.AssetId;
import io.vigil.telemetry.CanonicalEvent;
import io.vigil.telemetry.EventEnvelope;
import io.vigil.telemetry.EventId;
import io.vigil.telemetry.EventOrigin;
import io.vigil.telemetry.ParseContext;
import io.vigil.telemetry.ParseOutcome;
import io.vigil.telemetry.SourceFormat;
import io.vigil.telemetry.SourceLocation;
import io.vigil.telemetry.internal.MalformedRecordException;
import io.vigil.telemetry.internal.Outcomes;
import io.vigil.telemetry.internal.Times;
import io.vigil.telemetry.internal.windows.WindowsEvents;
import io.vigil.telemetry.internal.xml.WindowsXmlParser;
import io.vigil.telemetry.mapping.FieldMappings;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;
import tools.jackson.databind.JsonNode;

/** Turns the log records of one {@code resourceLogs} entry into canonical events. */
final class OtlpRecords {
    private final ParseContext context;
    private final Consumer<ParseOutcome> sink;
    private final SourceLocation location;

    OtlpRecords(ParseContext context, Consumer<ParseOutcome> sink, SourceLocation location) {
        this.context = context;
        this.sink = sink;
        this.location = location;
    }

    void resourceLogs(JsonNode resourceLogs) {
        Map<String, Object> resource = OtlpJsonParser.resourceAttributes(resourceLogs);
        for (JsonNode scopeLogs : resourceLogs.path("scopeLogs")) {
            String scope = OtlpValues.text(scopeLogs.path("scope").path("name"));
            for (JsonNode record : scopeLogs.path("logRecords")) {
                try {
                    record(record, resource, scope);
                } catch (MalformedRecordException e) {
                    Outcomes.error(sink, location, "log record: " + e.reason());
                }
            }
        }
    }

    private void record(JsonNode record, Map<String, Object> resource, String scope) {
        Object body = OtlpValues.value(record.path("body"), 0);
        if (body instanceof String xml && xml.stripLeading().startsWith("<Event")) {
            windowsXml(xml);
        } else if (body instanceof Map<?, ?> map && map.containsKey("event_id") && map.containsKey("channel")) {
            windowsStructured(map, record);
        } else {
            generic(record, body, resource, scope);
        }
    }

    private void windowsXml(String xml) {
        new WindowsXmlParser()
                .parse(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)), context, outcome -> {
                    switch (outcome) {
                        case ParseOutcome.Parsed parsed -> Outcomes.event(sink, reformat(parsed.event()));
                        case ParseOutcome.Failed failed ->
                            Outcomes.error(
                                    sink,
                                    location,
                                    "event XML in log record: " + failed.issue().message());
                    }
                });
    }

    private void windowsStructured(Map<?, ?> body, JsonNode record) {
        Object eventIdValue = body.get("event_id");
        String eventIdText =
                eventIdValue instanceof Map<?, ?> id ? String.valueOf(id.get("id")) : String.valueOf(eventIdValue);
        int eventId = WindowsEvents.parseEventId(eventIdText);
        String channel = FieldMappings.defaults().canonicalChannel(string(body, "channel"));
        String provider = body.get("provider") instanceof Map<?, ?> p ? string(p, "name") : "";
        String computer = string(body, "computer");
        String recordId = string(body, "record_id");
        String systemTime = string(body, "system_time");
        Instant time = systemTime.isEmpty() ? recordTime(record) : Times.parse(systemTime);
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("EventID", Integer.toString(eventId));
        putIfPresent(fields, "Provider_Name", provider);
        fields.put("Channel", channel);
        putIfPresent(fields, "Computer", computer);
        putIfPresent(fields, "EventRecordID", recordId);
        for (String key : List.of("level", "task", "opcode", "keywords", "message")) {
            putIfPresent(fields, capitalise(key), body.containsKey(key) ? OtlpValues.render(body.get(key)) : "");
        }
        if (body.get("security") instanceof Map<?, ?> security) {
            putIfPresent(fields, "Security_UserID", string(security, "user_id"));
        }
        if (body.get("event_data") instanceof Map<?, ?> data) {
            addEventData(data, fields);
        }
        WindowsEvents.Header header = new WindowsEvents.Header(eventId, channel, provider, computer, recordId, time);
        Outcomes.event(
                sink, WindowsEvents.assemble(header, fields, SourceFormat.OTLP_JSON, context, record.toString()));
    }

    private static void addEventData(Map<?, ?> data, Map<String, String> fields) {
        Object list = data.get("data");
        if (list instanceof List<?> items) {
            for (Object item : items) {
                if (item instanceof Map<?, ?> pair) {
                    pair.forEach((k, v) ->
                            fields.put(String.valueOf(k), OtlpValues.render(v).strip()));
                }
            }
        }
        data.forEach((k, v) -> {
            if (!"data".equals(k)) {
                fields.put(String.valueOf(k), OtlpValues.render(v).strip());
            }
        });
    }

    private void generic(JsonNode record, Object body, Map<String, Object> resource, String scope) {
        Map<String, String> fields = new LinkedHashMap<>();
        putIfPresent(fields, "Message", OtlpValues.render(body));
        putIfPresent(fields, "SeverityText", OtlpValues.text(record.path("severityText")));
        OtlpValues.attributes(record.path("attributes"), 0).forEach((k, v) -> fields.put(k, OtlpValues.render(v)));
        resource.forEach((k, v) -> fields.putIfAbsent("resource." + k, OtlpValues.render(v)));
        String host = OtlpValues.render(resource.getOrDefault("host.name", ""));
        String service = OtlpValues.render(resource.getOrDefault("service.name", scope));
        AssetId asset = context.asset() != null
                ? context.asset()
                : new AssetId(host.isBlank() ? "unknown" : host.toLowerCase(Locale.ROOT));
        EventEnvelope envelope = new EventEnvelope(
                context.tenant(),
                asset,
                EventId.derive(context.tenant(), List.of("otlp", host, record.toString())),
                recordTime(record),
                context.clock().instant(),
                SourceFormat.OTLP_JSON,
                new EventOrigin.Other(
                        "otlp:" + (service.isBlank() ? "unknown" : service), fields.getOrDefault("SeverityText", "")),
                null);
        Outcomes.event(sink, new CanonicalEvent(envelope, fields, record.toString()));
    }

    private CanonicalEvent reformat(CanonicalEvent event) {
        EventEnvelope e = event.envelope();
        return new CanonicalEvent(
                new EventEnvelope(
                        e.tenant(),
                        e.asset(),
                        e.id(),
                        e.eventTime(),
                        e.receiveTime(),
                        SourceFormat.OTLP_JSON,
                        e.origin(),
                        e.sigmaCategory()),
                event.fields(),
                event.raw());
    }

    private static Instant recordTime(JsonNode record) {
        for (String key : List.of("timeUnixNano", "observedTimeUnixNano")) {
            String nanos = OtlpValues.text(record.path(key));
            if (!nanos.isEmpty() && !nanos.equals("0")) {
                try {
                    long value = Long.parseLong(nanos);
                    return Instant.ofEpochSecond(0, value);
                } catch (NumberFormatException e) {
                    throw new MalformedRecordException(key + " is not a number: " + Times.abbreviate(nanos));
                }
            }
        }
        throw new MalformedRecordException("no timeUnixNano or observedTimeUnixNano");
    }

    private static String string(Map<?, ?> map, String key) {
        Object value = map.get(key);
        return value == null ? "" : OtlpValues.render(value).strip();
    }

    private static String capitalise(String key) {
        return Character.toUpperCase(key.charAt(0)) + key.substring(1);
    }

    private static void putIfPresent(Map<String, String> fields, String name, String value) {
        if (!value.isEmpty()) {
            fields.put(name, value);
        }
    }
}
