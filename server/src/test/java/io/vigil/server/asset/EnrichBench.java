package io.vigil.server.asset;

import io.vigil.server.platform.AuditLog;
import io.vigil.server.platform.Dialect;
import io.vigil.server.platform.MutableClock;
import io.vigil.server.platform.TenantId;
import io.vigil.server.platform.TestDatabase;
import io.vigil.telemetry.CanonicalEvent;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Throughput of the pipeline's enrich stage (asset inventory and fleet prevalence updates, what
 * {@code AlertEnricher.observe} runs per batch), run by hand (not a test; {@code bench/run.sh
 * enrich}). Process creations of a fleet of {@code hosts} assets in batches: images from a pool
 * with a skewed (squared-uniform) choice, their SHA-256 and MD5, command lines from a pool or, with
 * probability {@code unique}, never seen before. Prints events/s for the first pass (everything new
 * to the database and the write cache) and for the steady state after it.
 *
 * <pre>
 * bench/run.sh enrich [sqlite|postgresql [events [batch [hosts [unique]]]]]
 * </pre>
 */
public final class EnrichBench {

    private EnrichBench() {}

    public static void main(String[] args) throws Exception {
        Dialect dialect = Dialect.valueOf((args.length > 0 ? args[0] : "sqlite").toUpperCase(Locale.ROOT));
        int events = args.length > 1 ? Integer.parseInt(args[1]) : 200_000;
        int batch = args.length > 2 ? Integer.parseInt(args[2]) : 2_000;
        int hosts = args.length > 3 ? Integer.parseInt(args[3]) : 500;
        double unique = args.length > 4 ? Double.parseDouble(args[4]) : 0.3;
        Path dir = io.vigil.server.TestDirs.create("vigil-enrich-bench");
        TenantId tenant = new TenantId("bench");
        Instant t0 = Instant.parse("2026-11-01T00:00:00Z");
        MutableClock clock = new MutableClock(t0);
        try (TestDatabase db = TestDatabase.open(dialect, dir)) {
            TransactionTemplate tx = new TransactionTemplate(new DataSourceTransactionManager(db.dataSource()));
            JdbcTemplate template = new JdbcTemplate(db.dataSource());
            AssetProperties props = AssetProperties.defaults();
            AssetService assets = new AssetService(
                    new AssetRepository(db.jdbc(), template), new AuditLog(db.jdbc()), tx, clock, props);
            PrevalenceService prevalence =
                    new PrevalenceService(new PrevalenceRepository(db.jdbc(), template), tx, clock, props);
            SplittableRandom random = new SplittableRandom(42);
            List<List<CanonicalEvent>> batches = new ArrayList<>();
            for (int done = 0; done < events; done += batch) {
                Instant at = t0.plusSeconds(batches.size());
                List<CanonicalEvent> b = new ArrayList<>(batch);
                for (int i = 0; i < batch && done + i < events; i++) {
                    int image = (int) (300 * Math.pow(random.nextDouble(), 2));
                    String sha = String.format(Locale.ROOT, "%064x", image * 7919L);
                    String md5 = String.format(Locale.ROOT, "%032x", image * 104729L);
                    String cmd = random.nextDouble() < unique
                            ? "tool" + image + ".exe --run " + random.nextLong()
                            : "tool" + image + ".exe /task " + random.nextInt(2_000);
                    b.add(FleetEvents.process(
                            tenant,
                            "host-" + random.nextInt(hosts),
                            at.plusMillis(i),
                            "C:\\Program Files\\Vendor" + (image % 17) + "\\tool" + image + ".exe",
                            cmd,
                            "SHA256=" + sha + ",MD5=" + md5 + ",IMPHASH=" + md5));
                }
                batches.add(b);
            }
            com.sun.management.OperatingSystemMXBean os = (com.sun.management.OperatingSystemMXBean)
                    java.lang.management.ManagementFactory.getOperatingSystemMXBean();
            long cpuStart = os.getProcessCpuTime();
            long start = System.nanoTime();
            long firstPassNanos = 0;
            int firstPassEvents = 0;
            int written = 0;
            int half = Math.max(1, batches.size() / 4);
            for (int i = 0; i < batches.size(); i++) {
                clock.advance(Duration.ofSeconds(1));
                assets.observe(batches.get(i));
                written += prevalence.record(batches.get(i));
                if (i == half - 1) {
                    firstPassNanos = System.nanoTime() - start;
                    for (int j = 0; j < half; j++) {
                        firstPassEvents += batches.get(j).size();
                    }
                }
            }
            long total = System.nanoTime() - start;
            double cpuSeconds = (os.getProcessCpuTime() - cpuStart) / 1e9;
            int steadyEvents = events - firstPassEvents;
            double steadySeconds = (total - firstPassNanos) / 1e9;
            System.out.printf(
                    Locale.ROOT,
                    "ENRICH %s events=%d batch=%d hosts=%d unique=%.2f: all %.0f events/s; first quarter %.0f"
                            + " events/s; rest %.0f events/s; sightings written %d; %.0f events per CPU second of"
                            + " this JVM (%.1f CPU s)%n",
                    dialect,
                    events,
                    batch,
                    hosts,
                    unique,
                    events / (total / 1e9),
                    firstPassEvents / (firstPassNanos / 1e9),
                    steadyEvents / steadySeconds,
                    written,
                    events / cpuSeconds,
                    cpuSeconds);
        }
    }
}
