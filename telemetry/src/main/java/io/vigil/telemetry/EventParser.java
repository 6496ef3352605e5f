package io.vigil.telemetry;

import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * Turns one input of a given format into canonical events. Parsers stream: memory use is bounded by
 * the largest record (or EVTX chunk), not by the input. Malformed records become located {@link
 * ParseIssue}s, never exceptions and never silent drops.
 */
public interface EventParser {

    /** {@return the format this parser reads} */
    SourceFormat format();

    /**
     * Parses the whole input, handing every event and issue to the sink in input order.
     *
     * @param input the bytes; not closed by the parser
     * @param context tenant, asset, source name and clock
     * @param sink receives each outcome
     * @throws TelemetryException when the input cannot be read (retriable)
     */
    void parse(InputStream input, ParseContext context, Consumer<ParseOutcome> sink);

    /**
     * Parses the whole input into memory; meant for small inputs and tests.
     *
     * @param input the bytes; not closed by the parser
     * @param context tenant, asset, source name and clock
     * @return the events and issues
     */
    default ParseResult parseAll(InputStream input, ParseContext context) {
        List<CanonicalEvent> events = new ArrayList<>();
        List<ParseIssue> issues = new ArrayList<>();
        parse(input, context, outcome -> {
            switch (outcome) {
                case ParseOutcome.Parsed parsed -> events.add(parsed.event());
                case ParseOutcome.Failed failed -> issues.add(failed.issue());
            }
        });
        return new ParseResult(events, issues);
    }
}
