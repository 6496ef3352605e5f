package io.vigil.server.platform;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * {@code vigil.database.*}: PostgreSQL for a cluster. Without a URL Vigil uses embedded SQLite
 * files under {@code vigil.data.dir}.
 *
 * @param url JDBC URL of PostgreSQL ({@code VIGIL_DATABASE_URL}), e.g.
 *     {@code jdbc:postgresql://db:5432/vigil}; empty for embedded SQLite
 * @param username database user ({@code VIGIL_DATABASE_USERNAME})
 * @param password database password ({@code VIGIL_DATABASE_PASSWORD})
 * @param telemetryUrl JDBC URL of the telemetry database; defaults to {@code url}
 * @param telemetrySchema PostgreSQL only: the schema that holds the telemetry tables (created if
 *     missing), so state and telemetry can share one database
 * @param poolSize connections per pool (state and telemetry each have one)
 * @param busyTimeoutMs SQLite only: how long a writer waits for a lock before failing
 */
@Validated
@ConfigurationProperties(prefix = "vigil.database", ignoreUnknownFields = false)
public record DatabaseProperties(
        @Nullable String url,
        @Nullable String username,
        @Nullable String password,
        @Nullable String telemetryUrl,

        @DefaultValue("vigil_telemetry") @jakarta.validation.constraints.Pattern(regexp = "[a-z_][a-z0-9_]{0,62}")
        String telemetrySchema,

        @DefaultValue("10") @Min(1) @Max(200) int poolSize,
        @DefaultValue("10000") @Min(0) @Max(600_000) int busyTimeoutMs) {

    public DatabaseProperties {
        if (url != null && !url.isBlank() && !url.startsWith("jdbc:postgresql:")) {
            throw new IllegalArgumentException(
                    "vigil.database.url must be a PostgreSQL JDBC URL (jdbc:postgresql://host:port/db), not '" + url
                            + "'");
        }
        if (telemetryUrl != null && !telemetryUrl.isBlank() && !telemetryUrl.startsWith("jdbc:postgresql:")) {
            throw new IllegalArgumentException(
                    "vigil.database.telemetry-url must be a PostgreSQL JDBC URL, not '" + telemetryUrl + "'");
        }
    }

    /** Whether PostgreSQL is configured (otherwise embedded SQLite). */
    public boolean postgres() {
        return url != null && !url.isBlank();
    }
}
