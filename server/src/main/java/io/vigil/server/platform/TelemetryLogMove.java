package io.vigil.server.platform;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Moves the embedded telemetry log from the telemetry SQLite file (where data folders made before
 * the log had its own file keep it) into its own file, once: its rows with their positions, the
 * position counter and the consumers' committed positions, so that no event a consumer has not yet
 * handled is lost and no handled event is handled again. The old table is emptied afterwards, not
 * dropped (PostgreSQL keeps the log in the telemetry schema, with the same migrations).
 */
final class TelemetryLogMove {

    private static final Logger LOG = LoggerFactory.getLogger(TelemetryLogMove.class);
    private static final int CHUNK = 10_000;

    private TelemetryLogMove() {}

    /**
     * Moves what the old log holds, if the new one is still untouched; then empties the old table.
     *
     * @return how many log entries were moved
     */
    static int move(DataSource telemetry, DataSource log) {
        try (Connection from = telemetry.getConnection();
                Connection to = log.getConnection()) {
            long oldHead = sequence(from);
            if (oldHead == 0 && count(from, "telemetry_log_consumers") == 0) {
                return 0; // nothing was ever appended there
            }
            int moved = 0;
            if (sequence(to) == 0 && count(to, "telemetry_log_consumers") == 0) {
                moved = copy(from, to, oldHead);
                LOG.info("Moved the telemetry log ({} entries, position {}) into its own file", moved, oldHead);
            }
            try (Statement s = from.createStatement()) {
                s.executeUpdate("DELETE FROM telemetry_log");
                s.executeUpdate("DELETE FROM telemetry_log_consumers");
            }
            return moved;
        } catch (SQLException e) {
            throw new IllegalStateException("cannot move the telemetry log into its own file: " + e.getMessage(), e);
        }
    }

    private static int copy(Connection from, Connection to, long oldHead) throws SQLException {
        to.setAutoCommit(false);
        int moved = 0;
        try {
            try (PreparedStatement read = from.prepareStatement(
                            "SELECT seq, tenant_id, event_id, appended_at, payload FROM telemetry_log"
                                    + " WHERE seq > ? ORDER BY seq LIMIT " + CHUNK);
                    PreparedStatement write = to.prepareStatement(
                            "INSERT INTO telemetry_log (seq, tenant_id, event_id, appended_at, payload)"
                                    + " VALUES (?, ?, ?, ?, ?)")) {
                long after = 0;
                while (true) {
                    read.setLong(1, after);
                    int n = 0;
                    try (ResultSet rs = read.executeQuery()) {
                        while (rs.next()) {
                            after = rs.getLong(1);
                            write.setLong(1, after);
                            write.setString(2, rs.getString(2));
                            write.setString(3, rs.getString(3));
                            write.setLong(4, rs.getLong(4));
                            write.setBytes(5, rs.getBytes(5));
                            write.addBatch();
                            n++;
                        }
                    }
                    write.executeBatch();
                    moved += n;
                    if (n < CHUNK) {
                        break;
                    }
                }
            }
            try (PreparedStatement read = from.prepareStatement(
                            "SELECT name, committed_seq, updated_at FROM telemetry_log_consumers");
                    PreparedStatement write = to.prepareStatement(
                            "INSERT INTO telemetry_log_consumers (name, committed_seq, updated_at) VALUES (?, ?, ?)");
                    ResultSet rs = read.executeQuery()) {
                while (rs.next()) {
                    write.setString(1, rs.getString(1));
                    write.setLong(2, rs.getLong(2));
                    write.setLong(3, rs.getLong(3));
                    write.addBatch();
                }
                write.executeBatch();
            }
            // Positions continue where the old log stopped, even when its head had been trimmed.
            try (PreparedStatement s =
                    to.prepareStatement("UPDATE sqlite_sequence SET seq = ? WHERE name = 'telemetry_log'")) {
                s.setLong(1, oldHead);
                if (s.executeUpdate() == 0) {
                    try (PreparedStatement insert = to.prepareStatement(
                            "INSERT INTO sqlite_sequence (name, seq) VALUES ('telemetry_log', ?)")) {
                        insert.setLong(1, oldHead);
                        insert.executeUpdate();
                    }
                }
            }
            to.commit();
            return moved;
        } catch (SQLException | RuntimeException e) {
            to.rollback();
            throw e;
        } finally {
            to.setAutoCommit(true);
        }
    }

    /** The log's AUTOINCREMENT high-water mark (0 when nothing was ever appended). */
    private static long sequence(Connection c) throws SQLException {
        try (Statement s = c.createStatement();
                ResultSet rs = s.executeQuery(
                        "SELECT COALESCE((SELECT seq FROM sqlite_sequence WHERE name = 'telemetry_log'), 0)")) {
            return rs.next() ? rs.getLong(1) : 0;
        }
    }

    private static long count(Connection c, String table) throws SQLException {
        try (Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM " + table)) {
            return rs.next() ? rs.getLong(1) : 0;
        }
    }
}
