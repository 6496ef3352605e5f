package io.vigil.telemetry.internal.json;

import io.vigil.telemetry.EventParser;
import io.vigil.telemetry.ParseContext;
import io.vigil.telemetry.ParseOutcome;
import io.vigil.telemetry.SourceFormat;
import io.vigil.telemetry.SourceLocation;
import io.vigil.telemetry.internal.MalformedRecordException;
import io.vigil.telemetry.internal.Outcomes;
import io.vigil.telemetry.internal.windows.WindowsEvents;
import io.vigil.telemetry.internal.windows.XmlElement;
import java.io.InputStream;
import java.util.Map;
import java.util.StringJoiner;
import java.util.function.Consumer;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.databind.JsonNode;

/**
 * Reads evtx_dump-style JSON: one or several concatenated {@code {"Event": {...}}} objects, where
 * elements are objects, attributes sit under {@code #attributes} and mixed text under {@code #text}.
 * Each object is turned back into an element tree and converted like an EVTX record. A syntax error
 * ends the input (concatenated JSON cannot be resynchronised) and is reported with its line.
 */
public final class EvtxJsonParser implements EventParser {

    @Override
    public SourceFormat format() {
        return SourceFormat.EVTX_JSON;
    }

    @Override
    public void parse(InputStream input, ParseContext context, Consumer<ParseOutcome> sink) {
        String source = context.sourceName();
        long line = 1;
        try (JsonParser parser = Json.MAPPER.createParser(input)) {
            for (JsonToken token = parser.nextToken(); token != null; token = parser.nextToken()) {
                line = Math.max(1, parser.currentTokenLocation().getLineNr());
                SourceLocation location = new SourceLocation.Line(source, line);
                if (token != JsonToken.START_OBJECT) {
                    Outcomes.error(sink, location, "expected a JSON object, found " + token);
                    parser.skipChildren();
                    continue;
                }
                JsonNode node = Json.MAPPER.readTree(parser);
                try {
                    JsonNode event = node.get("Event");
                    if (event == null || !event.isObject()) {
                        throw new MalformedRecordException("object has no \"Event\" member");
                    }
                    XmlElement element = toElement("Event", event);
                    Outcomes.event(sink, WindowsEvents.toCanonical(element, format(), context, node.toString()));
                } catch (MalformedRecordException e) {
                    Outcomes.error(sink, location, e.reason());
                }
            }
        } catch (JacksonException e) {
            long errorLine =
                    e.getLocation() == null ? line : Math.max(1, e.getLocation().getLineNr());
            Outcomes.error(sink, new SourceLocation.Line(source, errorLine), "invalid JSON: " + e.getOriginalMessage());
        }
    }

    /**
     * Converts an evtx_dump JSON value into an element: object members become child elements,
     * {@code #attributes} become attributes, {@code #text} and scalars become text; an array of
     * scalars becomes comma-joined text, other arrays repeated elements.
     */
    static XmlElement toElement(String name, JsonNode node) {
        XmlElement element = new XmlElement(name);
        if (node.isObject()) {
            for (Map.Entry<String, JsonNode> member : node.properties()) {
                String key = member.getKey();
                JsonNode value = member.getValue();
                if (key.equals("#attributes") && value.isObject()) {
                    for (Map.Entry<String, JsonNode> attribute : value.properties()) {
                        element.attribute(attribute.getKey(), Json.scalar(attribute.getValue()));
                    }
                } else if (key.equals("#text")) {
                    element.appendText(text(value));
                } else if (value.isArray() && !allScalars(value)) {
                    for (JsonNode item : value) {
                        element.add(toElement(key, item));
                    }
                } else {
                    element.add(toElement(key, value));
                }
            }
        } else {
            element.appendText(text(node));
        }
        return element;
    }

    private static String text(JsonNode value) {
        if (!value.isArray()) {
            return Json.scalar(value);
        }
        StringJoiner joined = new StringJoiner(",");
        for (JsonNode item : value) {
            joined.add(Json.scalar(item));
        }
        return joined.toString();
    }

    private static boolean allScalars(JsonNode array) {
        for (JsonNode item : array) {
            if (item.isContainer()) {
                return false;
            }
        }
        return true;
    }
}
