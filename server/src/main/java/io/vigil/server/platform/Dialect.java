package io.vigil.server.platform;

import java.sql.SQLException;
import org.springframework.dao.DataIntegrityViolationException;

/**
 * The one place where SQLite and PostgreSQL differ for repository code. Repositories write portable
 * SQL (epoch-millisecond {@code BIGINT} times, text ids, {@code ON CONFLICT}, {@code LIMIT/OFFSET});
 * the schema itself differs per dialect only in its migration folder.
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

    /** Whether a failed write broke a UNIQUE or PRIMARY KEY constraint. */
    public boolean isUniqueViolation(DataIntegrityViolationException e) {
        Throwable t = e;
        while (t != null) {
            if (t instanceof SQLException sql) {
                return switch (this) {
                    // SQLITE_CONSTRAINT_UNIQUE (2067) and SQLITE_CONSTRAINT_PRIMARYKEY (1555)
                    case SQLITE ->
                        sql.getErrorCode() == 19
                                && sql.getMessage() != null
                                && (sql.getMessage().contains("UNIQUE")
                                        || sql.getMessage().contains("PRIMARY KEY"));
                    case POSTGRESQL -> "23505".equals(sql.getSQLState());
                };
            }
            t = t.getCause();
        }
        return false;
    }
}
