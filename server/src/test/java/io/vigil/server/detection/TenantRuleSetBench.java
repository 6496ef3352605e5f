package io.vigil.server.detection;

import io.vigil.server.platform.DataProperties;
import io.vigil.server.platform.TenantId;
import io.vigil.sigma.RuleMetadata;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Build time and retained heap of one tenant's own rule set over a large shared folder, run by hand
 * (not a test): the shared packs are loaded as the server does (Vigil IoA pack + the folder), then
 * a tenant set with a custom rule, an exclusion on a shared rule and ten switched-off rules is
 * compiled several times; the heap is measured after full collections with each set held.
 *
 * <pre>
 * java -Xmx2g -cp server/target/test-classes:server/target/classes:$(cat /tmp/cp.txt) \
 *     io.vigil.server.detection.TenantRuleSetBench ../shared/datasets/sigma/rules
 * </pre>
 */
public final class TenantRuleSetBench {

    private TenantRuleSetBench() {}

    public static void main(String[] args) throws Exception {
        Path folder = Path.of(args.length > 0 ? args[0] : "../shared/datasets/sigma/rules");
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 3;
        long base = heap();
        long t0 = System.nanoTime();
        RulePacks packs = new RulePacks(
                new DetectionProperties(true, List.of(folder), true, Duration.ofMinutes(1)),
                new DataProperties(io.vigil.server.TestDirs.create("vigil-bench-data")),
                Clock.systemUTC());
        long sharedMs = (System.nanoTime() - t0) / 1_000_000;
        RulePacks.Loaded shared = packs.current();
        long sharedHeap = heap() - base;
        long textBytes =
                shared.sources().stream().mapToLong(s -> s.text().length() * 2L).sum();
        System.out.printf(
                "shared: %d rules from %d files, %d refused, loaded in %d ms, retained %.1f MB (of which rule"
                        + " text kept for tenant builds ~%.1f MB)%n",
                shared.rules().rules().size(),
                shared.files(),
                shared.refusals().size(),
                sharedMs,
                sharedHeap / 1e6,
                textBytes / 1e6);

        List<RuleMetadata> all = shared.rules().rules();
        String target = all.get(all.size() / 2).id();
        List<String> off = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            off.add(all.get(i * 7).id());
        }
        TenantId tenant = new TenantId("bench");
        Instant now = Instant.now();
        TenantRuleSettings settings = new TenantRuleSettings(
                tenant,
                1,
                List.of(
                        new TenantRuleText("r1", tenant, TenantRuleText.Kind.RULE, "r", """
                                title: Bench rule
                                id: 00000000-0000-4000-8000-0000000be001
                                logsource: {product: windows, category: process_creation}
                                detection:
                                    selection: {Image|endswith: '\\certutil.exe', CommandLine|contains: urlcache}
                                    condition: selection
                                """, now, "b", now, "b"),
                        new TenantRuleText(
                                "x1",
                                tenant,
                                TenantRuleText.Kind.EXCLUSION,
                                "x",
                                """
                                title: Bench exclusion
                                id: 00000000-0000-4000-8000-0000000be002
                                filter:
                                    rules: [%s]
                                    selection: {User|startswith: 'svc_'}
                                    condition: selection
                                """.formatted(target),
                                now,
                                "b",
                                now,
                                "b")),
                Set.copyOf(off),
                Set.of(),
                Map.of());
        List<TenantRuleCompiler.Compiled> held = new ArrayList<>();
        for (int i = 0; i < rounds; i++) {
            long before = heap();
            long s = System.nanoTime();
            TenantRuleCompiler.Compiled c = TenantRuleCompiler.compile(settings, shared);
            long ms = (System.nanoTime() - s) / 1_000_000;
            held.add(c);
            System.out.printf(
                    "tenant set %d: %d rules, %d problems in its texts, built in %d ms, retained %.1f MB%n",
                    i + 1, c.rules().rules().size(), c.problems().size(), ms, (heap() - before) / 1e6);
        }
        System.out.println("held " + held.size() + " tenant sets; heap in use " + heap() / 1_000_000 + " MB");
    }

    private static long heap() throws InterruptedException {
        for (int i = 0; i < 4; i++) {
            System.gc();
            Thread.sleep(100);
        }
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }
}
