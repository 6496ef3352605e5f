package io.vigil.telemetry.internal.agent;

import io.vigil.telemetry.EventParser;
import io.vigil.telemetry.ParseContext;
import io.vigil.telemetry.ParseOutcome;
import io.vigil.telemetry.SourceFormat;
import io.vigil.telemetry.SourceLocation;
import io.vigil.telemetry.TelemetryException;
import io.vigil.telemetry.internal.MalformedRecordException;
import io.vigil.telemetry.internal.Outcomes;
import io.vigil.telemetry.internal.text.LineReader;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.function.Consumer;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;

/**
 * Reads one Vigil agent batch (docs/agent-protocol.md): gzip-compressed or plain NDJSON, a header
 * line then one event per line. A bad header rejects the batch (one error at line 1); a bad event
 * line is an error with its number and the rest is read; corrupt gzip data or a batch over 64 MiB
 * uncompressed ends the batch with an error.
 */
public final class AgentBatchParser implements EventParser {
    static final long MAX_UNCOMPRESSED = 64L * 1024 * 1024;

    @Override
    public SourceFormat format() {
        return SourceFormat.AGENT_NDJSON;
    }

    @Override
    public void parse(InputStream input, ParseContext context, Consumer<ParseOutcome> sink) {
        String source = context.sourceName();
        GuardedInputStream body;
        try {
            BufferedInputStream buffered = new BufferedInputStream(input, 65536);
            buffered.mark(2);
            int first = buffered.read();
            int second = buffered.read();
            buffered.reset();
            InputStream plain = first == 0x1f && second == 0x8b ? new GZIPInputStream(buffered, 65536) : buffered;
            body = new GuardedInputStream(plain, MAX_UNCOMPRESSED);
        } catch (ZipException | java.io.EOFException e) {
            Outcomes.error(sink, new SourceLocation.ByteOffset(source, 0), "corrupt gzip header: " + e.getMessage());
            return;
        } catch (IOException e) {
            throw new TelemetryException("cannot read " + source, e, true);
        }
        LineReader reader = new LineReader(body, source, 16 * 1024 * 1024);
        AgentEvents events = null;
        long lastLine = 1;
        for (LineReader.Bytes line = reader.nextBytes(); line != null; line = reader.nextBytes()) {
            lastLine = line.number();
            SourceLocation location = new SourceLocation.Line(source, line.number());
            if (line.tooLong()) {
                Outcomes.error(sink, location, "line longer than 16 MiB skipped");
                continue;
            }
            if (blank(line)) {
                continue;
            }
            try {
                if (events == null) {
                    events = AgentEvents.fromHeader(line.text(), context);
                } else {
                    Outcomes.event(sink, events.toCanonical(line.bytes(), line.offset(), line.length()));
                }
            } catch (MalformedRecordException e) {
                Outcomes.error(sink, location, e.reason());
                if (events == null) {
                    return;
                }
            }
        }
        if (body.problem() != null) {
            Outcomes.error(sink, new SourceLocation.Line(source, lastLine), String.valueOf(body.problem()));
        } else if (events == null) {
            Outcomes.error(sink, new SourceLocation.Line(source, 1), "empty batch: no header line");
        }
    }

    /** Whether the line is empty or white space only, as {@link String#isBlank} decides for its text. */
    private static boolean blank(LineReader.Bytes line) {
        byte[] b = line.bytes();
        for (int i = line.offset(); i < line.offset() + line.length(); i++) {
            int c = b[i];
            if (c != ' ' && c != '\t' && c != '\r' && c != '\n' && c != 0x0B && c != 0x0C && (c < 0x1C || c > 0x1F)) {
                return c < 0 && line.text().isBlank(); // non-ASCII: let the decoded text decide
            }
        }
        return true;
    }
}
