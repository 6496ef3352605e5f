package io.vigil.telemetry.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
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
}
