package io.vigil.bench.evtx;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;

class SpreadTest {

    @Test
    void shouldTakeTheMiddleTimingOfAnOddCount() {
        Spread spread = Spread.of(List.of(30L, 10L, 20L));

        assertThat(spread).isEqualTo(new Spread(20, 10, 30, 3));
    }

    @Test
    void shouldAverageTheMiddleTwoTimingsOfAnEvenCount() {
        assertThat(Spread.of(List.of(40L, 10L, 20L, 30L)).medianNanos()).isEqualTo(25);
    }

    @Test
    void shouldReportRatesFromTheMedianWithTheSlowestAndFastestRuns() {
        Spread spread = Spread.of(List.of(2_000_000_000L, 1_000_000_000L, 4_000_000_000L));

        assertThat(spread.medianRate(100)).isEqualTo(50.0);
        Locale previous = Locale.getDefault(Locale.Category.FORMAT);
        Locale.setDefault(Locale.Category.FORMAT, Locale.ROOT);
        try {
            assertThat(spread.rate(100, 1)).isEqualTo("50.0 (25.0–100.0)");
        } finally {
            Locale.setDefault(Locale.Category.FORMAT, previous);
        }
    }

    @Test
    void shouldRefuseToSummariseNoTimings() {
        assertThatThrownBy(() -> Spread.of(List.of())).isInstanceOf(IllegalArgumentException.class);
    }
}
