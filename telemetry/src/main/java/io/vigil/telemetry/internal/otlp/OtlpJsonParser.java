package io.vigil.telemetry.internal.otlp;

import io.vigil.telemetry.EventParser;
import io.vigil.telemetry.ParseContext;
import io.vigil.telemetry.ParseOutcome;
import io.vigil.telemetry.SourceFormat;
import io.vigil.telemetry.SourceLocation;
import io.vigil.telemetry.internal.MalformedRecordException;
import io.vigil.telemetry.internal.Outcomes;
import io.vigil.telemetry.internal.json.Json;
import java.io.InputStream;
import java.util.Map;
import java.util.function.Consumer;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.databind.JsonNode;

/**
 * Reads an OTLP/HTTP logs request in its JSON encoding ({@code {"resourceLogs":[…]}}), streaming one
 * {@code resourceLogs} entry at a time. Records from the OpenTelemetry Collector's Windows event log
 * receiver become Windows events (structured body, or the event XML with {@code raw: true}); any
 * other log record becomes an event with its body as {@code Message} and its attributes as fields.
 * Issues are located at the line of the {@code resourceLogs} entry that holds the record.
 */
public final class OtlpJsonParser implements EventParser {

    @Override
    public SourceFormat format() {
        return SourceFormat.OTLP_JSON;
    }

    @Override
    public void parse(InputStream input, ParseContext context, Consumer<ParseOutcome> sink) {
        String source = context.sourceName();
        long line = 1;
        try (JsonParser parser = Json.MAPPER.createParser(input)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                Outcomes.error(sink, new SourceLocation.Line(source, line), "an OTLP logs request is a JSON object");
                return;
            }
            boolean found = false;
            while (parser.nextToken() == JsonToken.PROPERTY_NAME) {
                String name = parser.currentName();
                JsonToken value = parser.nextToken();
                if (!"resourceLogs".equals(name) || value != JsonToken.START_ARRAY) {
                    parser.skipChildren();
                    continue;
                }
                found = true;
                while (parser.nextToken() == JsonToken.START_OBJECT) {
                    line = Math.max(1, parser.currentTokenLocation().getLineNr());
                    JsonNode resourceLogs = Json.MAPPER.readTree(parser);
                    new OtlpRecords(context, sink, new SourceLocation.Line(source, line)).resourceLogs(resourceLogs);
                }
            }
            if (!found) {
                Outcomes.error(sink, new SourceLocation.Line(source, 1), "no \"resourceLogs\" array");
            }
        } catch (JacksonException e) {
            long errorLine =
                    e.getLocation() == null ? line : Math.max(1, e.getLocation().getLineNr());
            Outcomes.error(sink, new SourceLocation.Line(source, errorLine), "invalid JSON: " + e.getOriginalMessage());
        } catch (MalformedRecordException e) {
            Outcomes.error(sink, new SourceLocation.Line(source, line), e.reason());
        }
    }

    /** Exposed for the records helper: converts a resource's attributes. */
    static Map<String, Object> resourceAttributes(JsonNode resourceLogs) {
        return OtlpValues.attributes(resourceLogs.path("resource").path("attributes"), 0);
    }
}
