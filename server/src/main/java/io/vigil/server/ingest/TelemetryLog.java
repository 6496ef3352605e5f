package io.vigil.server.ingest;

import io.vigil.telemetry.CanonicalEvent;
import java.time.Duration;
import java.time.Instant;
import java.util.BitSet;
import java.util.List;

/**
 * The durable telemetry log (ARCHITECTURE.md §3): ingest appends, consumers read from their
 * committed offset. Embedded mode keeps it in a SQLite table, PostgreSQL mode in a PostgreSQL table,
 * cluster mode in a Kafka topic ({@code vigil.kafka.*}).
 */
public interface TelemetryLog {

    /**
     * What an append did.
     *
     * @param size how many events were given
     * @param addedCount how many were appended
     * @param addedBits bit {@code i} set when event {@code i} was appended, clear when the log
     *     already held an event with its tenant and id (a retry)
     */
    record Appended(int size, int addedCount, BitSet addedBits) {
        public Appended {
            addedBits = (BitSet) addedBits.clone();
        }

        /** {@return whether event {@code i} was appended (not a duplicate)} */
        public boolean added(int i) {
            return addedBits.get(i);
        }

        public int duplicates() {
            return size - addedCount;
        }
    }

    /**
     * An event in the log.
     *
     * @param seq its position; strictly increasing in commit order (Kafka: the offset within its
     *     partition, increasing per tenant and asset)
     * @param event the event
     */
    record Entry(long seq, CanonicalEvent event) {}

    /**
     * Appends events durably: when this returns, they survive a crash or power loss.
     *
     * @param events the events, of any tenants
     * @return which were new; a log that cannot recognise retries (Kafka) reports every event as new
     *     and leaves duplicates to the idempotent consumers
     */
    Appended append(List<CanonicalEvent> events);

    /**
     * Opens a reader for one consumer. Every consumer name has its own committed position;
     * subscriptions of the same name in several processes share the work where the log supports it
     * (Kafka: one consumer group per name, partitions split among its members; JDBC: one position,
     * so run one process per name).
     *
     * @param consumer the consumer's name
     * @param batch at most this many events per {@link Subscription#poll}
     * @return the subscription; close it when done
     */
    Subscription subscribe(String consumer, int batch);

    /**
     * Deletes events every known consumer has committed and that were appended before {@code
     * before}. A log with its own retention (Kafka: the topic's {@code retention.ms}) deletes
     * nothing here.
     *
     * @param before keep events appended at or after this instant
     * @return how many were deleted
     */
    int trim(Instant before);

    /**
     * Does the log's deferred write work in the background, at the pipeline's priority: the
     * embedded SQLite log copies its write-ahead file into the database file here instead of in the
     * appends that batches wait for. Called about once a second; other logs do nothing.
     */
    default void checkpoint() {}

    /**
     * One consumer's reader: poll, handle, commit; or rewind after a failure. Not thread-safe: use
     * a subscription from one thread only.
     */
    interface Subscription extends AutoCloseable {

        /**
         * Returns the next events after those this subscription already returned, in log order (Kafka:
         * in order per tenant and asset). May wait up to {@code wait} when there are none; the JDBC
         * log returns at once (its appends in this process wake the caller through the signal).
         *
         * @param wait the longest time to wait for events
         * @return up to the subscription's batch size of events; empty when there are none yet
         */
        List<Entry> poll(Duration wait);

        /** Commits everything returned so far: a later subscription of this name starts after it. */
        void commit();

        /** Forgets what was returned and not committed: the next poll returns it again. */
        void rewind();

        /** {@return events appended and not yet committed (Kafka: in this member's partitions)} */
        long lag();

        @Override
        void close();
    }
}
