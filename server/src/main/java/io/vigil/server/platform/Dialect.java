package io.vigil.server.platform;

import javax.sql.DataSource;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The one place where SQLite and PostgreSQL differ for repository code. Repositories write portable
 * SQL (epoch-millisecond {@code BIGINT} times, text ids, {@code ON CONFLICT}, {@code LIMIT/OFFSET});
 * the schema differs per dialect only in its migration folder, and errors are translated to the
 * same Spring exceptions here.
 */
public enum Dialect {
    SQLITE("sqlite"),
    POSTGRESQL("postgresql");

    private final String folder;

    Dialect(String folder) {
        this.folder = folder;
    }

    /** Flyway location of a database's migrations, e.g. {@code classpath:db/state/sqlite}. */
    public String migrations(String database) {
        return "classpath:db/" + database + "/" + folder;
    }

    /**
     * A {@link JdbcClient} whose errors are translated for this dialect: a UNIQUE violation is a
     * {@link org.springframework.dao.DuplicateKeyException} in both, a lock timeout a {@link
     * org.springframework.dao.CannotAcquireLockException}.
     */
    public JdbcClient jdbcClient(DataSource dataSource) {
        return JdbcClient.create(jdbcTemplate(dataSource));
    }

    /** A {@link JdbcTemplate} with this dialect's error translation. */
    public JdbcTemplate jdbcTemplate(DataSource dataSource) {
        JdbcTemplate template = new JdbcTemplate(dataSource);
        if (this == SQLITE) {
            template.setExceptionTranslator(new SqliteExceptionTranslator());
        }
        return template;
    }
}
