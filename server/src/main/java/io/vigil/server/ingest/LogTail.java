package io.vigil.server.ingest;

import java.util.ArrayList;
import java.util.List;
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
 */
final class LogTail {

    private final long capacityBytes;
    private final List<TelemetryLog.Entry> entries = new ArrayList<>();
    private final List<Integer> sizes = new ArrayList<>();
    private int start;
    private long bytes;
    private long coveredFrom;
    private long coveredTo = -1; // -1: nothing covered

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
            bytes -= sizes.get(start);
            coveredFrom = entries.get(start).seq();
            start++;
        }
        if (start > 4096 && start > entries.size() / 2) {
            entries.subList(0, start).clear();
            sizes.subList(0, start).clear();
            start = 0;
        }
    }

    /** Forgets everything: the next append starts a new range. */
    synchronized void clear() {
        entries.clear();
        sizes.clear();
        start = 0;
        bytes = 0;
        coveredTo = -1;
    }

    /**
     * {@return up to {@code max} entries after position {@code after}, or null when the tail cannot
     * answer for that position} (the caller then reads the database).
     */
    synchronized @Nullable List<TelemetryLog.Entry> after(long after, int max) {
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
        return List.copyOf(entries.subList(lo, Math.min(entries.size(), lo + max)));
    }
}
