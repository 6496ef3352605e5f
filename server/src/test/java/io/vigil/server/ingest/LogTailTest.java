package io.vigil.server.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import io.vigil.telemetry.CanonicalEvent;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

class LogTailTest {

    private static List<TelemetryLog.Entry> entries(long from, int count) {
        List<TelemetryLog.Entry> entries = new ArrayList<>();
        List<CanonicalEvent> events = TestEvents.processes("t1", (int) from, count);
        for (int i = 0; i < count; i++) {
            entries.add(new TelemetryLog.Entry(from + 1 + i, events.get(i)));
        }
        return entries;
    }

    private static List<Integer> sizes(int count, int size) {
        return new ArrayList<>(Collections.nCopies(count, size));
    }

    @Test
    void shouldAnswerOnlyForPositionsInsideTheRangeItHoldsWhole() {
        LogTail tail = new LogTail(1_000_000);
        assertThat(tail.after("slow", 5, 10)).isNull(); // a consumer at 5 keeps everything after it
        tail.appended(5, entries(5, 10), sizes(10, 100)); // positions 6-15
        assertThat(tail.after("a", 4, 10)).isNull(); // position 5 is not in memory
        assertThat(tail.after("a", 5, 3)).extracting(TelemetryLog.Entry::seq).containsExactly(6L, 7L, 8L);
        assertThat(tail.after("a", 14, 10)).extracting(TelemetryLog.Entry::seq).containsExactly(15L);
        assertThat(tail.after("a", 15, 10)).isNull(); // at the end: the table may have newer rows
        tail.appended(15, entries(15, 2), sizes(2, 100));
        assertThat(tail.after("a", 15, 10)).extracting(TelemetryLog.Entry::seq).containsExactly(16L, 17L);
    }

    @Test
    void shouldStartAgainWhenAnAppendDoesNotFollowOnWhatItHolds() {
        LogTail tail = new LogTail(1_000_000);
        assertThat(tail.after("a", 0, 10)).isNull();
        assertThat(tail.after("b", 12, 10)).isNull();
        tail.appended(0, entries(0, 10), sizes(10, 100));
        tail.appended(12, entries(12, 3), sizes(3, 100)); // 11 and 12 were appended elsewhere
        assertThat(tail.after("a", 5, 10)).isNull();
        assertThat(tail.after("a", 12, 10)).extracting(TelemetryLog.Entry::seq).containsExactly(13L, 14L, 15L);
    }

    @Test
    void shouldDropTheOldestBeyondItsSize() {
        LogTail tail = new LogTail(1_000);
        assertThat(tail.after("a", 15, 10)).isNull();
        assertThat(tail.after("b", 0, 10)).isNull();
        tail.appended(0, entries(0, 25), sizes(25, 100)); // 2,500 bytes: keeps the newest 10
        assertThat(tail.after("b", 14, 100)).isNull();
        assertThat(tail.after("a", 15, 100)).hasSize(10);
        tail.clear();
        assertThat(tail.after("a", 15, 100)).isNull();
    }

    @Test
    void shouldLetGoOfWhatEveryConsumerWithinItsRangeHasRead() {
        LogTail tail = new LogTail(1_000_000);
        assertThat(tail.after("store", 0, 10)).isNull();
        assertThat(tail.after("detection", 0, 10)).isNull();
        tail.appended(0, entries(0, 10), sizes(10, 100)); // 1-10, both consumers at 0
        assertThat(tail.after("store", 0, 4))
                .extracting(TelemetryLog.Entry::seq)
                .containsExactly(1L, 2L, 3L, 4L);
        // detection has read nothing yet: everything stays for it
        assertThat(tail.after("detection", 0, 2))
                .extracting(TelemetryLog.Entry::seq)
                .containsExactly(1L, 2L);
        // both are past 2: 1-2 are gone, 3-4 are kept for detection
        assertThat(tail.after("detection", 0, 10)).isNull();
        assertThat(tail.after("detection", 2, 10))
                .extracting(TelemetryLog.Entry::seq)
                .hasSize(8);
        assertThat(tail.after("store", 4, 10))
                .extracting(TelemetryLog.Entry::seq)
                .startsWith(5L);
        assertThat(tail.after("store", 3, 10)).isNull(); // both have read 1-10: nothing is held
    }

    @Test
    void shouldHoldNothingWhileEveryConsumerIsBehindWhatItCouldHold() {
        LogTail tail = new LogTail(1_000_000);
        assertThat(tail.after("store", 0, 10)).isNull();
        tail.appended(0, entries(0, 10), sizes(10, 100));
        tail.appended(20, entries(20, 10), sizes(10, 100)); // 11-20 elsewhere: store is now behind
        // store reads the table from 0; nothing it could use later is in memory
        assertThat(tail.after("store", 25, 10)).isNull();
        tail.appended(30, entries(30, 5), sizes(5, 100)); // store, at 25, is behind this range
        assertThat(tail.after("store", 30, 10)).isNull();
        // once a consumer has caught up to the end, the next appends are kept for it
        tail.appended(35, entries(35, 5), sizes(5, 100));
        assertThat(tail.after("store", 35, 10)).isNull(); // still behind: reads 36-40 from the table
        assertThat(tail.after("store", 40, 10)).isNull(); // at the end
        tail.appended(40, entries(40, 3), sizes(3, 100));
        assertThat(tail.after("store", 40, 10))
                .extracting(TelemetryLog.Entry::seq)
                .containsExactly(41L, 42L, 43L);
    }
}
