package io.vigil.server.detection;

import io.vigil.sigma.Match;
import io.vigil.sigma.RuleSet;
import io.vigil.telemetry.CanonicalEvent;
import io.vigil.telemetry.ParseContext;
import io.vigil.telemetry.ParseOutcome;
import io.vigil.telemetry.Parsers;
import io.vigil.telemetry.SourceFormat;
import io.vigil.telemetry.TenantId;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;

/**
 * SigmaHQ regression data, end to end through Vigil's own parts: each test's {@code .evtx} is read
 * by the telemetry module's EVTX parser, every event is matched against the whole rule set, and the
 * matches of the tested rule are compared with {@code match_count} (at least one when absent).
 */
final class RegressionRun {

    private static final List<String> RULE_FOLDERS = List.of("rules", "rules-emerging-threats", "rules-threat-hunting");

    private final Path repository;
    private final Map<String, List<String>> placeholders;
    private final PrintStream out;
    private final PrintStream err;

    RegressionRun(Path repository, Map<String, List<String>> placeholders, PrintStream out, PrintStream err) {
        this.repository = repository;
        this.placeholders = placeholders;
        this.out = out;
        this.err = err;
    }

    int run() {
        Path data = repository.resolve("regression_data");
        if (!Files.isDirectory(data)) {
            err.println("vigil rules regress: " + repository + " has no regression_data/ folder");
            return 2;
        }
        List<Path> files = new ArrayList<>();
        RULE_FOLDERS.stream()
                .map(repository::resolve)
                .filter(Files::isDirectory)
                .forEach(f -> files.addAll(RuleFiles.find(f)));
        RuleSet rules = RuleFiles.load(files, placeholders, err);
        out.printf(
                "%d rules loaded, %d refused (from %s)%n",
                rules.rules().size(), rules.refusals().size(), RULE_FOLDERS);
        int passed = 0;
        int failed = 0;
        for (Path info : infoFiles(data)) {
            String failure = runOne(rules, info);
            if (failure == null) {
                passed++;
            } else if (!failure.isEmpty()) {
                failed++;
                out.println("FAIL " + repository.relativize(info.getParent()) + ":" + failure);
            }
        }
        out.printf("%d passed, %d failed%n", passed, failed);
        return failed == 0 ? 0 : 1;
    }

    /** {@code null} when the test passes, "" when the info file has no tests, else what went wrong. */
    @SuppressWarnings("unchecked")
    private @Nullable String runOne(RuleSet rules, Path info) {
        Map<String, Object> doc;
        try {
            doc = (Map<String, Object>) new Load(LoadSettings.builder().build())
                    .loadFromString(Files.readString(info, StandardCharsets.UTF_8));
        } catch (IOException | RuntimeException e) {
            return " cannot read info.yml: " + e.getMessage();
        }
        if (!(doc.get("regression_tests_info") instanceof List<?> tests)
                || !(doc.get("rule_metadata") instanceof List<?> meta)
                || meta.isEmpty()
                || !(meta.get(0) instanceof Map<?, ?> first)) {
            return "";
        }
        String ruleId = String.valueOf(first.get("id"));
        StringBuilder problems = new StringBuilder();
        for (Object t : tests) {
            if (!(t instanceof Map<?, ?> test)) {
                continue;
            }
            Path evtx = repository.resolve(String.valueOf(test.get("path")));
            int count = countMatches(rules, evtx, ruleId, problems);
            Object expected = test.get("match_count");
            boolean ok = expected instanceof Number n ? count == n.intValue() : count >= 1;
            if (!ok) {
                problems.append(" expected ")
                        .append(expected == null ? ">=1" : expected)
                        .append(" got ")
                        .append(count);
            }
        }
        return problems.isEmpty() ? null : problems.toString();
    }

    private static int countMatches(RuleSet rules, Path evtx, String ruleId, StringBuilder problems) {
        List<CanonicalEvent> events = new ArrayList<>();
        try (InputStream in = Files.newInputStream(evtx)) {
            Parsers.forFormat(SourceFormat.EVTX)
                    .parse(
                            in,
                            ParseContext.offline(new TenantId("regression"), evtx.toString(), Clock.systemUTC()),
                            outcome -> {
                                switch (outcome) {
                                    case ParseOutcome.Parsed p -> events.add(p.event());
                                    case ParseOutcome.Failed f ->
                                        problems.append(" parse issue: ").append(f.issue());
                                }
                            });
        } catch (IOException e) {
            problems.append(" cannot read ").append(evtx).append(": ").append(e.getMessage());
            return 0;
        }
        int count = 0;
        for (CanonicalEvent event : events) {
            for (Match m : rules.match(new CanonicalSigmaEvent(event))) {
                count += m.rule().id().equals(ruleId) ? 1 : 0;
            }
        }
        return count;
    }

    private static List<Path> infoFiles(Path root) {
        try (Stream<Path> files = Files.walk(root)) {
            return files.filter(p -> p.getFileName().toString().equals("info.yml"))
                    .sorted()
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
