package io.vigil.telemetry.internal.auditd;

import io.vigil.telemetry.EventParser;
import io.vigil.telemetry.ParseContext;
import io.vigil.telemetry.ParseOutcome;
import io.vigil.telemetry.SourceFormat;
import io.vigil.telemetry.SourceLocation;
import io.vigil.telemetry.internal.MalformedRecordException;
import io.vigil.telemetry.internal.Outcomes;
import io.vigil.telemetry.internal.text.LineReader;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Reads auditd logs ({@code /var/log/audit/audit.log} or {@code ausearch --raw} output). Records of
 * one event share a time stamp and serial and usually follow each other; the parser keeps a small
 * window of open events (interleaving from several CPUs), closes an event on its {@code EOE} record,
 * when the window is full, or at the end of the input, and emits one canonical event per audit event.
 */
public final class AuditdParser implements EventParser {
    private static final int OPEN_EVENTS = 64;
    private static final int MAX_RECORDS_PER_EVENT = 1024;

    @Override
    public SourceFormat format() {
        return SourceFormat.AUDITD;
    }

    @Override
    public void parse(InputStream input, ParseContext context, Consumer<ParseOutcome> sink) {
        LineReader reader = new LineReader(input, context.sourceName(), 1024 * 1024);
        Map<String, List<AuditRecord>> open = new LinkedHashMap<>();
        for (LineReader.Line line = reader.next(); line != null; line = reader.next()) {
            SourceLocation location = new SourceLocation.Line(context.sourceName(), line.number());
            if (line.tooLong()) {
                Outcomes.error(sink, location, "audit line longer than 1 MiB skipped");
                continue;
            }
            if (line.text().isBlank()) {
                continue;
            }
            AuditRecord record;
            try {
                record = AuditRecord.parse(line.text(), line.number());
            } catch (MalformedRecordException e) {
                Outcomes.error(sink, location, e.reason());
                continue;
            }
            if (record.type().equals("EOE")) {
                List<AuditRecord> done = open.remove(record.key());
                if (done != null) {
                    emit(done, context, sink);
                }
                continue;
            }
            List<AuditRecord> records = open.computeIfAbsent(record.key(), k -> new ArrayList<>());
            if (records.size() < MAX_RECORDS_PER_EVENT) {
                records.add(record);
            } else {
                Outcomes.warning(
                        sink,
                        location,
                        "audit event has more than " + MAX_RECORDS_PER_EVENT
                                + " records; record dropped from the event");
            }
            if (open.size() > OPEN_EVENTS) {
                Iterator<List<AuditRecord>> oldest = open.values().iterator();
                emit(oldest.next(), context, sink);
                oldest.remove();
            }
        }
        open.values().forEach(records -> emit(records, context, sink));
    }

    private static void emit(List<AuditRecord> records, ParseContext context, Consumer<ParseOutcome> sink) {
        try {
            Outcomes.event(sink, AuditEvents.toCanonical(records, context));
        } catch (MalformedRecordException | IllegalArgumentException e) {
            String reason = e instanceof MalformedRecordException m ? m.reason() : String.valueOf(e.getMessage());
            Outcomes.error(
                    sink,
                    new SourceLocation.Line(
                            context.sourceName(), records.getFirst().lineNumber()),
                    "audit event " + records.getFirst().serial() + ": " + reason);
        }
    }
}
