package io.vigil.server.hunt;

import io.vigil.server.detection.CanonicalSigmaEvent;
import io.vigil.sigma.Match;
import io.vigil.sigma.RuleSet;
import io.vigil.telemetry.CanonicalEvent;
import io.vigil.telemetry.ParseContext;
import io.vigil.telemetry.ParseIssue;
import io.vigil.telemetry.ParseOutcome;
import io.vigil.telemetry.Parsers;
import io.vigil.telemetry.SourceFormat;
import io.vigil.telemetry.TenantId;
import java.io.BufferedInputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

/** One run of {@code vigil hunt}: reads every input once, streaming, and counts what it saw. */
final class Hunt {

    private static final int HEAD = 4096;
    private static final TenantId OFFLINE = new TenantId("offline");

    private final RuleSet rules;
    private final HuntOutput output;
    private final int minRank;
    private final Progress progress;
    private final TreeMap<String, Long> byLevel = new TreeMap<>();
    private final List<String> firstIssues = new ArrayList<>();
    private final List<String> skipped = new ArrayList<>();
    private long bytesRead;
    private long totalBytes;
    private long records;
    private long errors;
    private long warnings;
    private long detections;
    private int filesDone;
    private int files;
    private final long started = System.nanoTime();

    Hunt(RuleSet rules, HuntOutput output, int minRank, Progress progress) {
        this.rules = rules;
        this.output = output;
        this.minRank = minRank;
        this.progress = progress;
    }

    void run(List<Path> inputs) {
        List<Path> all = new ArrayList<>();
        for (Path input : inputs) {
            all.addAll(expand(input));
        }
        files = all.size();
        for (Path p : all) {
            try {
                totalBytes += Files.size(p);
            } catch (IOException e) {
                // counted when it fails to open
            }
        }
        output.start();
        for (Path file : all) {
            filesDone++;
            try (InputStream raw = new Counting(Files.newInputStream(file))) {
                if (file.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".zip")) {
                    huntZip(file, raw);
                } else {
                    huntStream(file.toString(), raw);
                }
            } catch (IOException | UncheckedIOException e) {
                errors++;
                note(file + ": cannot read: " + e.getMessage());
            }
        }
        progress.done();
    }

    private void huntZip(Path file, InputStream raw) throws IOException {
        ZipInputStream zip = new ZipInputStream(raw);
        for (ZipEntry entry = zip.getNextEntry(); entry != null; entry = zip.getNextEntry()) {
            if (!entry.isDirectory()) {
                huntStream(file + "!" + entry.getName(), new FilterInputStream(zip) {
                    @Override
                    public void close() {
                        // the zip stream stays open for the next entry
                    }
                });
            }
        }
    }

    private void huntStream(String name, InputStream raw) throws IOException {
        BufferedInputStream in = new BufferedInputStream(raw, 1 << 16);
        in.mark(HEAD);
        byte[] head = in.readNBytes(HEAD);
        in.reset();
        Optional<SourceFormat> format = Parsers.detect(head);
        if (format.isEmpty()) {
            skipped.add(name);
            return;
        }
        ParseContext context = ParseContext.offline(OFFLINE, name, Clock.systemUTC());
        Parsers.forFormat(format.get()).parse(in, context, outcome -> {
            switch (outcome) {
                case ParseOutcome.Parsed parsed -> match(parsed.event(), name);
                case ParseOutcome.Failed failed -> issue(name, failed.issue());
            }
        });
    }

    private void match(CanonicalEvent event, String source) {
        records++;
        for (Match m : rules.match(new CanonicalSigmaEvent(event))) {
            Detection d = Detection.of(event, m, source);
            if (Level.rank(d.level()) >= minRank || minRank <= 0) {
                detections++;
                byLevel.merge(d.level(), 1L, Long::sum);
                output.write(d);
            }
        }
        if ((records & 1023) == 0) {
            progress.update(filesDone, files, bytesRead, totalBytes, records, detections);
        }
    }

    private void issue(String source, ParseIssue issue) {
        if (issue.severity() == ParseIssue.Severity.ERROR) {
            errors++;
        } else {
            warnings++;
        }
        note(source + ": " + issue);
    }

    private void note(String line) {
        if (firstIssues.size() < 10) {
            firstIssues.add(line);
        }
    }

    void summary(PrintStream err) {
        Duration elapsed = Duration.ofNanos(System.nanoTime() - started);
        double seconds = Math.max(elapsed.toMillis(), 1) / 1000.0;
        err.printf(
                Locale.ROOT,
                "%nvigil hunt: %d files (%s), %,d records in %.1f s (%,.0f records/s)%n",
                files - skipped.size(),
                Progress.size(bytesRead),
                records,
                seconds,
                records / seconds);
        err.printf(Locale.ROOT, "  parse errors: %,d   warnings: %,d%n", errors, warnings);
        firstIssues.forEach(i -> err.println("    " + i));
        if (!skipped.isEmpty()) {
            err.printf("  skipped (format not recognised): %d, e.g. %s%n", skipped.size(), skipped.get(0));
        }
        err.printf(Locale.ROOT, "  detections: %,d", detections);
        for (int i = Level.ORDER.size() - 1; i >= 0; i--) {
            Long n = byLevel.get(Level.ORDER.get(i));
            if (n != null) {
                err.printf(Locale.ROOT, "   %s %,d", Level.ORDER.get(i), n);
            }
        }
        err.println();
    }

    private static List<Path> expand(Path input) {
        if (!Files.isDirectory(input)) {
            return List.of(input);
        }
        try (Stream<Path> walk = Files.walk(input)) {
            return walk.filter(Files::isRegularFile).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + input, e);
        }
    }

    /** Counts the bytes read from files, for progress and the summary. */
    private final class Counting extends FilterInputStream {
        Counting(InputStream in) {
            super(in);
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            if (b >= 0) {
                bytesRead++;
            }
            return b;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int n = super.read(b, off, len);
            if (n > 0) {
                bytesRead += n;
            }
            return n;
        }
    }
}
