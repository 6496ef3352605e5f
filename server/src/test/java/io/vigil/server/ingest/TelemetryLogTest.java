package io.vigil.server.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vigil.server.platform.Dialect;
import io.vigil.server.platform.MutableClock;
import io.vigil.server.platform.TestDatabase;
import io.vigil.telemetry.CanonicalEvent;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The durable log on a real SQLite file and a real PostgreSQL schema. */
class TelemetryLogTest {

    @TempDir
    Path dir;

    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-28T00:00:00Z"));

    private JdbcTelemetryLog log(TestDatabase db) {
        return new JdbcTelemetryLog(db.dataSource(), db.dialect(), clock, new SimpleMeterRegistry());
    }

    /**
     * Appends leave the copying of SQLite's write-ahead file into the database file to {@code
     * checkpoint()} (the pipeline's housekeeping thread), so the append batches wait for does not do
     * it; nothing appended is lost either way.
     */
    @Test
    void shouldLeaveTheCheckpointToTheHousekeepingThread() throws Exception {
        try (TestDatabase db = TestDatabase.telemetryLog(Dialect.SQLITE, dir)) {
            JdbcTelemetryLog log = log(db);
            Path file;
            try (java.util.stream.Stream<Path> files = java.nio.file.Files.list(dir)) {
                file = files.filter(f -> f.getFileName().toString().matches("telemetry-log-.*\\.db"))
                        .findFirst()
                        .orElseThrow();
            }
            log.checkpoint();
            long fileBefore = java.nio.file.Files.size(file);
            for (int i = 0; i < 60; i++) { // about 1,800 pages: SQLite alone would have checkpointed
                log.append(TestEvents.processes("t1", i * 1000, 1000));
            }
            Path wal = file.resolveSibling(file.getFileName() + "-wal");
            assertThat(java.nio.file.Files.size(wal)).isGreaterThan(20L << 20);
            assertThat(java.nio.file.Files.size(file)).isEqualTo(fileBefore);

            log.checkpoint();
            assertThat(java.nio.file.Files.size(file)).isGreaterThan(fileBefore + (20L << 20));
            assertThat(log.read("any", 100_000)).hasSize(60_000);
        }
    }

    /** When the housekeeping thread does not get to it, the writer checkpoints past its bound. */
    @Test
    void shouldCheckpointInTheWriterWhenTheHousekeepingThreadFallsBehind() throws Exception {
        try (TestDatabase db = TestDatabase.telemetryLog(Dialect.SQLITE, dir)) {
            JdbcTelemetryLog log =
                    new JdbcTelemetryLog(db.dataSource(), db.dialect(), clock, new SimpleMeterRegistry(), 4L << 20);
            Path file;
            try (java.util.stream.Stream<Path> files = java.nio.file.Files.list(dir)) {
                file = files.filter(f -> f.getFileName().toString().matches("telemetry-log-.*\\.db"))
                        .findFirst()
                        .orElseThrow();
            }
            long fileBefore = java.nio.file.Files.size(file);
            for (int i = 0; i < 20; i++) {
                log.append(TestEvents.processes("t1", i * 1000, 1000));
            }
            assertThat(java.nio.file.Files.size(file)).isGreaterThan(fileBefore + (4L << 20));
        }
    }

    @ParameterizedTest
    @EnumSource(Dialect.class)
    void shouldAppendOnceAndRecogniseRetries(Dialect dialect) {
        try (TestDatabase db = TestDatabase.telemetryLog(dialect, dir)) {
            JdbcTelemetryLog log = log(db);
            List<CanonicalEvent> batch = TestEvents.processes("t1", 0, 10);
            TelemetryLog.Appended first = log.append(batch);
            assertThat(first.addedCount()).isEqualTo(10);
            assertThat(first.addedBits().cardinality()).isEqualTo(10);

            List<CanonicalEvent> retry = new ArrayList<>(batch.subList(5, 10));
            retry.addAll(TestEvents.processes("t1", 10, 3));
            TelemetryLog.Appended second = log.append(retry);
            assertThat(second.addedCount()).isEqualTo(3);
            assertThat(second.duplicates()).isEqualTo(5);
            assertThat(second.addedBits().toString()).isEqualTo("{5, 6, 7}");

            // The same record of another tenant is another event.
            assertThat(log.append(TestEvents.processes("t2", 0, 10)).addedCount())
                    .isEqualTo(10);
            // Refused duplicates may use up positions: positions have gaps, never repeats.
            List<TelemetryLog.Entry> all = log.read("any", 100);
            assertThat(all).hasSize(23);
            assertThat(log.head()).isEqualTo(all.getLast().seq());
        }
    }

