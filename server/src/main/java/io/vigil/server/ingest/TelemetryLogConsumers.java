package io.vigil.server.ingest;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.vigil.telemetry.CanonicalEvent;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * Runs every {@link TelemetryLogHandler} on its own {@link TelemetryLog.Subscription}: poll, handle,
 * commit (when the handler's {@link TelemetryLogHandler#checkpoint} allows), repeat. A failing handler is retried with growing pauses (at most 30 s): the subscription
 * is rewound to its committed position, so no event is skipped. Also trims the log of events every
 * consumer has committed, once {@code vigil.ingest.log-retention} has passed (the JDBC log; Kafka
 * keeps its own retention).
 */
@Component
class TelemetryLogConsumers implements SmartLifecycle {

    private static final Logger LOG = LoggerFactory.getLogger(TelemetryLogConsumers.class);
    private static final Duration MIN_BACKOFF = Duration.ofMillis(200);
    private static final Duration MAX_BACKOFF = Duration.ofSeconds(30);
    private static final Duration TRIM_EVERY = Duration.ofMinutes(1);
    private static final Duration CHECKPOINT_EVERY = Duration.ofSeconds(1);
    private static final Duration LAG_EVERY = Duration.ofSeconds(1);

    private final TelemetryLog log;
    private final List<TelemetryLogHandler> handlers;
    private final IngestProperties properties;
    private final LogSignal signal;
    private final Clock clock;
    private final MeterRegistry meters;
    private final List<Thread> threads = new ArrayList<>();
    private volatile boolean running;
    private final AtomicBoolean niceWarned = new AtomicBoolean();

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
            AtomicLong lag = new AtomicLong();
            Gauge.builder("vigil.telemetry.log.lag", lag::get)
                    .description("events appended to the telemetry log and not yet handled by the consumer"
                            + " (Kafka: in this process's partitions)")
                    .tag("consumer", handler.name())
                    .register(meters);
            Timer timer = Timer.builder("vigil.telemetry.log.handle")
                    .description("time to handle one read of the telemetry log")
                    .tag("consumer", handler.name())
                    .register(meters);
            threads.add(Thread.ofPlatform()
                    .name("log-consumer-" + handler.name())
                    .daemon()
                    .start(new Consumer(handler, lag, timer)::run));
        }
        threads.add(Thread.ofPlatform().name("log-trim").daemon().start(this::trimLoop));
        threads.add(Thread.ofPlatform().name("log-checkpoint").daemon().start(this::checkpointLoop));
    }

    /** One handler's loop on its own thread: its subscription, lag and backoff. */
    private final class Consumer {
        private final TelemetryLogHandler handler;
        private final AtomicLong lag;
        private final Timer timer;
        private TelemetryLog.@Nullable Subscription subscription;
        private Duration backoff = MIN_BACKOFF;
        private long lagAt = System.nanoTime() - LAG_EVERY.toNanos();

        Consumer(TelemetryLogHandler handler, AtomicLong lag, Timer timer) {
            this.handler = handler;
            this.lag = lag;
            this.timer = timer;
        }

        void run() {
            lowerPriority("log-consumer-" + handler.name());
            try {
                while (running) {
                    try {
                        step();
                        backoff = MIN_BACKOFF;
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        return;
                    } catch (RuntimeException e) {
                        if (!running || !recover(e)) {
                            return;
                        }
                    }
                }
            } finally {
                close();
            }
        }

        /** Poll, handle, commit; when nothing came, wait for an append or the idle time. */
        private void step() throws InterruptedException {
            TelemetryLog.Subscription s = subscription;
            if (s == null) {
                s = log.subscribe(handler.name(), properties.consumerBatch());
                subscription = s;
                handler.restart();
            }
            long seen = signal.current();
            long polled = System.nanoTime();
            List<TelemetryLog.Entry> entries = s.poll(properties.consumerIdle());
            if (!entries.isEmpty()) {
                List<CanonicalEvent> events = new ArrayList<>(entries.size());
                for (TelemetryLog.Entry entry : entries) {
                    events.add(entry.event());
                }
                timer.record(() -> handler.handle(events));
            }
            if (handler.checkpoint()) {
                s.commit(); // also past undecodable entries that were skipped
            }
            if (System.nanoTime() - lagAt >= LAG_EVERY.toNanos()) {
                lag.set(s.lag());
                lagAt = System.nanoTime();
            }
            if (entries.isEmpty()) {
                // A log whose poll returned at once (JDBC) waits here for an append in this process.
                Duration left = properties.consumerIdle().minusNanos(System.nanoTime() - polled);
                if (left.isPositive()) {
                    signal.await(seen, left);
                }
            }
        }

        /** Rewinds to the committed position and pauses; {@return false when stopped meanwhile} */
        private boolean recover(RuntimeException e) {
            LOG.error(
                    "Telemetry log consumer '{}' failed; retrying the same events in {} ms",
                    handler.name(),
                    backoff.toMillis(),
                    e);
            TelemetryLog.Subscription s = subscription;
            if (s != null) {
                try {
                    s.rewind();
                    handler.restart();
                    lag.set(s.lag());
                    lagAt = System.nanoTime();
                } catch (RuntimeException again) {
                    LOG.warn("Telemetry log consumer '{}' cannot rewind; subscribing again", handler.name(), again);
                    close();
                }
            }
            if (!sleep(backoff)) {
                return false;
            }
            backoff = backoff.multipliedBy(2).compareTo(MAX_BACKOFF) > 0 ? MAX_BACKOFF : backoff.multipliedBy(2);
            return true;
        }

        private void close() {
            TelemetryLog.Subscription s = subscription;
            subscription = null;
            if (s == null) {
                return;
            }
            boolean interrupted = Thread.interrupted(); // a Kafka consumer refuses to close while interrupted
            try {
                s.close();
            } catch (RuntimeException e) {
                LOG.warn("Closing the telemetry log subscription of '{}' failed", handler.name(), e);
            } finally {
                if (interrupted) {
                    Thread.currentThread().interrupt();
                }
            }
        }
    }

    /** Puts the calling pipeline thread below the request threads (see {@link PipelinePriority}). */
    private void lowerPriority(String thread) {
        String failed = PipelinePriority.lowerCurrentThread(properties.pipelineNice());
        if (failed == null) {
            LOG.debug("{} runs at nice {}, below the threads that accept telemetry", thread, properties.pipelineNice());
        } else if (properties.pipelineNice() > 0 && niceWarned.compareAndSet(false, true)) {
            LOG.info(
                    "The telemetry pipeline runs at the server's own CPU priority ({}); during bursts it competes with"
                            + " accepting batches",
                    failed);
        }
    }

    /** The log's deferred write work (see {@link TelemetryLog#checkpoint}), every second. */
    private void checkpointLoop() {
        lowerPriority("log-checkpoint");
        while (running) {
            try {
                log.checkpoint();
            } catch (RuntimeException e) {
                LOG.warn("Checkpointing the telemetry log failed; trying again in a second", e);
            }
            if (!sleep(CHECKPOINT_EVERY)) {
                return;
            }
        }
    }

    private void trimLoop() {
        lowerPriority("log-trim");
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
