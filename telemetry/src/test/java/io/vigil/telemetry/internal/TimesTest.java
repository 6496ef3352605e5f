package io.vigil.telemetry.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;
import org.junit.jupiter.api.Test;

class TimesTest {

    @Test
    void shouldParseTheTimeStampShapesExportedLogsUse() {
        assertThat(Times.parse("2020-10-19T03:30:41.104Z")).isEqualTo(Instant.parse("2020-10-19T03:30:41.104Z"));
        assertThat(Times.parse("2019-05-18T21:07:04.4587412Z"))
                .isEqualTo(Instant.parse("2019-05-18T21:07:04.4587412Z"));
        assertThat(Times.parse("2020-10-19 03:30:41.104")).isEqualTo(Instant.parse("2020-10-19T03:30:41.104Z"));
        assertThat(Times.parse("2020-09-22 04:28:20")).isEqualTo(Instant.parse("2020-09-22T04:28:20Z"));
        assertThat(Times.parse("2020-09-22T04:28:20+02:00")).isEqualTo(Instant.parse("2020-09-22T02:28:20Z"));
        assertThat(Times.parse("2020-09-22T04:28:20")).isEqualTo(Instant.parse("2020-09-22T04:28:20Z"));
    }

    @Test
    void shouldRejectAnythingElseAsAMalformedRecord() {
        assertThatThrownBy(() -> Times.parse("yesterday"))
                .isInstanceOf(MalformedRecordException.class)
                .hasMessageContaining("yesterday");
    }

    @Property(tries = 2000)
    void shouldReadUtcInstantsDigitByDigitExactlyAsInstantParseDoes(
            @ForAll @LongRange(min = -62_135_596_800L, max = 253_402_300_799L) long second,
            @ForAll @IntRange(min = 0, max = 999_999_999) int nano,
            @ForAll @IntRange(min = 0, max = 9) int digits) {
        Instant instant = Instant.ofEpochSecond(second, nano);
        String text = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss", Locale.ROOT)
                        .withZone(ZoneOffset.UTC)
                        .format(instant)
                + (digits == 0
                        ? ""
                        : "." + String.format(Locale.ROOT, "%09d", nano).substring(0, digits)) + "Z";
        assertThat(Times.utcInstant(text)).isEqualTo(Instant.parse(text));
        assertThat(Times.parse(text)).isEqualTo(Instant.parse(text));
    }

    @Test
    void shouldLeaveInvalidOrUnusualInstantsToTheGeneralParser() {
        for (String text : new String[] {
            "2026-02-29T00:00:00Z", "2026-13-01T00:00:00Z", "2026-11-28T24:00:00Z", "2026-11-28T00:00:00.Z",
            "2026-11-28T00:00:00.1234567890Z", "2026-11-28T00:00:00+01:00", "2026-11-28 00:00:00Z",
                    "2026-1a-28T00:00:00Z"
        }) {
            assertThat(Times.utcInstant(text)).as(text).isNull();
        }
        assertThat(Times.utcInstant("2024-02-29t23:59:59.5z")).isEqualTo(Instant.parse("2024-02-29T23:59:59.500Z"));
        assertThatThrownBy(() -> Times.parse("2026-02-29T00:00:00Z")).isInstanceOf(MalformedRecordException.class);
    }
}
