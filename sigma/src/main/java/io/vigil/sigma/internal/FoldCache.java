package io.vigil.sigma.internal;

import io.vigil.sigma.LogSource;
import io.vigil.sigma.SigmaEvent;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;

/**
 * Wraps an event for one evaluation pass: field values and their case-folded text are computed
 * once per event instead of once per rule. Fields are addressed by {@link FieldSlots slot}: the
 * cache is a set of arrays indexed by slot, valid for the current event when the slot's stamp is
 * the current generation. One cache per thread is reused from event to event (no clearing, no
 * allocation per event); a nested pass on the same thread (a match callback matching another event)
 * gets a fresh one.
 */
final class FoldCache implements SigmaEvent {
    private static final Object ABSENT = new Object();
    private static final SigmaEvent NO_EVENT = new SigmaEvent() {
        @Override
        public boolean has(String field) {
            return false;
        }

        @Override
        public @Nullable Object get(String field) {
            return null;
        }

        @Override
        public void forEachValue(Consumer<Object> visitor) {}
    };
    private static final ThreadLocal<FoldCache> REUSED = ThreadLocal.withInitial(FoldCache::new);

    private SigmaEvent event = NO_EVENT;
    private int generation;
    private int[] stamps = new int[0];
    private @Nullable Object[] values = new Object[0];
    private @Nullable String[] folded = new String[0];
    /** The slots filled for the current event, cleared on close so no value outlives its pass. */
    private int[] touched = new int[64];

    private int touchedCount;
    private boolean inUse;
    private @Nullable List<String> foldedValues;

    /** Per pattern of the current scan: the scan that reported it (see {@link #firstReport}). */
    private int[] reported = new int[0];

    private int scan;

    /** Slots of the memo of what a field value marks (see {@link #remembered}). */
    private static final int MEMO = 1 << 12;

    /** Longest value remembered: longer ones (scripts, long command lines) rarely repeat. */
    private static final int MEMO_MAX_LENGTH = 512;

    private int @Nullable [] memoSet;
    private @Nullable String[] memoValue = new String[0];
    private int[][] memoTargets = new int[0][];
    private int[] recorded = new int[64];
    private int recordedCount;

    private FoldCache() {}

    /**
     * What the folded {@code value} of a field marked the last time the literal set {@code set}
     * looked at it on this thread, or null. Direct-mapped, {@value #MEMO} slots: a value that
     * repeats from event to event (an image path, a user) is scanned once. It keeps up to that
     * many short field values of past events referenced until they are overwritten.
     */
    int @Nullable [] remembered(int set, String value) {
        int[] sets = memoSet;
        if (sets == null) {
            return null;
        }
        int i = memoSlot(set, value);
        return sets[i] == set && value.equals(memoValue[i]) ? memoTargets[i] : null;
    }

    /** Starts recording the target bits of one value (see {@link #record}, {@link #remember}). */
    void startRecording() {
        recordedCount = 0;
    }

    void record(int target) {
        if (recordedCount == recorded.length) {
            recorded = Arrays.copyOf(recorded, 2 * recordedCount);
        }
        recorded[recordedCount++] = target;
    }

    /** The targets recorded since {@link #startRecording}, remembered for {@code value} of {@code set}. */
    int[] remember(int set, String value) {
        int[] targets = Arrays.copyOf(recorded, recordedCount);
        if (value.length() > MEMO_MAX_LENGTH) {
            return targets;
        }
        int[] sets = memoSet;
        if (sets == null) {
            sets = new int[MEMO];
            memoSet = sets;
            memoValue = new String[MEMO];
            memoTargets = new int[MEMO][];
        }
        int i = memoSlot(set, value);
        sets[i] = set;
        memoValue[i] = value;
        memoTargets[i] = targets;
        return targets;
    }

    private static int memoSlot(int set, String value) {
        return ((set * 0x9E3779B1) ^ (value.hashCode() * 0x85EBCA6B)) >>> (32 - 12);
    }

    /** Starts a scan of one automaton over {@code patterns} patterns whose reports {@link #firstReport} dedupes. */
    void newScan(int patterns) {
        if (reported.length < patterns) {
            reported = new int[Math.max(patterns, 2 * reported.length)];
        }
        if (++scan == 0) { // wrapped: every old mark could look current
            Arrays.fill(reported, 0);
            scan = 1;
        }
    }

    /** Whether pattern {@code p} is reported for the first time in the current scan (then marks it). */
    boolean firstReport(int p) {
        if (reported[p] == scan) {
            return false;
        }
        reported[p] = scan;
        return true;
    }

    /** The cache for one pass over {@code event}; {@link #close} it when the pass ends. */
    static FoldCache open(SigmaEvent event) {
        FoldCache cache = REUSED.get();
        if (cache.inUse) {
            cache = new FoldCache();
        }
        cache.start(event);
        return cache;
    }

    private void start(SigmaEvent e) {
        inUse = true;
        event = e;
        foldedValues = null;
        if (++generation == 0) { // wrapped: every old stamp could look current
            Arrays.fill(stamps, 0);
            generation = 1;
        }
        int n = FieldSlots.count();
        if (stamps.length < n) {
            grow(n);
        }
    }

    /** Ends the pass: the event is no longer referenced and the cache may be reused. */
    void close() {
        for (int i = 0; i < touchedCount; i++) {
            values[touched[i]] = null;
            folded[touched[i]] = null;
        }
        touchedCount = 0;
        event = NO_EVENT;
        foldedValues = null;
        inUse = false;
    }

    private void grow(int n) {
        int size = Math.max(n, stamps.length * 2);
        stamps = Arrays.copyOf(stamps, size);
        values = Arrays.copyOf(values, size);
        folded = Arrays.copyOf(folded, size);
    }

    @Override
    public boolean has(String field) {
        return event.has(field);
    }

    /** The value of the field in {@code slot}, or {@code null} when absent or null. */
    @Nullable
    Object value(int slot) {
        if (slot >= stamps.length) {
            grow(slot + 1);
        }
        if (stamps[slot] != generation) {
            Object fresh = event.get(FieldSlots.name(slot));
            values[slot] = fresh == null ? ABSENT : fresh;
            folded[slot] = null;
            stamps[slot] = generation;
            if (touchedCount == touched.length) {
                touched = Arrays.copyOf(touched, 2 * touchedCount);
            }
            touched[touchedCount++] = slot;
        }
        Object v = values[slot];
        return v == ABSENT ? null : v;
    }

    @Override
    public @Nullable Object get(String field) {
        return value(FieldSlots.of(field));
    }

    /** The folded text of the scalar value of the field in {@code slot} (the caller passes that value). */
    String folded(int slot, Object value) {
        value(slot); // stamps the slot for this event
        String f = folded[slot];
        if (f == null) {
            f = Fold.fold(Values.text(value));
            folded[slot] = f;
        }
        return f;
    }

    /** The folded text of every scalar value of the event, computed once (for keyword witnesses). */
    List<String> foldedValues() {
        List<String> all = foldedValues;
        if (all == null) {
            List<String> out = new ArrayList<>();
            event.forEachValue(v -> out.add(Fold.fold(Values.text(v))));
            foldedValues = out;
            all = out;
        }
        return all;
    }

    @Override
    public void forEachValue(Consumer<Object> visitor) {
        event.forEachValue(visitor);
    }

    @Override
    public LogSource logSource() {
        return event.logSource();
    }
}
