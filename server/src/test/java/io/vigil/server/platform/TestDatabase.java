package io.vigil.server.platform;

import com.zaxxer.hikari.HikariDataSource;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * A real, migrated state database for repository tests: a fresh SQLite file, or a fresh schema in
 * the test PostgreSQL. The same test runs against both.
 */
public record TestDatabase(Dialect dialect, HikariDataSource dataSource, JdbcClient jdbc) implements AutoCloseable {

    private static final DatabaseProperties DEFAULTS =
            new DatabaseProperties(null, null, null, null, "vigil_telemetry", 4, 10_000);

    /** Opens a fresh state database of {@code dialect}; PostgreSQL skips or fails when not configured. */
    public static TestDatabase open(Dialect dialect, Path dir) {
        return switch (dialect) {
            case SQLITE -> sqlite(dir.resolve("state-" + UUID.randomUUID() + ".db"));
            case POSTGRESQL -> postgres();
        };
    }

    /** Opens a fresh telemetry database of {@code dialect} (the log and the store). */
    public static TestDatabase telemetry(Dialect dialect, Path dir) {
        return switch (dialect) {
            case SQLITE -> {
                HikariDataSource ds = DatabaseConfiguration.telemetrySqlite(
                        DEFAULTS, dir.resolve("telemetry-" + UUID.randomUUID() + ".db"), "test-telemetry");
                DatabaseConfiguration.migrate(ds, Dialect.SQLITE, DatabaseConfiguration.TELEMETRY);
                yield new TestDatabase(
                        Dialect.SQLITE, ds, JdbcClient.create(DatabaseConfiguration.jdbcTemplate(Dialect.SQLITE, ds)));
            }
            case POSTGRESQL -> {
                String url =
                        withSchema(TestEnvironment.requirePostgres(), freshSchema(TestEnvironment.requirePostgres()));
                DatabaseProperties props = new DatabaseProperties(url, null, null, null, "vigil_telemetry", 8, 10_000);
                HikariDataSource ds = DatabaseConfiguration.postgres(props, url, "test-telemetry");
                DatabaseConfiguration.migrate(ds, Dialect.POSTGRESQL, DatabaseConfiguration.TELEMETRY);
                yield new TestDatabase(
                        Dialect.POSTGRESQL,
                        ds,
                        JdbcClient.create(DatabaseConfiguration.jdbcTemplate(Dialect.POSTGRESQL, ds)));
            }
        };
    }

    /**
     * Opens a fresh database for the telemetry log of {@code dialect}: its own SQLite file, or a
     * telemetry schema on PostgreSQL (where the log shares the telemetry database).
     */
    public static TestDatabase telemetryLog(Dialect dialect, Path dir) {
        if (dialect == Dialect.POSTGRESQL) {
            return telemetry(dialect, dir);
        }
        HikariDataSource ds = DatabaseConfiguration.telemetrySqlite(
                DEFAULTS, dir.resolve("telemetry-log-" + UUID.randomUUID() + ".db"), "test-telemetry-log");
        DatabaseConfiguration.migrate(ds, Dialect.SQLITE, DatabaseConfiguration.TELEMETRY_LOG);
        return new TestDatabase(
                Dialect.SQLITE, ds, JdbcClient.create(DatabaseConfiguration.jdbcTemplate(Dialect.SQLITE, ds)));
    }

    public static TestDatabase sqlite(Path file) {
        HikariDataSource ds = DatabaseConfiguration.sqlite(DEFAULTS, file, "test-sqlite");
        DatabaseConfiguration.migrate(ds, Dialect.SQLITE, DatabaseConfiguration.STATE);
        return new TestDatabase(
                Dialect.SQLITE, ds, JdbcClient.create(DatabaseConfiguration.jdbcTemplate(Dialect.SQLITE, ds)));
    }

    public static TestDatabase postgres() {
        String url = withSchema(TestEnvironment.requirePostgres(), freshSchema(TestEnvironment.requirePostgres()));
        DatabaseProperties props = new DatabaseProperties(url, null, null, null, "vigil_telemetry", 4, 10_000);
        HikariDataSource ds = DatabaseConfiguration.postgres(props, url, "test-postgres");
        DatabaseConfiguration.migrate(ds, Dialect.POSTGRESQL, DatabaseConfiguration.STATE);
        return new TestDatabase(
                Dialect.POSTGRESQL, ds, JdbcClient.create(DatabaseConfiguration.jdbcTemplate(Dialect.POSTGRESQL, ds)));
    }

    /** Creates an empty schema in the test PostgreSQL and returns its name. */
    public static String freshSchema(String adminUrl) {
        String schema = "t_"
                + UUID.randomUUID().toString().replace("-", "").substring(0, 16).toLowerCase(Locale.ROOT);
        try (Connection c = DriverManager.getConnection(adminUrl);
                Statement s = c.createStatement()) {
            s.execute("CREATE SCHEMA " + schema);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot create a test schema in " + adminUrl, e);
        }
        return schema;
    }

    /** The URL with {@code currentSchema} set, so that Flyway and queries use that schema. */
    public static String withSchema(String url, String schema) {
        return url + (url.contains("?") ? "&" : "?") + "currentSchema=" + schema;
    }

    @Override
    public void close() {
        dataSource.close();
    }
}
