package io.vigil.server.ingest;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.vigil.telemetry.AssetId;
import io.vigil.telemetry.CanonicalEvent;
import io.vigil.telemetry.ParseContext;
import io.vigil.telemetry.ParseIssue;
import io.vigil.telemetry.ParseOutcome;
import io.vigil.telemetry.Parsers;
import io.vigil.telemetry.SourceFormat;
import io.vigil.telemetry.SourceLocation;
import io.vigil.telemetry.TenantId;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.time.Clock;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import org.springframework.stereotype.Service;

/**
 * Parses telemetry bodies and appends their events to the {@link TelemetryLog}. A body is appended
 * in chunks while it is parsed; the caller answers the sender only after this returns, i.e. after
 * the last chunk is committed. Records that cannot be read are reported and counted, the rest is
 * kept (see {@code docs/ingest.md}, "Bad records").
 */
@Service
public class IngestService {

    /** Issues listed in one answer; counts are always complete. */
    public static final int MAX_REPORTED_ISSUES = 100;

    private final TelemetryLog log;
    private final IngestProperties properties;
    private final LogSignal signal;
    private final Clock clock;
    private final Map<SourceFormat, Counters> counters = new EnumMap<>(SourceFormat.class);

    /** The counters of one format. */
    private record Counters(Counter accepted, Counter duplicate, Counter rejected) {}

    IngestService(TelemetryLog log, IngestProperties properties, LogSignal signal, Clock clock, MeterRegistry meters) {
        this.log = log;
        this.properties = properties;
        this.signal = signal;
        this.clock = clock;
        for (SourceFormat format : SourceFormat.values()) {
            String tag = format.name().toLowerCase(Locale.ROOT);
            counters.put(
                    format,
                    new Counters(
                            counter(meters, tag, "accepted"),
                            counter(meters, tag, "duplicate"),
                            counter(meters, tag, "rejected")));
        }
    }

    private static Counter counter(MeterRegistry meters, String format, String result) {
        return Counter.builder("vigil.ingest.events")
                .description("telemetry records received, by format and result")
                .tag("format", format)
                .tag("result", result)
                .register(meters);
    }

    /**
     * Parses a body and appends its events durably.
     *
     * @param who the sender (decides tenant and asset)
     * @param format the body's format
     * @param body the body; read to the end, not closed
     * @param sourceName the name issues are located in (e.g. the file name or "batch")
     * @return what happened to each record
     */
    public IngestReport ingest(IngestCredential who, SourceFormat format, InputStream body, String sourceName) {
        Batch batch = new Batch(format);
        Parsers.forFormat(format).parse(body, context(who, sourceName), outcome -> {
            switch (outcome) {
                case ParseOutcome.Parsed parsed -> {
                    batch.pending.add(parsed.event());
                    if (batch.pending.size() >= properties.appendChunk()) {
                        batch.flush();
                    }
                }
                case ParseOutcome.Failed failed -> batch.issue(failed.issue());
            }
        });
        batch.flush();
        return batch.report();
    }

    /**
     * Parses one small document (an Elasticsearch {@code _bulk} item) without appending it.
     *
     * @return the events and issues of that document
     */
    List<ParseOutcome> parseDocument(IngestCredential who, SourceFormat format, byte[] document, String sourceName) {
        List<ParseOutcome> outcomes = new ArrayList<>(1);
        Parsers.forFormat(format).parse(new ByteArrayInputStream(document), context(who, sourceName), outcomes::add);
        return outcomes;
    }

    /** Appends already parsed events durably, counting them under {@code format}. */
    TelemetryLog.Appended append(SourceFormat format, List<CanonicalEvent> events, int rejectedCount) {
        TelemetryLog.Appended appended = log.append(events);
        count(format, appended, rejectedCount);
        if (appended.addedCount() > 0) {
            signal.appended();
        }
        return appended;
    }

    private void count(SourceFormat format, TelemetryLog.Appended appended, int rejectedCount) {
        Counters c = Objects.requireNonNull(counters.get(format));
        c.accepted().increment(appended.addedCount());
        c.duplicate().increment(appended.duplicates());
        c.rejected().increment(rejectedCount);
    }

    private ParseContext context(IngestCredential who, String sourceName) {
        String asset = who.asset();
        return new ParseContext(
                new TenantId(who.tenant().value()), asset == null ? null : new AssetId(asset), sourceName, clock);
    }

    static IngestReport.Issue issue(ParseIssue issue) {
        long line = issue.location() instanceof SourceLocation.Line l ? l.line() : 0;
        String where = switch (issue.location()) {
            case SourceLocation.Line l -> "line " + l.line();
            case SourceLocation.ByteOffset o -> "byte " + o.offset();
        };
        return new IngestReport.Issue(where, line, issue.severity().name().toLowerCase(Locale.ROOT), issue.message());
    }

    /** The state of one body being ingested. */
    private final class Batch {
        private final SourceFormat format;
        private final List<CanonicalEvent> pending = new ArrayList<>();
        private final List<IngestReport.Issue> issues = new ArrayList<>();
        private int events;
        private int added;
        private int duplicates;
        private int errors;
        private int warnings;
        private int uncountedErrors;

        Batch(SourceFormat format) {
            this.format = format;
        }

        void issue(ParseIssue issue) {
            if (issue.severity() == ParseIssue.Severity.ERROR) {
                errors++;
                uncountedErrors++;
            } else {
                warnings++;
            }
            if (issues.size() < MAX_REPORTED_ISSUES) {
                issues.add(IngestService.issue(issue));
            }
        }

        void flush() {
            events += pending.size();
            TelemetryLog.Appended appended = append(format, List.copyOf(pending), uncountedErrors);
            uncountedErrors = 0;
            added += appended.addedCount();
            duplicates += appended.duplicates();
            pending.clear();
        }

        IngestReport report() {
            return new IngestReport(events, added, duplicates, errors, warnings, List.copyOf(issues));
        }
    }
}
