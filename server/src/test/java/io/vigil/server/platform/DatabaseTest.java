package io.vigil.server.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Instant;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.dao.DuplicateKeyException;

class DatabaseTest {

    @TempDir
    Path dir;

    @Test
    void shouldOpenSqliteInWalModeWithForeignKeysAndBusyTimeout() {
        try (TestDatabase db = TestDatabase.sqlite(dir.resolve("state.db"))) {
            assertThat(db.jdbc().sql("PRAGMA journal_mode").query(String.class).single())
                    .isEqualToIgnoringCase("wal");
            assertThat(db.jdbc().sql("PRAGMA foreign_keys").query(Integer.class).single())
                    .isEqualTo(1);
            assertThat(db.jdbc().sql("PRAGMA busy_timeout").query(Integer.class).single())
                    .isEqualTo(10_000);
        }
    }

    @ParameterizedTest
    @EnumSource(Dialect.class)
    void shouldEnforceForeignKeys(Dialect dialect) {
        try (TestDatabase db = TestDatabase.open(dialect, dir)) {
            assertThatThrownBy(() -> db.jdbc()
                            .sql("INSERT INTO analyst_tenants (user_id, tenant_id) VALUES ('nobody', 'nowhere')")
                            .update())
                    .isInstanceOf(DataIntegrityViolationException.class);
        }
    }

    @ParameterizedTest
    @EnumSource(Dialect.class)
    void shouldTranslateUniqueViolationsToDuplicateKeyInBothDialects(Dialect dialect) {
        try (TestDatabase db = TestDatabase.open(dialect, dir)) {
            String insert = "INSERT INTO tenants (id, name, name_key, description, created_at) VALUES (?, ?, ?, '', 0)";
            db.jdbc().sql(insert).params("a", "Acme", "acme").update();
            assertThatThrownBy(() ->
                            db.jdbc().sql(insert).params("b", "ACME", "acme").update())
                    .isInstanceOf(DuplicateKeyException.class);
        }
    }

    @ParameterizedTest
    @EnumSource(Dialect.class)
    void shouldShowAuditLinesOnlyToTheirTenantsAndProviderLinesOnlyToAllScope(Dialect dialect) {
        try (TestDatabase db = TestDatabase.open(dialect, dir)) {
            for (String t : new String[] {"ta", "tb"}) {
                db.jdbc()
                        .sql(
                                "INSERT INTO tenants (id, name, name_key, description, created_at) VALUES (?, ?, ?, '', 0)")
                        .params(t, t, t)
                        .update();
            }
            AuditLog audit = new AuditLog(db.jdbc());
            TenantId a = new TenantId("ta");
            TenantId b = new TenantId("tb");
            audit.record(
                    new AuditEntry(Instant.ofEpochMilli(1), "x", "USER", a, "user.created", "ua", "", "::1", true));
            audit.record(
                    new AuditEntry(Instant.ofEpochMilli(2), "y", "USER", b, "user.created", "ub", "", "::1", true));
            audit.record(new AuditEntry(
                    Instant.ofEpochMilli(3), "z", "USER", null, "login.success", "admin", "", "::1", true));

            assertThat(audit.newest(TenantScope.all(), 10, 0))
                    .extracting(AuditEntry::target)
                    .containsExactly("admin", "ub", "ua");
            assertThat(audit.newest(TenantScope.of(a), 10, 0))
                    .extracting(AuditEntry::target)
                    .containsExactly("ua");
            assertThat(audit.newest(TenantScope.only(Set.of()), 10, 0)).isEmpty();
            assertThat(audit.newest(TenantScope.all(), 1, 1))
                    .extracting(AuditEntry::target)
                    .containsExactly("ub");
        }
    }
}
