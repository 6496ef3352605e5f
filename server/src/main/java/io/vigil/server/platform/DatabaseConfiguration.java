package io.vigil.server.platform;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.configuration.FluentConfiguration;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Primary;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DelegatingDataSource;
import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteDataSource;

/**
 * The two databases: <b>state</b> (tenants, users, incidents…) and <b>telemetry</b> (the event log
 * and store). Embedded mode keeps them in SQLite files so that heavy telemetry writes never hold the
 * lock that state updates need, and the telemetry log in a third one, so that appends do not wait
 * for store writes; with {@code vigil.database.url} everything lives in PostgreSQL.
 * Migrations run here, before anything else touches the databases.
 */
@Configuration(proxyBeanMethods = false)
class DatabaseConfiguration {

    static final String STATE = "state";
    static final String TELEMETRY = "telemetry";
    /** The telemetry log's own SQLite file and migrations (embedded mode only). */
    static final String TELEMETRY_LOG = "telemetry-log";

    @Bean
    Dialect dialect(DatabaseProperties properties) {
        return properties.postgres() ? Dialect.POSTGRESQL : Dialect.SQLITE;
    }

    @Bean(destroyMethod = "close")
    @Primary
    DataSource stateDataSource(DatabaseProperties db, DataProperties data, Dialect dialect) {
        HikariDataSource ds = dialect == Dialect.POSTGRESQL
                ? postgres(db, Objects.requireNonNull(db.url()), "vigil-state")
                : sqlite(db, data.dir().resolve("state.db"), "vigil-state");
        migrate(ds, dialect, STATE);
        return ds;
    }

    @Bean(destroyMethod = "close")
    @Qualifier(TELEMETRY)
    DataSource telemetryDataSource(DatabaseProperties db, DataProperties data, Dialect dialect) {
        String telemetryUrl = db.telemetryUrl();
        if (dialect == Dialect.POSTGRESQL) {
            String url =
                    telemetryUrl == null || telemetryUrl.isBlank() ? Objects.requireNonNull(db.url()) : telemetryUrl;
            // Its own schema: telemetry can share the state database without mixing tables.
            HikariDataSource ds = postgres(db, url, "vigil-telemetry", "SET search_path TO " + db.telemetrySchema());
            migrate(ds, dialect, TELEMETRY, db.telemetrySchema());
            return ds;
        }
        HikariDataSource ds = telemetrySqlite(db, data.dir().resolve("telemetry.db"), "vigil-telemetry");
        migrate(ds, dialect, TELEMETRY);
        return ds;
    }

    /**
     * The durable telemetry log. Embedded mode gives it its own SQLite file, so an append (which the
     * sender waits for) never waits for the store writer's transaction on {@code telemetry.db}; the
     * log of an older data folder is moved there on the first start. On PostgreSQL, where writers do
     * not share one lock, it stays in the telemetry schema.
     */
    @Bean
    @Qualifier(TELEMETRY_LOG)
    DataSource telemetryLogDataSource(
            DatabaseProperties db,
            DataProperties data,
            Dialect dialect,
            @Qualifier(TELEMETRY) DataSource telemetryDataSource) {
        if (dialect == Dialect.POSTGRESQL) {
            return new DelegatingDataSource(telemetryDataSource); // nothing to close here
        }
        HikariDataSource ds = telemetrySqlite(db, data.dir().resolve("telemetry-log.db"), "vigil-telemetry-log");
        migrate(ds, dialect, TELEMETRY_LOG);
        TelemetryLogMove.move(telemetryDataSource, ds);
        return ds;
    }

    @Bean
    @Primary
    JdbcTemplate jdbcTemplate(DataSource stateDataSource, Dialect dialect) {
        return jdbcTemplate(dialect, stateDataSource);
    }

    /**
     * A template whose errors are translated alike for both dialects: a UNIQUE violation is a {@link
     * org.springframework.dao.DuplicateKeyException}, a lock timeout a {@link
     * org.springframework.dao.CannotAcquireLockException}.
     */
    static JdbcTemplate jdbcTemplate(Dialect dialect, DataSource dataSource) {
        JdbcTemplate template = new JdbcTemplate(dataSource);
        if (dialect == Dialect.SQLITE) {
            template.setExceptionTranslator(new SqliteExceptionTranslator());
        }
        return template;
    }

    @Bean
    @Primary
    JdbcClient jdbcClient(JdbcTemplate jdbcTemplate) {
        return JdbcClient.create(jdbcTemplate);
    }

    /** Applies a database's migrations; each database keeps its own history table. */
    static void migrate(DataSource ds, Dialect dialect, String database) {
        configure(ds, dialect, database).load().migrate();
    }

