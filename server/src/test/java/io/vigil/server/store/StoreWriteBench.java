package io.vigil.server.store;

import io.vigil.server.platform.Dialect;
import io.vigil.telemetry.CanonicalEvent;
import io.vigil.telemetry.EventEnvelope;
import io.vigil.telemetry.EventId;
import io.vigil.telemetry.ParseContext;
import io.vigil.telemetry.Parsers;
import io.vigil.telemetry.SourceFormat;
import io.vigil.telemetry.TenantId;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

/**
 * Write throughput of the store, run by hand (not a test): real Mordor events, copied under fresh
 * ids over three days and four tenants, written in batches as the ingest consumer does.
 *
 * <pre>
 * java -cp server/target/test-classes:server/target/classes:$(cat /tmp/cp.txt) \
 *     io.vigil.server.store.StoreWriteBench [sqlite|postgresql] [events] [batch] [full|small]
 * </pre>
 */
public final class StoreWriteBench {

    private StoreWriteBench() {}

    public static void main(String[] args) throws Exception {
        Dialect dialect = Dialect.valueOf(args.length > 0 ? args[0].toUpperCase(Locale.ROOT) : "SQLITE");
        int total = args.length > 1 ? Integer.parseInt(args[1]) : 1_000_000;
        int batchSize = args.length > 2 ? Integer.parseInt(args[2]) : 5_000;
        boolean small = args.length > 3 && args[3].equals("small");
        List<CanonicalEvent> samples =
                small ? samples().stream().map(StoreWriteBench::agentSized).toList() : samples();
        Path dir = io.vigil.server.TestDirs.create("vigil-store-bench");
        try (StoreFixture f = StoreFixture.open(dialect, dir)) {
            Instant t0 = Instant.parse("2026-11-25T00:00:00Z");
            long rawBytes = 0;
            long nanos = 0;
            int written = 0;
            for (int start = 0; start < total; start += batchSize) {
                List<CanonicalEvent> batch = new ArrayList<>(batchSize);
                for (int i = start; i < Math.min(total, start + batchSize); i++) {
                    CanonicalEvent s = samples.get(i % samples.size());
                    batch.add(copy(s, i, t0.plusMillis(i * (3 * 86_400_000L / total))));
                    rawBytes += s.raw().length();
                }
                long before = System.nanoTime();
                written += f.store().write(batch);
                nanos += System.nanoTime() - before;
            }
            double seconds = nanos / 1e9;
            if (dialect == Dialect.SQLITE) {
                long bytes;
                try (var files = Files.list(dir)) {
                    bytes = files.mapToLong(p -> p.toFile().length()).sum();
                }
                System.out.printf(
                        "page_size %s, cache_size %s, file %,d bytes%n",
                        f.db().jdbc()
                                .sql("PRAGMA page_size")
                                .query(String.class)
                                .single(),
                        f.db().jdbc()
                                .sql("PRAGMA cache_size")
                                .query(String.class)
                                .single(),
                        bytes);
            }
            System.out.printf(
                    Locale.ROOT,
                    "%s: %,d events (%,d samples, %.0f raw MB) in batches of %,d: %.2f s, %,.0f events/s%n",
                    dialect,
                    written,
                    samples.size(),
                    rawBytes / 1e6,
                    batchSize,
                    seconds,
                    written / seconds);
        }
    }

    /** An event cut to the size of a typical agent event: at most 12 fields, a raw record of at most 600 characters. */
    private static CanonicalEvent agentSized(CanonicalEvent e) {
        java.util.Map<String, String> fields = new java.util.LinkedHashMap<>();
        e.fields().entrySet().stream().limit(12).forEach(f -> fields.put(f.getKey(), f.getValue()));
        return new CanonicalEvent(
                e.envelope(), fields, e.raw().substring(0, Math.min(600, e.raw().length())));
    }

    private static CanonicalEvent copy(CanonicalEvent s, int i, Instant time) {
        EventEnvelope e = s.envelope();
        TenantId tenant = new TenantId("bench-" + (i % 4));
        return new CanonicalEvent(
                new EventEnvelope(
                        tenant,
                        e.asset(),
                        EventId.derive(tenant, List.of(Integer.toString(i))),
                        time,
                        time.plus(Duration.ofSeconds(2)),
                        e.format(),
                        e.origin(),
                        e.sigmaCategory()),
                s.fields(),
                s.raw());
    }

    private static List<CanonicalEvent> samples() throws Exception {
        Path mordor = Path.of(System.getProperty("vigil.test.shared-dir", "../shared"), "datasets/mordor");
        List<CanonicalEvent> events = new ArrayList<>();
        for (String name : List.of("empire_shell_reg_dump_sam.zip", "cmd_psexec_lsa_secrets_dump.zip")) {
            try (InputStream file = Files.newInputStream(mordor.resolve(name));
                    ZipInputStream in = new ZipInputStream(file)) {
                for (ZipEntry z = in.getNextEntry(); z != null; z = in.getNextEntry()) {
                    events.addAll(Parsers.forFormat(SourceFormat.JSON_LINES)
                            .parseAll(in, ParseContext.offline(new TenantId("bench"), z.getName(), Clock.systemUTC()))
                            .events());
                }
            }
        }
        return events;
    }
}
