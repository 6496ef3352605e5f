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
        assertThat(tail.after(0, 10)).isNull();
        tail.appended(5, entries(5, 10), sizes(10, 100)); // positions 6-15
        assertThat(tail.after(4, 10)).isNull(); // position 5 is not in memory
        assertThat(tail.after(5, 3)).extracting(TelemetryLog.Entry::seq).containsExactly(6L, 7L, 8L);
        assertThat(tail.after(14, 10)).extracting(TelemetryLog.Entry::seq).containsExactly(15L);
        assertThat(tail.after(15, 10)).isNull(); // at the end: the table may have newer rows
        tail.appended(15, entries(15, 2), sizes(2, 100));
        assertThat(tail.after(15, 10)).extracting(TelemetryLog.Entry::seq).containsExactly(16L, 17L);
    }

    @Test
    void shouldStartAgainWhenAnAppendDoesNotFollowOnWhatItHolds() {
        LogTail tail = new LogTail(1_000_000);
        tail.appended(0, entries(0, 10), sizes(10, 100));
        tail.appended(12, entries(12, 3), sizes(3, 100)); // 11 and 12 were appended elsewhere
        assertThat(tail.after(5, 10)).isNull();
        assertThat(tail.after(12, 10)).extracting(TelemetryLog.Entry::seq).containsExactly(13L, 14L, 15L);
    }

    @Test
    void shouldDropTheOldestBeyondItsSize() {
        LogTail tail = new LogTail(1_000);
        tail.appended(0, entries(0, 25), sizes(25, 100)); // 2,500 bytes: keeps the newest 10
        assertThat(tail.after(14, 100)).isNull();
        assertThat(tail.after(15, 100)).hasSize(10);
        tail.clear();
        assertThat(tail.after(15, 100)).isNull();
    }
}
