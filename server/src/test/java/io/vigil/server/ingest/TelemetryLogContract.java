package io.vigil.server.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vigil.server.platform.MutableClock;
import io.vigil.telemetry.AssetId;
import io.vigil.telemetry.CanonicalEvent;
import io.vigil.telemetry.EventEnvelope;
import io.vigil.telemetry.EventId;
import io.vigil.telemetry.TenantId;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The behaviour every {@link TelemetryLog} has (ARCHITECTURE.md §3: both modes behind one
 * interface, the same tests against both): per tenant+asset order, at-least-once delivery through
 * commit and rewind, commits that survive a restart, independent consumer names, lag. Each
 * implementation's test class supplies a fresh, empty log per test.
 */
abstract class TelemetryLogContract {

    /** Long enough for a Kafka consumer group's first join; a JDBC log answers at once. */
    private static final Duration PATIENCE = Duration.ofSeconds(30);

    private final List<AutoCloseable> opened = new ArrayList<>();

    /** {@return a fresh, empty log} */
    abstract TelemetryLog newLog();

    /** {@return whether the log itself recognises a retried event (JDBC) or leaves it to consumers (Kafka)} */
    abstract boolean recognisesRetries();

    @AfterEach
    void closeSubscriptions() throws Exception {
        for (AutoCloseable c : opened.reversed()) {
            c.close();
        }
    }

    TelemetryLog.Subscription subscribe(TelemetryLog log, String consumer, int batch) {
        TelemetryLog.Subscription subscription = log.subscribe(consumer, batch);
        opened.add(subscription);
        return subscription;
    }

    static CanonicalEvent event(String tenant, String asset, int n) {
        CanonicalEvent base = TestEvents.process(tenant, n);
        EventEnvelope e = base.envelope();
        return new CanonicalEvent(
                new EventEnvelope(
                        e.tenant(),
                        new AssetId(asset),
                        EventId.derive(new TenantId(tenant), List.of(asset, Integer.toString(n))),
                        e.eventTime(),
                        e.receiveTime(),
                        e.format(),
                        e.origin(),
                        e.sigmaCategory()),
                base.fields(),
                base.raw());
    }

    /** Polls until {@code count} entries arrived (failing after {@link #PATIENCE}), then checks no more come. */
    static List<TelemetryLog.Entry> pollExactly(TelemetryLog.Subscription subscription, int count) {
        List<TelemetryLog.Entry> entries = new ArrayList<>();
        long deadline = System.nanoTime() + PATIENCE.toNanos();
        while (entries.size() < count && System.nanoTime() < deadline) {
            entries.addAll(subscription.poll(Duration.ofMillis(200)));
        }
        assertThat(entries).as("entries delivered within %s", PATIENCE).hasSize(count);
        assertThat(subscription.poll(Duration.ofMillis(300)))
                .as("entries after the expected ones")
                .isEmpty();
        return entries;
    }

    private static List<CanonicalEvent> events(List<TelemetryLog.Entry> entries) {
        return entries.stream().map(TelemetryLog.Entry::event).toList();
    }

    private static Map<String, List<CanonicalEvent>> byTenantAndAsset(List<CanonicalEvent> events) {
        Map<String, List<CanonicalEvent>> grouped = new LinkedHashMap<>();
        for (CanonicalEvent e : events) {
            grouped.computeIfAbsent(KafkaTelemetryLog.key(e), k -> new ArrayList<>())
                    .add(e);
        }
        return grouped;
    }

    @Test
    void shouldDeliverEveryEventInAppendOrderPerTenantAndAsset() {
        TelemetryLog log = newLog();
        List<CanonicalEvent> appended = new ArrayList<>();
        for (int round = 0; round < 3; round++) {
            List<CanonicalEvent> batch = new ArrayList<>();
            for (int i = 0; i < 10; i++) {
                int n = round * 10 + i;
                batch.add(event(i % 2 == 0 ? "t1" : "t2", i % 3 == 0 ? "ws01" : "ws02", n));
            }
            assertThat(log.append(batch).addedCount()).isEqualTo(10);
            appended.addAll(batch);
        }
        List<TelemetryLog.Entry> entries = pollExactly(subscribe(log, "store", 7), 30);

        // Every event once, decoded to what was appended, in append order within its tenant+asset.
        assertThat(byTenantAndAsset(events(entries))).isEqualTo(byTenantAndAsset(appended));
        Map<String, Long> lastSeq = new LinkedHashMap<>();
        for (TelemetryLog.Entry entry : entries) {
            String key = KafkaTelemetryLog.key(entry.event());
            @Nullable Long previous = lastSeq.put(key, entry.seq());
            if (previous != null) {
                assertThat(entry.seq()).as("position within %s", key).isGreaterThan(previous);
            }
        }
    }

