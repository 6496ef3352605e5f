package io.vigil.telemetry;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.junit.jupiter.api.Test;

/** Every Mordor recording parses fully: records counted, zero errors, no silent drops. */
class MordorDataTest {

    @Test
    void shouldParseEveryMordorRecordingWithZeroErrors() throws IOException {
        Path root = SharedData.require("datasets/mordor");
        List<Path> zips;
        try (Stream<Path> files = Files.list(root)) {
            zips = files.filter(p -> p.toString().endsWith(".zip")).sorted().toList();
        }
        List<String> problems = new ArrayList<>();
        long totalEvents = 0;
        for (Path zip : zips) {
            try (ZipInputStream in = new ZipInputStream(Files.newInputStream(zip))) {
                for (ZipEntry entry = in.getNextEntry(); entry != null; entry = in.getNextEntry()) {
                    Summary summary = parse(entry.getName(), in);
                    System.out.printf(
                            "Mordor %s/%s: %s, %d lines, %d events, %d errors, %d warnings, %d Sigma-categorised%n",
                            zip.getFileName(),
                            entry.getName(),
                            summary.format,
                            summary.lines,
                            summary.events,
                            summary.errors,
                            summary.warnings,
                            summary.categorised);
                    totalEvents += summary.events;
                    if (summary.errors > 0 || summary.warnings > 0 || summary.events == 0) {
                        problems.add(zip.getFileName() + ": " + summary.firstIssue);
                    }
                    if (summary.format == SourceFormat.JSON_LINES && summary.events != summary.lines) {
                        problems.add(
                                zip.getFileName() + ": " + summary.lines + " lines but " + summary.events + " events");
                    }
                    if (summary.lowerCaseChannels > 0) {
                        problems.add(zip.getFileName() + ": channel spelling not normalised");
                    }
                }
            }
        }
        System.out.printf("Mordor: %d files, %d events%n", zips.size(), totalEvents);
        assertThat(zips).hasSize(7);
        assertThat(problems).isEmpty();
    }

    private static final class Summary {
        SourceFormat format = SourceFormat.JSON_LINES;
        long lines;
        long events;
        long errors;
        long warnings;
        long categorised;
        long lowerCaseChannels;
        String firstIssue = "";
    }

    private static Summary parse(String name, InputStream zipEntry) throws IOException {
        byte[] bytes = zipEntry.readAllBytes();
        Summary summary = new Summary();
        summary.format = Parsers.detect(Arrays.copyOf(bytes, Math.min(bytes.length, 4096)))
                .orElseThrow();
        summary.lines = new String(bytes, StandardCharsets.UTF_8)
                .lines()
                .filter(line -> !line.isBlank())
                .count();
        InputStream in = new ByteArrayInputStream(bytes);
        Parsers.forFormat(summary.format).parse(in, TestContexts.offline(name), outcome -> {
            switch (outcome) {
                case ParseOutcome.Parsed parsed -> {
                    summary.events++;
                    if (parsed.event().envelope().sigmaCategory() != null) {
                        summary.categorised++;
                    }
                    if (parsed.event().envelope().origin() instanceof EventOrigin.Windows w
                            && w.channel().equals("security")) {
                        summary.lowerCaseChannels++;
                    }
                }
                case ParseOutcome.Failed failed -> {
                    if (failed.issue().severity() == ParseIssue.Severity.ERROR) {
                        summary.errors++;
                    } else {
                        summary.warnings++;
                    }
                    if (summary.firstIssue.isEmpty()) {
                        summary.firstIssue = failed.issue().toString();
                    }
                }
            }
        });
        return summary;
    }
}
