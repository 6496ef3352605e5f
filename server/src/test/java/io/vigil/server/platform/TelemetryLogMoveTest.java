package io.vigil.server.platform;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Data folders from before the log had its own file: the first start moves the log, once. */
class TelemetryLogMoveTest {

    @TempDir
    Path dir;

    @Test
    void shouldMoveUnconsumedEntriesPositionsAndOffsetsOnceAndEmptyTheOldTable() {
        try (TestDatabase old = TestDatabase.telemetry(Dialect.SQLITE, dir);
                TestDatabase log = TestDatabase.telemetryLog(Dialect.SQLITE, dir)) {
            for (int i = 1; i <= 5; i++) {
                old.jdbc()
                        .sql(
                                "INSERT INTO telemetry_log (tenant_id, event_id, appended_at, payload) VALUES (?, ?, ?, ?)")
                        .params("t1", "e" + i, 1000L + i, new byte[] {(byte) i})
                        .update();
            }
            // The consumed head was trimmed: positions 1 and 2 are gone, the counter stays at 5.
            old.jdbc().sql("DELETE FROM telemetry_log WHERE seq <= 2").update();
            old.jdbc()
                    .sql("INSERT INTO telemetry_log_consumers (name, committed_seq, updated_at) VALUES (?, ?, ?)")
                    .params("telemetry-store", 3L, 7L)
                    .update();

            assertThat(TelemetryLogMove.move(old.dataSource(), log.dataSource()))
                    .isEqualTo(3);

            assertThat(log.jdbc()
                            .sql("SELECT seq || ':' || event_id || ':' || hex(payload) FROM telemetry_log ORDER BY seq")
                            .query(String.class)
                            .list())
                    .containsExactly("3:e3:03", "4:e4:04", "5:e5:05");
            assertThat(log.jdbc()
                            .sql("SELECT committed_seq FROM telemetry_log_consumers WHERE name = 'telemetry-store'")
                            .query(Long.class)
                            .single())
                    .isEqualTo(3L);
            assertThat(old.jdbc()
                            .sql("SELECT COUNT(*) FROM telemetry_log")
                            .query(Long.class)
                            .single())
                    .isZero();
            // New appends continue after the old positions, never reusing one.
            log.jdbc()
                    .sql(
                            "INSERT INTO telemetry_log (tenant_id, event_id, appended_at, payload) VALUES ('t1', 'e6', 0, x'06')")
                    .update();
            assertThat(log.jdbc()
                            .sql("SELECT MAX(seq) FROM telemetry_log")
                            .query(Long.class)
                            .single())
                    .isEqualTo(6L);

            // A second start finds nothing to move and changes nothing.
            assertThat(TelemetryLogMove.move(old.dataSource(), log.dataSource()))
                    .isZero();
            assertThat(log.jdbc()
                            .sql("SELECT event_id FROM telemetry_log ORDER BY seq")
                            .query(String.class)
                            .list())
                    .isEqualTo(List.of("e3", "e4", "e5", "e6"));
        }
    }

    @Test
    void shouldLeaveANewLogAloneWhenTheOldOneWasNeverUsed() {
        try (TestDatabase old = TestDatabase.telemetry(Dialect.SQLITE, dir);
                TestDatabase log = TestDatabase.telemetryLog(Dialect.SQLITE, dir)) {
            log.jdbc()
                    .sql(
                            "INSERT INTO telemetry_log (tenant_id, event_id, appended_at, payload) VALUES ('t1', 'e1', 0, x'01')")
                    .update();

            assertThat(TelemetryLogMove.move(old.dataSource(), log.dataSource()))
                    .isZero();
            assertThat(log.jdbc()
                            .sql("SELECT COUNT(*) FROM telemetry_log")
                            .query(Long.class)
                            .single())
                    .isEqualTo(1L);
        }
    }
}