    @Test
    void shouldRedeliverWhatWasNotCommittedAfterARewind() {
        TelemetryLog log = newLog();
        List<CanonicalEvent> appended = TestEvents.processes("t1", 0, 12);
        log.append(appended);
        TelemetryLog.Subscription subscription = subscribe(log, "store", 100);
        List<TelemetryLog.Entry> first = pollExactly(subscription, 12);

        subscription.rewind(); // what the runner does when the handler threw
        assertThat(events(pollExactly(subscription, 12))).isEqualTo(events(first));

        subscription.commit();
        log.append(TestEvents.processes("t1", 12, 2));
        subscription.rewind(); // after a commit a rewind goes back only to it
        assertThat(events(pollExactly(subscription, 2))).isEqualTo(TestEvents.processes("t1", 12, 2));
    }

    @Test
    void shouldResumeAfterTheCommittedPositionWhenAConsumerRestarts() {
        TelemetryLog log = newLog();
        log.append(TestEvents.processes("t1", 0, 10));
        TelemetryLog.Subscription first = subscribe(log, "store", 100);
        pollExactly(first, 10);
        first.commit();
        first.close();

        log.append(TestEvents.processes("t1", 10, 5));
        TelemetryLog.Subscription second = subscribe(log, "store", 100);
        assertThat(events(pollExactly(second, 5))).isEqualTo(TestEvents.processes("t1", 10, 5));
        second.close(); // without committing: a crash after handling, before the commit

        TelemetryLog.Subscription third = subscribe(log, "store", 100);
        assertThat(events(pollExactly(third, 5))).isEqualTo(TestEvents.processes("t1", 10, 5));
    }

    @Test
    void shouldKeepConsumerNamesIndependent() {
        TelemetryLog log = newLog();
        log.append(TestEvents.processes("t1", 0, 8));
        TelemetryLog.Subscription store = subscribe(log, "store", 100);
        pollExactly(store, 8);
        store.commit();

        TelemetryLog.Subscription detection = subscribe(log, "detection", 100);
        assertThat(events(pollExactly(detection, 8))).isEqualTo(TestEvents.processes("t1", 0, 8));
        assertThat(store.poll(Duration.ofMillis(200))).isEmpty();
    }

    @Test
    void shouldReportLagUntilCommitted() {
        TelemetryLog log = newLog();
        log.append(TestEvents.processes("t1", 0, 20));
        TelemetryLog.Subscription subscription = subscribe(log, "store", 100);
        pollExactly(subscription, 20);
        assertThat(subscription.lag()).as("polled, not committed").isEqualTo(20);
        subscription.commit();
        assertThat(subscription.lag()).isZero();
        log.append(TestEvents.processes("t1", 20, 5));
        assertThat(subscription.lag()).isEqualTo(5);
    }

    @Test
    void shouldReportRetriesAsTheLogSeesThemAndDeliverWhatItKept() {
        TelemetryLog log = newLog();
        List<CanonicalEvent> batch = TestEvents.processes("t1", 0, 6);
        log.append(batch);
        TelemetryLog.Appended retry = log.append(batch);
        int expected = recognisesRetries() ? 6 : 12;
        assertThat(retry.addedCount()).isEqualTo(recognisesRetries() ? 0 : 6);
        assertThat(retry.duplicates()).isEqualTo(recognisesRetries() ? 6 : 0);
        // Kafka delivers the retry again: consumers must be idempotent by event id.
        assertThat(pollExactly(subscribe(log, "store", 100), expected)).hasSize(expected);
    }

