package io.vigil.server.ingest;

import java.time.Duration;
import java.util.List;

/**
 * A consumer's reader of the {@link JdbcTelemetryLog}: remembers how far it has read in memory and
 * how far it has committed in the log's consumer table. There is one position per consumer name, so
 * one process per name reads the JDBC log.
 */
final class JdbcSubscription implements TelemetryLog.Subscription {

    private final JdbcTelemetryLog log;
    private final String consumer;
    private final int batch;
    private long committed;
    private long delivered;

    JdbcSubscription(JdbcTelemetryLog log, String consumer, int batch) {
        if (batch < 1) {
            throw new IllegalArgumentException("batch must be positive, not " + batch);
        }
        this.log = log;
        this.consumer = consumer;
        this.batch = batch;
        this.committed = log.committed(consumer);
        this.delivered = committed;
    }

    /** Returns at once; the caller waits on the {@link LogSignal} when nothing was there. */
    @Override
    public List<TelemetryLog.Entry> poll(Duration wait) {
        List<TelemetryLog.Entry> entries = log.readAfter(delivered, batch, consumer);
        if (!entries.isEmpty()) {
            delivered = entries.getLast().seq();
        }
        return entries;
    }

    @Override
    public void commit() {
        if (delivered != committed) {
            log.commit(consumer, delivered);
            committed = delivered;
        }
    }

    @Override
    public void rewind() {
        delivered = committed;
    }

    @Override
    public long lag() {
        return Math.max(0, log.head() - committed);
    }

    @Override
    public void close() {
        // Nothing held between calls: every read takes a pooled connection and returns it.
    }
}
