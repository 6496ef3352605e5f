package io.vigil.sigma;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The index evaluates only a small share of the rules for real events, and agrees with naive. */
class IndexSelectivityTest {

    @Test
    void shouldEvaluateFewRulesPerRealEventAndAgreeWithNaive() {
        Path repo = SharedData.sigmaRepository();
        RuleSet rules = SigmaCorpus.load(repo, List.of("rules"), Map.of());
        List<SigmaEvent> events = regressionEvents(repo);

        long candidates = 0;
        for (SigmaEvent e : events) {
            candidates += rules.candidateCount(e);
            assertThat(NaiveEvaluator.indexedIds(rules, e)).isEqualTo(NaiveEvaluator.matchingIds(rules, e));
        }
        double perEvent = (double) candidates / events.size();
        double naiveRate = rate(events, e -> NaiveEvaluator.matchingIds(rules, e), 1);
        rate(events, e -> NaiveEvaluator.indexedIds(rules, e), 1); // warm-up for the JIT
        double indexedRate = rate(events, e -> NaiveEvaluator.indexedIds(rules, e), 1);
        System.out.printf(
                "index: %d rules, %d events, %.1f rules evaluated per event; naive %.0f ev/s, indexed %.0f ev/s"
                        + " (per CPU second of one thread, rough)%n",
                rules.compiled().size(), events.size(), perEvent, naiveRate, indexedRate);

        assertThat(events).hasSizeGreaterThan(200);
        assertThat(perEvent).isLessThan(rules.compiled().size() * 0.05);
    }

    private static double rate(
            List<SigmaEvent> events, java.util.function.Function<SigmaEvent, List<String>> f, int seconds) {
        java.lang.management.ThreadMXBean cpu = java.lang.management.ManagementFactory.getThreadMXBean();
        long start = System.nanoTime();
        long cpuStart = cpu.getCurrentThreadCpuTime();
        int n = 0;
        long matches = 0;
        while (System.nanoTime() - start < seconds * 1_000_000_000L) {
            for (SigmaEvent e : events) {
                matches += f.apply(e).size();
                n++;
            }
        }
        assertThat(matches).isPositive();
        // events per CPU second of this thread: robust against other processes sharing the cores
        return n / ((cpu.getCurrentThreadCpuTime() - cpuStart) / 1e9);
    }

    private static List<SigmaEvent> regressionEvents(Path repo) {
        try (Stream<Path> files = Files.walk(repo.resolve("regression_data"))) {
            return files.filter(p -> p.toString().endsWith(".json"))
                    .sorted()
                    .flatMap(p -> EvtxJsonEvents.read(p).stream())
                    .map(m -> (SigmaEvent) MapEvent.of(m))
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