    @ParameterizedTest
    @EnumSource(Dialect.class)
    void shouldDeliverInOrderFromTheCommittedPositionAndDecodeEveryPart(Dialect dialect) {
        try (TestDatabase db = TestDatabase.telemetryLog(dialect, dir)) {
            JdbcTelemetryLog log = log(db);
            List<CanonicalEvent> events = TestEvents.processes("t1", 0, 25);
            log.append(events);
            assertThat(log.committed("store")).isZero();

            List<TelemetryLog.Entry> first = log.read("store", 10);
            assertThat(first).extracting(TelemetryLog.Entry::event).isEqualTo(events.subList(0, 10));
            // Not committed: read again, get the same.
            assertThat(log.read("store", 10)).isEqualTo(first);
            log.commit("store", first.getLast().seq());
            List<TelemetryLog.Entry> rest = log.read("store", 100);
            assertThat(rest).extracting(TelemetryLog.Entry::event).isEqualTo(events.subList(10, 25));
            assertThat(rest.getFirst().seq()).isGreaterThan(first.getLast().seq());
            // Consumers are independent.
            assertThat(log.read("detection", 100)).hasSize(25);
        }
    }

    @ParameterizedTest
    @EnumSource(Dialect.class)
    void shouldTrimOnlyWhatEveryConsumerCommittedAndKeepPositionsGrowing(Dialect dialect) {
        try (TestDatabase db = TestDatabase.telemetryLog(dialect, dir)) {
            JdbcTelemetryLog log = log(db);
            log.append(TestEvents.processes("t1", 0, 30));
            assertThat(log.head()).isEqualTo(30);
            log.commit("store", 30);
            log.commit("detection", 12);
            clock.advance(Duration.ofHours(2));
            assertThat(log.trim(clock.instant().minus(Duration.ofHours(1)))).isEqualTo(12);
            assertThat(log.read("detection", 100)).hasSize(18);
            log.commit("detection", 30);
            // Too recent for the retention window: kept.
            assertThat(log.trim(clock.instant().minus(Duration.ofHours(3)))).isZero();
            assertThat(log.trim(clock.instant())).isEqualTo(18);
            // Every row is gone; the next append still gets a higher position.
            log.append(TestEvents.processes("t1", 100, 1));
            assertThat(log.head()).isEqualTo(31);
            assertThat(log.read("store", 10))
                    .singleElement()
                    .satisfies(e -> assertThat(e.seq()).isEqualTo(31));
        }
    }

    @ParameterizedTest
    @EnumSource(Dialect.class)
    void concurrentAppendsNeverLetAConsumerSkipAnEvent(Dialect dialect) throws Exception {
        try (TestDatabase db = TestDatabase.telemetryLog(dialect, dir)) {
            JdbcTelemetryLog log = log(db);
            int writers = 4;
            int batches = 25;
            int size = 40;
            List<Long> seen = Collections.synchronizedList(new ArrayList<>());
            ExecutorService pool = Executors.newFixedThreadPool(writers + 1);
            try {
                List<Future<?>> writes = new ArrayList<>();
                for (int w = 0; w < writers; w++) {
                    int writer = w;
                    writes.add(pool.submit(() -> {
                        for (int b = 0; b < batches; b++) {
                            log.append(TestEvents.processes("t1", (writer * batches + b) * size, size));
                        }
                    }));
                }
                Future<?> reader = pool.submit(() -> {
                    int total = writers * batches * size;
                    while (seen.size() < total) {
                        List<TelemetryLog.Entry> entries = log.read("reader", 500);
                        for (TelemetryLog.Entry e : entries) {
                            seen.add(e.seq());
                        }
                        if (!entries.isEmpty()) {
                            log.commit("reader", entries.getLast().seq());
                        }
                    }
                });
                for (Future<?> f : writes) {
                    f.get();
                }
                reader.get();
            } finally {
                pool.shutdownNow();
            }
            // Every appended position was delivered exactly once, in order.
            assertThat(seen).hasSize(writers * batches * size).isSorted().doesNotHaveDuplicates();
        }
    }

