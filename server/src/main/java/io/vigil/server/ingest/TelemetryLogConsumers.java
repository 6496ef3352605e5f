package io.vigil.server.ingest;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.vigil.telemetry.CanonicalEvent;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * Runs every {@link TelemetryLogHandler}: read after the committed position, handle, commit, repeat.
 * A failing handler is retried with growing pauses (at most 30 s) and never skips events. Also trims
 * the log of events every consumer has committed, once {@code vigil.ingest.log-retention} has passed.
 */
@Component
class TelemetryLogConsumers implements SmartLifecycle {

    private static final Logger LOG = LoggerFactory.getLogger(TelemetryLogConsumers.class);
    private static final Duration MAX_BACKOFF = Duration.ofSeconds(30);
    private static final Duration TRIM_EVERY = Duration.ofMinutes(1);

    private final TelemetryLog log;
    private final List<TelemetryLogHandler> handlers;
    private final IngestProperties properties;
    private final LogSignal signal;
    private final Clock clock;
    private final MeterRegistry meters;
    private final List<Thread> threads = new ArrayList<>();
    private volatile boolean running;

    TelemetryLogConsumers(
            TelemetryLog log,
            List<TelemetryLogHandler> handlers,
            IngestProperties properties,
            LogSignal signal,
            Clock clock,
            MeterRegistry meters) {
        this.log = log;
        this.handlers = handlers;
        this.properties = properties;
        this.signal = signal;
        this.clock = clock;
        this.meters = meters;
    }

    @Override
    public void start() {
        running = true;
        for (TelemetryLogHandler handler : handlers) {
            AtomicLong committed = new AtomicLong(log.committed(handler.name()));
            Gauge.builder("vigil.telemetry.log.lag", () -> Math.max(0, log.head() - committed.get()))
                    .description("events appended to the telemetry log and not yet handled by the consumer")
                    .tag("consumer", handler.name())
                    .register(meters);
            Timer timer = Timer.builder("vigil.telemetry.log.handle")
                    .description("time to handle one read of the telemetry log")
                    .tag("consumer", handler.name())
                    .register(meters);
            threads.add(Thread.ofPlatform()
                    .name("log-consumer-" + handler.name())
                    .daemon()
                    .start(() -> consume(handler, committed, timer)));
        }
        threads.add(Thread.ofPlatform().name("log-trim").daemon().start(this::trimLoop));
    }

    private void consume(TelemetryLogHandler handler, AtomicLong committed, Timer timer) {
        Duration backoff = Duration.ofMillis(200);
        while (running) {
            try {
                long seen = signal.current();
                List<TelemetryLog.Entry> entries = log.read(handler.name(), properties.consumerBatch());
                if (entries.isEmpty()) {
                    signal.await(seen, properties.consumerIdle());
                    continue;
                }
                List<CanonicalEvent> events = new ArrayList<>(entries.size());
                for (TelemetryLog.Entry entry : entries) {
                    events.add(entry.event());
                }
                timer.record(() -> handler.handle(events));
                long last = entries.getLast().seq();
                log.commit(handler.name(), last);
                committed.set(last);
                backoff = Duration.ofMillis(200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException e) {
                if (!running) {
                    return;
                }
                LOG.error(
                        "Telemetry log consumer '{}' failed; retrying the same events in {} ms",
                        handler.name(),
                        backoff.toMillis(),
                        e);
                if (!sleep(backoff)) {
                    return;
                }
                backoff = backoff.multipliedBy(2).compareTo(MAX_BACKOFF) > 0 ? MAX_BACKOFF : backoff.multipliedBy(2);
            }
        }
    }

    private void trimLoop() {
        while (running) {
            try {
                int deleted = log.trim(clock.instant().minus(properties.logRetention()));
                if (deleted > 0) {
                    LOG.debug("Trimmed {} consumed events from the telemetry log", deleted);
                }
            } catch (RuntimeException e) {
                LOG.warn("Trimming the telemetry log failed; trying again in a minute", e);
            }
            if (!sleep(TRIM_EVERY)) {
                return;
            }
        }
    }

    private boolean sleep(Duration duration) {
        try {
            Thread.sleep(duration);
            return running;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    @Override
    public void stop() {
        running = false;
        for (Thread thread : threads) {
            thread.interrupt();
        }
        for (Thread thread : threads) {
            try {
                thread.join(Duration.ofSeconds(10));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
        threads.clear();
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    /** Start after the web server is ready to shut down before it (lower phases stop later). */
    @Override
    public int getPhase() {
        return Integer.MAX_VALUE - 2048;
    }
}
