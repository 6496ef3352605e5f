package io.vigil.telemetry.internal.json;

import io.vigil.telemetry.CanonicalEvent;
import io.vigil.telemetry.ParseContext;
import io.vigil.telemetry.ParseOutcome;
import io.vigil.telemetry.SourceLocation;
import io.vigil.telemetry.internal.MalformedRecordException;
import io.vigil.telemetry.internal.Outcomes;
import io.vigil.telemetry.internal.text.LineReader;
import java.io.InputStream;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

/**
 * The loop shared by the one-JSON-object-per-line parsers (flat JSON lines, ECS): bounded lines,
 * blank lines skipped, every bad line an error located by its line number, never an exception.
 */
final class JsonObjectLines {

    /** Turns one line's JSON object into an event, or {@code null} to skip the line. */
    @FunctionalInterface
    interface Handler {
        @Nullable
        CanonicalEvent toEvent(JsonNode node, String text);
    }

    private JsonObjectLines() {}

    static void parse(InputStream input, ParseContext context, Consumer<ParseOutcome> sink, Handler handler) {
        LineReader reader = new LineReader(input, context.sourceName(), LineReader.DEFAULT_MAX_LINE);
        for (LineReader.Line line = reader.next(); line != null; line = reader.next()) {
            SourceLocation location = new SourceLocation.Line(context.sourceName(), line.number());
            if (line.tooLong()) {
                Outcomes.error(sink, location, "line longer than " + LineReader.DEFAULT_MAX_LINE + " bytes skipped");
                continue;
            }
            if (line.text().isBlank()) {
                continue;
            }
            try {
                JsonNode node = Json.MAPPER.readTree(line.text());
                if (node == null || !node.isObject()) {
                    throw new MalformedRecordException("line is not a JSON object");
                }
                CanonicalEvent event = handler.toEvent(node, line.text());
                if (event != null) {
                    Outcomes.event(sink, event);
                }
            } catch (JacksonException e) {
                Outcomes.error(sink, location, "invalid JSON: " + e.getOriginalMessage());
            } catch (MalformedRecordException e) {
                Outcomes.error(sink, location, e.reason());
            }
        }
    }
}
