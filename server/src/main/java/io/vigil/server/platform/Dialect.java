package io.vigil.server.platform;

/**
 * The one place where SQLite and PostgreSQL differ for repository code. Repositories write portable
 * SQL (epoch-millisecond {@code BIGINT} times, text ids, {@code ON CONFLICT}, {@code LIMIT/OFFSET});
 * the schema differs per dialect only in its migration folder, and {@link DatabaseConfiguration}
 * translates both dialects' errors to the same Spring exceptions.
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
}
