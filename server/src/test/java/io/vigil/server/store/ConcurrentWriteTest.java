package io.vigil.server.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.vigil.server.platform.Dialect;
import io.vigil.telemetry.CanonicalEvent;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Several writers at once, each with its own store (own caches, as separate processes have), all
 * creating the same new tenants and days: every event is stored once, each tenant gets one number
 * and each tenant-day one partition.
 */
class ConcurrentWriteTest {

    private static final Instant T0 = Instant.parse("2026-11-20T10:00:00Z");
    private static final int WRITERS = 4;

    @TempDir
    Path dir;

    @ParameterizedTest
    @EnumSource(Dialect.class)
    void shouldCreateEachPartitionOnceAndStoreEachEventOnceUnderConcurrentWriters(Dialect dialect) throws Exception {
        try (StoreFixture f = StoreFixture.open(dialect, dir)) {
            List<TelemetryStore> stores = new ArrayList<>();
            for (int i = 0; i < WRITERS; i++) {
                stores.add(new TelemetryStore(
                        new PartitionCatalog(f.db().dataSource(), dialect),
                        new EventRepository(f.db().dataSource(), dialect),
                        t -> TenantRetention.DEFAULT_DAYS,
                        StoreProperties.defaults()));
            }
            // every writer writes the same 3 tenants x 4 days, half of its events shared with the others
            CyclicBarrier start = new CyclicBarrier(WRITERS);
            ExecutorService pool = Executors.newFixedThreadPool(WRITERS);
            try {
                List<Future<Integer>> added = new ArrayList<>();
                for (int w = 0; w < WRITERS; w++) {
                    int writer = w;
                    added.add(pool.submit(() -> {
                        List<CanonicalEvent> batch = new ArrayList<>();
                        for (int i = 0; i < 120; i++) {
                            String owner = i % 2 == 0 ? "shared" : "writer-" + writer;
                            batch.add(StoreFixture.sysmon(
                                    "tenant-" + (i % 3),
                                    "pc",
                                    T0.plus(Duration.ofDays(i % 4)).plusSeconds(i),
                                    1,
                                    Map.of("CommandLine", owner + " " + i)));
                        }
                        start.await();
                        return stores.get(writer).write(batch);
                    }));
                }
                int total = 0;
                for (Future<Integer> a : added) {
                    total += a.get();
                }
                assertThat(total).isEqualTo(60 + WRITERS * 60);
            } finally {
                pool.shutdown();
            }
            assertThat(f.db().jdbc()
                            .sql("SELECT COUNT(*) FROM store_tenants")
                            .query(Integer.class)
                            .single())
                    .isEqualTo(3);
            for (int t = 0; t < 3; t++) {
                List<Partition> partitions = f.store().partitions("tenant-" + t);
                assertThat(partitions).hasSize(4);
                assertThat(partitions.stream().mapToLong(Partition::rows).sum())
                        .isEqualTo(f.all(EventQuery.range(
                                        new io.vigil.server.platform.TenantId("tenant-" + t),
                                        T0.minusSeconds(1),
                                        T0.plus(Duration.ofDays(5)),
                                        1000))
                                .size());
            }
        }
    }
}
