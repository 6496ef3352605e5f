package io.vigil.bench.sigma;

import io.vigil.sigma.RuleSet;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.nio.file.Path;
import java.util.Locale;

/**
 * The retained heap of a compiled rule set: used heap after full collections with the rule set
 * reachable, minus the same before loading it. Run in a fresh JVM (e.g. {@code bench/run.sh
 * sigma-heap}); the figure includes the rule texts' metadata kept for matches, not the files' text.
 *
 * <p>Argument: the rule folder (default {@code ../shared/datasets/sigma/rules}).
 */
public final class SigmaHeap {
    private SigmaHeap() {}

    /**
     * Loads the rules and prints the retained heap.
     *
     * @param args optional rule folder
     */
    public static void main(String[] args) {
        Path folder = Path.of(args.length > 0 ? args[0] : "../shared/datasets/sigma/rules");
        MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        long before = settledUsedHeap(memory);
        RuleSet set = SigmaRules.load(folder);
        long after = settledUsedHeap(memory);
        System.out.printf(
                Locale.ROOT,
                "%d rules compiled (%d refused) from %s: retained heap %.1f MB (used heap %.1f MB before, %.1f MB"
                        + " after)%n",
                set.rules().size(),
                set.refusals().size(),
                folder,
                (after - before) / 1e6,
                before / 1e6,
                after / 1e6);
        if (set.rules().isEmpty()) {
            System.exit(1); // also keeps the rule set reachable until after the measurement
        }
    }

    /** Used heap after several full collections, once it stops shrinking. */
    static long settledUsedHeap(MemoryMXBean memory) {
        long used = Long.MAX_VALUE;
        for (int i = 0; i < 10; i++) {
            System.gc();
            long now = memory.getHeapMemoryUsage().getUsed();
            if (now >= used) {
                return now;
            }
            used = now;
        }
        return used;
    }
}