    @ParameterizedTest
    @EnumSource(Dialect.class)
    void concurrentAppendsOfTheSameEventsAddEachOnceAndReportTheRestAsDuplicates(Dialect dialect) throws Exception {
        try (TestDatabase db = TestDatabase.telemetryLog(dialect, dir)) {
            JdbcTelemetryLog log = log(db);
            // Eight senders, two of each batch at once (a retry racing the original): the group commit
            // may put both copies in one transaction, and still each event is added exactly once.
            ExecutorService pool = Executors.newFixedThreadPool(8);
            List<Future<TelemetryLog.Appended>> results = new ArrayList<>();
            try {
                for (int round = 0; round < 10; round++) {
                    for (int sender = 0; sender < 8; sender++) {
                        int batch = round * 4 + sender / 2;
                        results.add(pool.submit(() -> log.append(TestEvents.processes("t1", batch * 50, 50))));
                    }
                }
                int added = 0;
                int duplicates = 0;
                for (Future<TelemetryLog.Appended> f : results) {
                    added += f.get().addedCount();
                    duplicates += f.get().duplicates();
                }
                assertThat(added).isEqualTo(40 * 50);
                assertThat(duplicates).isEqualTo(40 * 50);
            } finally {
                pool.shutdownNow();
            }
            List<TelemetryLog.Entry> all = log.read("store", 10_000);
            assertThat(all).hasSize(40 * 50);
            assertThat(all.stream().map(e -> e.event().envelope().id()).distinct())
                    .hasSize(40 * 50);
        }
    }

    @Test
    void recentEntriesComeFromMemoryExactlyAsTheTableHoldsThem() {
        try (TestDatabase db = TestDatabase.telemetryLog(Dialect.SQLITE, dir)) {
            JdbcTelemetryLog log = log(db);
            // A second instance on the same file has its own (empty) tail: it reads the table.
            JdbcTelemetryLog table = log(db);
            log.append(TestEvents.processes("t1", 0, 30));
            log.append(TestEvents.processes("t1", 20, 30)); // ten duplicates, twenty new
            log.append(TestEvents.processes("t2", 0, 5));
            for (long from : new long[] {0, 1, 29, 30, 31, 54, 55}) {
                for (int max : new int[] {1, 7, 100}) {
                    assertThat(log.readAfter(from, max, "c"))
                            .as("after %d, at most %d", from, max)
                            .isEqualTo(table.readAfter(from, max, "c"));
                }
            }
            assertThat(log.readAfter(0, 100, "c")).hasSize(55);
        }
    }

    @Test
    void anAppendByAnotherWriterOfTheFileIsNeverSkipped() {
        try (TestDatabase db = TestDatabase.telemetryLog(Dialect.SQLITE, dir)) {
            JdbcTelemetryLog log = log(db);
            JdbcTelemetryLog other = log(db);
            log.append(TestEvents.processes("t1", 0, 10)); // positions 1-10, remembered by log
            other.append(TestEvents.processes("t1", 10, 10)); // 11-20, not in log's memory
            log.append(TestEvents.processes("t1", 20, 10)); // 21-30: log starts a new range at 21
            List<Long> seen = new ArrayList<>();
            long at = 0;
            for (List<TelemetryLog.Entry> page = log.readAfter(at, 4, "c");
                    !page.isEmpty();
                    page = log.readAfter(at, 4, "c")) {
                for (TelemetryLog.Entry e : page) {
                    seen.add(e.seq());
                }
                at = page.getLast().seq();
            }
            assertThat(seen).hasSize(30).isSorted().doesNotHaveDuplicates();
            assertThat(seen.getLast()).isEqualTo(30);
            other.append(TestEvents.processes("t1", 30, 3)); // after log's range: read from the table
            assertThat(log.readAfter(30, 10, "c")).hasSize(3);
        }
    }
}
