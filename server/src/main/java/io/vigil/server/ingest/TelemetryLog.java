package io.vigil.server.ingest;

import io.vigil.telemetry.CanonicalEvent;
import java.time.Instant;
import java.util.BitSet;
import java.util.List;

/**
 * The durable telemetry log (ARCHITECTURE.md §3): ingest appends, consumers read from their
 * committed offset. Embedded mode keeps it in a SQLite table, PostgreSQL mode in a PostgreSQL table.
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
     * @param seq its position; strictly increasing in commit order
     * @param event the event
     */
    record Entry(long seq, CanonicalEvent event) {}

    /**
     * Appends events durably: when this returns, they survive a crash or power loss.
     *
     * @param events the events, of any tenants
     * @return which were new
     */
    Appended append(List<CanonicalEvent> events);

    /**
     * Reads the events after a consumer's committed position.
     *
     * @param consumer the consumer's name
     * @param max at most this many
     * @return the events in order; empty when the consumer has read everything
     */
    List<Entry> read(String consumer, int max);

    /**
     * Records that a consumer has processed everything up to and including {@code seq}.
     *
     * @param consumer the consumer's name
     * @param seq the last processed position
     */
    void commit(String consumer, long seq);

    /** {@return the consumer's committed position (0 before its first commit)} */
    long committed(String consumer);

    /** {@return the position of the last appended event (0 when none was ever appended)} */
    long head();

    /**
     * Deletes events every known consumer has committed and that were appended before {@code
     * before}.
     *
     * @param before keep events appended at or after this instant
     * @return how many were deleted
     */
    int trim(Instant before);
}
