package io.vigil.bench.sigma;

import io.vigil.sigma.NaiveEvaluator;
import io.vigil.sigma.RuleSet;
import io.vigil.sigma.SigmaEvent;
import io.vigil.sigma.SysmonEventMix;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Single-thread Sigma matching speed over SigmaHQ's {@code rules/} folder: one operation matches
 * one event of a Sysmon-shaped mix ({@link SysmonEventMix}: process creation, image load,
 * registry, file, network, PowerShell script blocks), so operations/s are events/s. {@code indexed}
 * is the engine ({@link RuleSet#forEachMatch}); {@code naive} tests every rule on every event (the
 * oracle of the property test). Before measuring, the set-up checks both agree on the whole mix.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 5, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(
        value = 1,
        jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
@Threads(1)
public class SigmaMatchBenchmark {

    /** The rule folder; relative to the working directory (the checkout). */
    @Param("../shared/datasets/sigma/rules")
    public String rules = "";

    /** Events in the mix (cycled). */
    @Param("10000")
    public int events;

    private RuleSet set = RuleSet.builder().build();
    private List<SigmaEvent> mix = List.of();
    private int next;
    private final int[] matches = new int[1];

    /** Loads the rules and the events, and checks indexed and naive agree on every event. */
    @Setup(Level.Trial)
    public void load() {
        set = SigmaRules.load(Path.of(rules));
        if (set.rules().isEmpty()) {
            throw new IllegalStateException("no rules under " + Path.of(rules).toAbsolutePath());
        }
        mix = SysmonEventMix.sigmaEvents(events, 42);
        for (SigmaEvent e : mix) {
            if (!NaiveEvaluator.indexedIds(set, e).equals(NaiveEvaluator.matchingIds(set, e))) {
                throw new IllegalStateException("indexed and naive disagree on " + e);
            }
        }
    }

    private SigmaEvent nextEvent() {
        SigmaEvent e = mix.get(next);
        next = next + 1 == mix.size() ? 0 : next + 1;
        return e;
    }

    /**
     * Matches one event with the index.
     *
     * @return the number of matching rules (consumed by JMH)
     */
    @Benchmark
    public int indexed() {
        matches[0] = 0;
        set.forEachMatch(nextEvent(), m -> matches[0]++);
        return matches[0];
    }

    /**
     * Matches one event by testing every rule.
     *
     * @return the number of matching rules (consumed by JMH)
     */
    @Benchmark
    public int naive() {
        return NaiveEvaluator.countMatches(set, nextEvent());
    }
}
