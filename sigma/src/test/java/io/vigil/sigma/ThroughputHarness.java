package io.vigil.sigma;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Ad-hoc single-thread throughput harness (not a test, not JMH): loads {@code rules/}, then runs
 * the indexed engine over {@link SysmonEventMix} events and the {@code regression_data} events,
 * reporting events per CPU second of the measuring thread and rules evaluated per event.
 *
 * <p>Arguments: shared folder (default {@code ../shared}), seconds per measurement (default 5),
 * events in the Sysmon mix (default 10,000; the events are cycled, so with more of them a value
 * comes back only when the mix itself repeats it, which matters for the engine's per-thread memo of
 * field values).
 */
final class ThroughputHarness {
    private ThroughputHarness() {}

    public static void main(String[] args) {
        Path shared = Path.of(args.length > 0 ? args[0] : "../shared");
        int seconds = args.length > 1 ? Integer.parseInt(args[1]) : 5;
        Path repo = shared.resolve("datasets").resolve("sigma");
        long t0 = System.nanoTime();
        RuleSet rules = SigmaCorpus.load(repo, List.of("rules"), Map.of());
        System.out.printf("loaded %d rules in %.1f s%n", rules.compiled().size(), (System.nanoTime() - t0) / 1e9);

        int mixSize = args.length > 2 ? Integer.parseInt(args[2]) : 10_000;
        List<SigmaEvent> mix = SysmonEventMix.events(mixSize, 42).stream()
                .map(m -> (SigmaEvent) MapEvent.of(m, EvtxJsonEvents.WINDOWS))
                .toList();
        List<SigmaEvent> regression = regressionEvents(repo);
        // correctness spot check against the naive evaluator on part of the mix
        for (SigmaEvent e : mix.subList(0, 200)) {
            if (!NaiveEvaluator.indexedIds(rules, e).equals(NaiveEvaluator.matchingIds(rules, e))) {
                throw new IllegalStateException("indexed != naive for " + e);
            }
        }
        report("sysmon mix", rules, mix, seconds);
        report("regression_data", rules, regression, seconds);
    }

    private static void report(String name, RuleSet rules, List<SigmaEvent> events, int seconds) {
        long candidates = 0;
        long matched = 0;
        for (SigmaEvent e : events) {
            candidates += rules.candidateCount(e);
            matched += NaiveEvaluator.indexedIds(rules, e).size();
        }
        rate(rules, events, Math.max(1, seconds / 2)); // warm-up
        double[] windows = new double[seconds];
        for (int i = 0; i < seconds; i++) {
            windows[i] = rate(rules, events, 1);
        }
        double rate = rate(rules, events, seconds);
        double[] sorted = windows.clone();
        java.util.Arrays.sort(sorted);
        StringBuilder each = new StringBuilder();
        for (double w : windows) {
            each.append(each.isEmpty() ? "" : " ").append(Math.round(w));
        }
        System.out.printf(
                "%s: one-second windows %s (median %.0f, best %.0f)%n",
                name, each, sorted[sorted.length / 2], sorted[sorted.length - 1]);
        System.out.printf(
                "%s: %d events, %.2f rules evaluated per event, %.3f matches per event, indexed %.0f ev/s"
                        + " (per CPU second, one thread)%n",
                name, events.size(), (double) candidates / events.size(), (double) matched / events.size(), rate);
    }

    private static double rate(RuleSet rules, List<SigmaEvent> events, int seconds) {
        ThreadMXBean cpu = ManagementFactory.getThreadMXBean();
        long start = System.nanoTime();
        long cpuStart = cpu.getCurrentThreadCpuTime();
        long n = 0;
        long[] matches = new long[1];
        while (System.nanoTime() - start < seconds * 1_000_000_000L) {
            for (SigmaEvent e : events) {
                rules.forEachMatch(e, m -> matches[0]++);
                n++;
            }
        }
        if (matches[0] < 0) {
            throw new IllegalStateException();
        }
        return n / ((cpu.getCurrentThreadCpuTime() - cpuStart) / 1e9);
    }

    private static List<SigmaEvent> regressionEvents(Path repo) {
        try (Stream<Path> files = Files.walk(repo.resolve("regression_data"))) {
            return files.filter(p -> p.toString().endsWith(".json"))
                    .sorted()
                    .flatMap(p -> EvtxJsonEvents.read(p).stream())
                    .map(m -> (SigmaEvent) MapEvent.of(m, EvtxJsonEvents.WINDOWS))
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
