package io.vigil.server.platform;

import java.sql.SQLException;
import org.jspecify.annotations.Nullable;
import org.springframework.dao.CannotAcquireLockException;
import org.springframework.dao.DataAccessException;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.support.AbstractFallbackSQLExceptionTranslator;
import org.springframework.jdbc.support.SQLExceptionSubclassTranslator;
import org.sqlite.SQLiteException;

/**
 * Spring knows PostgreSQL's error codes but not SQLite's: without this, a UNIQUE or FOREIGN KEY
 * violation in SQLite would surface as an uncategorised error. Constraint violations become {@link
 * DuplicateKeyException} / {@link DataIntegrityViolationException}; lock timeouts become the
 * retriable {@link CannotAcquireLockException}, as they do for PostgreSQL.
 */
final class SqliteExceptionTranslator extends AbstractFallbackSQLExceptionTranslator {

    SqliteExceptionTranslator() {
        setFallbackTranslator(new SQLExceptionSubclassTranslator());
    }

    @Override
    protected @Nullable DataAccessException doTranslate(String task, @Nullable String sql, SQLException ex) {
        if (!(ex instanceof SQLiteException sqlite)) {
            return null;
        }
        String message = task + " failed: " + ex.getMessage();
        return switch (sqlite.getResultCode()) {
            case SQLITE_CONSTRAINT_UNIQUE, SQLITE_CONSTRAINT_PRIMARYKEY -> new DuplicateKeyException(message, ex);
            case SQLITE_CONSTRAINT,
                    SQLITE_CONSTRAINT_FOREIGNKEY,
                    SQLITE_CONSTRAINT_NOTNULL,
                    SQLITE_CONSTRAINT_CHECK,
                    SQLITE_CONSTRAINT_TRIGGER -> new DataIntegrityViolationException(message, ex);
            case SQLITE_BUSY, SQLITE_BUSY_RECOVERY, SQLITE_BUSY_SNAPSHOT, SQLITE_LOCKED ->
                new CannotAcquireLockException(message, ex);
            default -> null;
        };
    }
}