    /**
     * A retry carries the same event time as the original (every parser reads it from the record),
     * so the log recognises a retry by tenant, event time and id; a record whose identity comes back
     * with another time (Windows record numbers after a cleared event log) is a new event.
     */
    @Test
    void shouldKeepARecordWhoseIdentityReturnsWithAnotherTime() {
        TelemetryLog log = newLog();
        CanonicalEvent first = event("t1", "ws1", 7);
        EventEnvelope e = first.envelope();
        CanonicalEvent later = new CanonicalEvent(
                new EventEnvelope(
                        e.tenant(),
                        e.asset(),
                        e.id(),
                        e.eventTime().plusSeconds(86_400),
                        e.receiveTime(),
                        e.format(),
                        e.origin(),
                        e.sigmaCategory()),
                first.fields(),
                first.raw());
        assertThat(log.append(List.of(first)).addedCount()).isEqualTo(1);
        assertThat(log.append(List.of(later)).addedCount()).isEqualTo(1);
        assertThat(log.append(List.of(first, later)).duplicates()).isEqualTo(recognisesRetries() ? 2 : 0);
        assertThat(pollExactly(subscribe(log, "store", 100), recognisesRetries() ? 2 : 4))
                .extracting(en -> en.event().envelope().eventTime())
                .startsWith(e.eventTime(), e.eventTime().plusSeconds(86_400));
    }

    @Test
    void shouldRetryAFailedHandlerWithTheSameEventsAndThenCommit() throws Exception {
        TelemetryLog log = newLog();
        List<List<CanonicalEvent>> calls = new CopyOnWriteArrayList<>();
        AtomicInteger failures = new AtomicInteger(2);
        TelemetryLogHandler handler = new TelemetryLogHandler() {
            @Override
            public String name() {
                return "flaky";
            }

            @Override
            public void handle(List<CanonicalEvent> events) {
                calls.add(List.copyOf(events));
                if (failures.getAndDecrement() > 0) {
                    throw new IllegalStateException("store unavailable (test)");
                }
            }
        };
        SimpleMeterRegistry meters = new SimpleMeterRegistry();
        IngestProperties properties = new IngestProperties(
                org.springframework.util.unit.DataSize.ofMegabytes(32),
                org.springframework.util.unit.DataSize.ofMegabytes(128),
                org.springframework.util.unit.DataSize.ofGigabytes(2),
                2000,
                Duration.ofHours(1),
                5000,
                Duration.ofMillis(200),
                "8.19.0",
                org.springframework.util.unit.DataSize.ofGigabytes(1),
                10);
        List<CanonicalEvent> appended = TestEvents.processes("t1", 0, 9);
        log.append(appended);
        TelemetryLogConsumers consumers = new TelemetryLogConsumers(
                log,
                List.of(handler),
                properties,
                new LogSignal(),
                new MutableClock(Instant.parse("2026-11-28T00:00:00Z")),
                meters);
        consumers.start();
        try {
            // While the handler fails, the gauge shows the events waiting.
            assertThat(awaitGauge(meters, 9)).as("lag while the handler fails").isEqualTo(9);
            long deadline = System.nanoTime() + PATIENCE.toNanos();
            while (calls.size() < 3 && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            assertThat(calls).as("two failed calls, then the same events again").hasSize(3);
            assertThat(calls).containsOnly(appended);
            // Committed after the successful call: the gauge drops to zero.
            assertThat(awaitGauge(meters, 0)).as("lag after the commit").isZero();
        } finally {
            consumers.stop();
        }
        TelemetryLog.Subscription after = subscribe(log, "flaky", 100);
        assertThat(after.poll(Duration.ofSeconds(2)))
                .as("nothing left after the commit")
                .isEmpty();
        assertThat(calls).hasSize(3);
    }

    private static double awaitGauge(SimpleMeterRegistry meters, double expected) throws InterruptedException {
        long deadline = System.nanoTime() + PATIENCE.toNanos();
        double value = meters.get("vigil.telemetry.log.lag").gauge().value();
        while (value != expected && System.nanoTime() < deadline) {
            Thread.sleep(20);
            value = meters.get("vigil.telemetry.log.lag").gauge().value();
        }
        return value;
    }
}
