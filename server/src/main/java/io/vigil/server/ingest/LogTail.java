package io.vigil.server.ingest;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The newest committed entries of the embedded telemetry log, as the events this process appended
 * (not decoded again), so consumers in this process that keep up read them from memory instead of
 * selecting and decoding every payload once per consumer.
 *
 * <p>The tail covers a range of positions {@code (coveredFrom, coveredTo]} and holds <em>every</em>
 * committed entry in it: it only grows by appends whose position before the transaction was
 * {@code coveredTo} (checked inside the write transaction, so an append by another writer of the
 * same file resets it instead of leaving a hole). A read that does not start inside the range (a
 * consumer further behind, or one that is already at the end) goes to the database as before, so
 * the tail can only save work, never change what a consumer sees. Bounded by the encoded size of
 * what it holds; the oldest entries go first.
 *
 * <p>It also lets go of entries as soon as no consumer can still ask for them: every consumer
 * within the range has read past them, and consumers behind the range read the table anyway. Held
 * events are live objects that each young garbage collection copies; when the consumers lag by more
 * than the tail holds (a burst, with the pipeline running at a lower priority than ingest), keeping
 * them would cost the collector work on every append and save no consumer anything.
 */
final class LogTail {

    private final long capacityBytes;
    private final List<TelemetryLog.Entry> entries = new ArrayList<>();
    private final List<Integer> sizes = new ArrayList<>();
    private int start;
    private long bytes;
    private long coveredFrom;
    private long coveredTo = -1; // -1: nothing covered
    /** The last position each consumer has read up to (or asked after), by consumer name. */
    private final Map<String, Long> positions = new HashMap<>();

    LogTail(long capacityBytes) {
        this.capacityBytes = capacityBytes;
    }

    /**
     * Records a committed append.
     *
     * @param headBefore the log's last position before the transaction
     * @param added the entries it added, in position order, all after {@code headBefore}
     * @param addedSizes the encoded size of each
     */
    synchronized void appended(long headBefore, List<TelemetryLog.Entry> added, List<Integer> addedSizes) {
        if (capacityBytes <= 0) {
            return;
        }
        if (headBefore != coveredTo) {
            clear();
            coveredFrom = headBefore;
        }
        for (int i = 0; i < added.size(); i++) {
            entries.add(added.get(i));
            sizes.add(addedSizes.get(i));
            bytes += addedSizes.get(i);
        }
        coveredTo = added.isEmpty() ? headBefore : added.getLast().seq();
        while (bytes > capacityBytes && start < entries.size()) {
            dropFirst();
        }
        release();
    }

    private void dropFirst() {
        bytes -= sizes.get(start);
        coveredFrom = entries.get(start).seq();
        start++;
    }

    /**
     * Drops the entries no consumer can still ask for: those at or before the lowest position of
     * the consumers within the range, or all of them when every known consumer is behind the range.
     */
    private void release() {
        long floor = coveredTo;
        for (long position : positions.values()) {
            if (position >= coveredFrom && position < floor) {
                floor = position;
            }
        }
        while (start < entries.size() && entries.get(start).seq() <= floor) {
            dropFirst();
        }
        if ((start > 4096 && start > entries.size() / 2) || start == entries.size()) {
            entries.subList(0, start).clear();
            sizes.subList(0, start).clear();
            start = 0;
        }
        if (entries.isEmpty() && coveredTo >= 0) {
            coveredFrom = coveredTo; // covers nothing, and the next append follows on
        }
    }

    /** Forgets everything: the next append starts a new range. */
    synchronized void clear() {
        entries.clear();
        sizes.clear();
        start = 0;
        bytes = 0;
        coveredTo = -1; // the consumers' positions stay: they are where the consumers are
    }

    /**
     * {@return up to {@code max} entries after position {@code after} for {@code consumer}, or null
     * when the tail cannot answer for that position} (the caller then reads the database). Entries
     * returned to every consumer within the range are let go.
     */
    synchronized @Nullable List<TelemetryLog.Entry> after(String consumer, long after, int max) {
        positions.put(consumer, after);
        if (coveredTo < 0 || after < coveredFrom || after >= coveredTo) {
            return null;
        }
        int lo = start;
        int hi = entries.size();
        while (lo < hi) { // the first entry with seq > after
            int mid = (lo + hi) >>> 1;
            if (entries.get(mid).seq() <= after) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        List<TelemetryLog.Entry> found = List.copyOf(entries.subList(lo, Math.min(entries.size(), lo + max)));
        if (!found.isEmpty()) {
            positions.put(consumer, found.getLast().seq());
            release();
        }
        return found;
    }
}
