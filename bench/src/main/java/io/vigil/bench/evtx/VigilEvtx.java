package io.vigil.bench.evtx;

import io.vigil.telemetry.EventParser;
import io.vigil.telemetry.ParseContext;
import io.vigil.telemetry.ParseOutcome;
import io.vigil.telemetry.Parsers;
import io.vigil.telemetry.SourceFormat;
import io.vigil.telemetry.TenantId;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;

/** Runs Vigil's EVTX parser the way ingest does and counts what came out. */
public final class VigilEvtx {
    private static final TenantId TENANT = new TenantId("bench");
    private final EventParser parser = Parsers.forFormat(SourceFormat.EVTX);
    private final Clock clock = Clock.systemUTC();

    /**
     * What one or more parses produced.
     *
     * @param events events emitted (each with its fields and its rendered event XML)
     * @param issues errors and warnings reported
     * @param rawChars characters of rendered event XML, summed so the work cannot be skipped
     */
    public record Tally(long events, long issues, long rawChars) {
        /**
         * Adds another tally.
         *
         * @param other the tally to add
         * @return the sum
         */
        public Tally plus(Tally other) {
            return new Tally(events + other.events, issues + other.issues, rawChars + other.rawChars);
        }
    }

    /**
     * Parses one file held in memory.
     *
     * @param name the source name
     * @param content the file's bytes
     * @return what was produced
     */
    public Tally parse(String name, byte[] content) {
        return parse(name, new ByteArrayInputStream(content));
    }

    /**
     * Parses one file from disk, as a user's upload or {@code vigil hunt} would.
     *
     * @param file the file
     * @return what was produced
     * @throws UncheckedIOException when the file cannot be read
     */
    public Tally parse(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            return parse(file.getFileName().toString(), in);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }

    private Tally parse(String name, InputStream in) {
        long[] counts = new long[3];
        parser.parse(in, ParseContext.offline(TENANT, name, clock), outcome -> {
            switch (outcome) {
                case ParseOutcome.Parsed parsed -> {
                    counts[0]++;
                    counts[2] += parsed.event().raw().length();
                }
                case ParseOutcome.Failed ignored -> counts[1]++;
            }
        });
        return new Tally(counts[0], counts[1], counts[2]);
    }
}