    /** Applies a database's migrations in its own PostgreSQL schema, creating the schema if needed. */
    static void migrate(DataSource ds, Dialect dialect, String database, String schema) {
        configure(ds, dialect, database)
                .schemas(schema)
                .defaultSchema(schema)
                .createSchemas(true)
                .load()
                .migrate();
    }

    private static FluentConfiguration configure(DataSource ds, Dialect dialect, String database) {
        return Flyway.configure()
                .dataSource(ds)
                .locations(dialect.migrations(database))
                .table("flyway_" + database + "_history")
                .failOnMissingLocations(true);
    }

    /**
     * The telemetry SQLite file: the durable log and bulk batch inserts of rows of a few kilobytes.
     * Synchronous FULL: the telemetry log acknowledges a batch only after its commit is on disk (fsync
     * of the WAL), so a power loss cannot lose an acknowledged event; one fsync per batch, not per
     * event. Larger pages keep a store row on one page instead of a chain of overflow pages (the size
     * applies when the file is created), and a larger page cache keeps the indexes being filled in
     * memory.
     */
    static HikariDataSource telemetrySqlite(DatabaseProperties db, Path file, String poolName) {
        int pageSize = 16_384;
        if (!Files.exists(file)) {
            // The page size is fixed when the file is created, and WAL mode forbids changing it, so
            // the new file is created here with it before the pool switches to WAL.
            try {
                Files.createDirectories(file.toAbsolutePath().getParent());
            } catch (IOException e) {
                throw new UncheckedIOException(
                        "cannot create the data folder " + file.toAbsolutePath().getParent(), e);
            }
            try (java.sql.Connection c = java.sql.DriverManager.getConnection("jdbc:sqlite:" + file.toAbsolutePath());
                    java.sql.Statement s = c.createStatement()) {
                s.execute("PRAGMA page_size = " + pageSize);
                s.execute("PRAGMA journal_mode = WAL");
            } catch (java.sql.SQLException e) {
                throw new IllegalStateException("cannot create the telemetry database " + file, e);
            }
        }
        SQLiteConfig config = sqliteConfig(db, SQLiteConfig.SynchronousMode.FULL);
        config.setCacheSize(-65_536); // KiB per connection
        return sqlite(db, file, poolName, config);
    }

    static HikariDataSource sqlite(DatabaseProperties db, Path file, String poolName) {
        return sqlite(db, file, poolName, SQLiteConfig.SynchronousMode.NORMAL);
    }

    static HikariDataSource sqlite(
            DatabaseProperties db, Path file, String poolName, SQLiteConfig.SynchronousMode synchronous) {
        return sqlite(db, file, poolName, sqliteConfig(db, synchronous));
    }

    private static HikariDataSource sqlite(DatabaseProperties db, Path file, String poolName, SQLiteConfig config) {
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
        } catch (IOException e) {
            throw new UncheckedIOException(
                    "cannot create the data folder " + file.toAbsolutePath().getParent()
                            + " (set vigil.data.dir / VIGIL_DATA_DIR to a writable folder)",
                    e);
        }
        SQLiteDataSource sqlite = new SQLiteDataSource(config);
        sqlite.setUrl("jdbc:sqlite:" + file.toAbsolutePath());
        HikariConfig hikari = new HikariConfig();
        hikari.setPoolName(poolName);
        hikari.setDataSource(sqlite);
        hikari.setMaximumPoolSize(Math.min(db.poolSize(), 8));
        return new HikariDataSource(hikari);
    }

    private static SQLiteConfig sqliteConfig(DatabaseProperties db, SQLiteConfig.SynchronousMode synchronous) {
        SQLiteConfig config = new SQLiteConfig();
        config.setJournalMode(SQLiteConfig.JournalMode.WAL);
        config.setSynchronous(synchronous);
        config.enforceForeignKeys(true);
        config.setBusyTimeout(db.busyTimeoutMs());
        // BEGIN IMMEDIATE: a transaction takes the write lock up front, so two writers queue on the
        // busy timeout instead of deadlocking when both try to upgrade a read lock.
        config.setTransactionMode(SQLiteConfig.TransactionMode.IMMEDIATE);
        return config;
    }

    static HikariDataSource postgres(DatabaseProperties db, String url, String poolName) {
        return postgres(db, url, poolName, null);
    }

    static HikariDataSource postgres(DatabaseProperties db, String url, String poolName, @Nullable String initSql) {
        HikariConfig hikari = new HikariConfig();
        if (initSql != null) {
            hikari.setConnectionInitSql(initSql);
        }
        hikari.setPoolName(poolName);
        hikari.setJdbcUrl(url);
        if (db.username() != null) {
            hikari.setUsername(db.username());
        }
        if (db.password() != null) {
            hikari.setPassword(db.password());
        }
        hikari.setMaximumPoolSize(db.poolSize());
        return new HikariDataSource(hikari);
    }
}
