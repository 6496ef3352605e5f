package io.vigil.server.tenant;

import io.vigil.server.platform.Role;
import io.vigil.server.platform.ScopedSql;
import io.vigil.server.platform.TenantId;
import io.vigil.server.platform.TenantScope;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.SortedSet;
import java.util.TreeSet;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Accounts in the state database. Customer accounts are visible in a scope that includes their
 * tenant; provider accounts (no tenant) only in the provider-wide scope. Two lookups are
 * provider-wide by nature and named so: {@link #findForLogin} (before anyone is known) and {@link
 * #findAuthenticated} (the account behind an established session).
 */
@Repository
public class UserRepository {

    private static final String COLUMNS =
            "id, username, display_name, role, tenant_id, enabled, must_change_password, failed_logins, locked_until, last_login_at, created_at";

    /** An account with its password hash, for sign-in only. */
    record LoginRecord(User user, String passwordHash) {}

    private final JdbcClient jdbc;

    UserRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    static String key(String username) {
        return username.trim().toLowerCase(Locale.ROOT);
    }

    void insert(TenantScope scope, User u, String passwordHash) {
        ScopedSql.requireWritable(scope, u.tenant());
        jdbc.sql("""
                INSERT INTO users (id, username, username_key, display_name, role, tenant_id, password_hash,
                                   must_change_password, enabled, failed_logins, created_at, updated_at)
                VALUES (:id, :username, :key, :display, :role, :tenant, :hash, :must, :enabled, 0, :now, :now)""")
                .param("id", u.id().value())
                .param("username", u.username())
                .param("key", key(u.username()))
                .param("display", u.displayName())
                .param("role", u.role().name())
                .param("tenant", tenantValue(u.tenant()))
                .param("hash", passwordHash)
                .param("must", u.mustChangePassword())
                .param("enabled", u.enabled())
                .param("now", u.createdAt().toEpochMilli())
                .update();
        if (!u.assignedTenants().isEmpty()) {
            setAssignments(scope, u.id(), u.assignedTenants());
        }
    }

    /** Provider-wide, for sign-in: the account with this user name (any case) and its hash. */
    Optional<LoginRecord> findForLogin(String username) {
        return jdbc.sql("SELECT " + COLUMNS + ", password_hash FROM users WHERE username_key = ?")
                .param(key(username))
                .query((rs, n) -> new LoginRecord(map(rs), rs.getString("password_hash")))
                .optional()
                .map(r -> new LoginRecord(withAssignments(r.user()), r.passwordHash()));
    }

    /** Provider-wide, for an established session or token: the account behind it. */
    public Optional<User> findAuthenticated(UserId id) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM users WHERE id = ?")
                .param(id.value())
                .query((rs, n) -> map(rs))
                .optional()
                .map(this::withAssignments);
    }

    /** The password hash of an account in scope, for a password change. */
    Optional<String> passwordHash(UserId id) {
        return jdbc.sql("SELECT password_hash FROM users WHERE id = ?")
                .param(id.value())
                .query(String.class)
                .optional();
    }

    /** The account, if visible in scope. */
    public Optional<User> find(TenantScope scope, UserId id) {
        String sql = "SELECT " + COLUMNS + " FROM users WHERE id = :id AND " + ScopedSql.condition(scope, "tenant_id");
        return ScopedSql.bind(jdbc.sql(sql).param("id", id.value()), scope)
                .query((rs, n) -> map(rs))
                .optional()
                .map(this::withAssignments);
    }

    /** Customer accounts of one tenant in scope, by user name. */
    public List<User> listOfTenant(TenantScope scope, TenantId tenant) {
        if (!scope.includes(tenant)) {
            return List.of();
        }
        return jdbc.sql("SELECT " + COLUMNS + " FROM users WHERE tenant_id = ? ORDER BY username_key")
                .param(tenant.value())
                .query((rs, n) -> map(rs))
                .list();
    }

    /** How many customer accounts each tenant in scope has (tenants without accounts are absent). */
    public Map<TenantId, Integer> countByTenant(TenantScope scope) {
        String sql = "SELECT tenant_id, COUNT(*) FROM users WHERE tenant_id IS NOT NULL AND "
                + ScopedSql.condition(scope, "tenant_id") + " GROUP BY tenant_id";
        Map<TenantId, Integer> counts = new HashMap<>();
        ScopedSql.bind(jdbc.sql(sql), scope).query(rs -> {
            counts.put(new TenantId(rs.getString(1)), rs.getInt(2));
        });
        return counts;
    }

    /** Provider accounts (admins and analysts), by user name; only in the provider-wide scope. */
    public List<User> listProvider(TenantScope scope) {
        if (!(scope instanceof TenantScope.All)) {
            return List.of();
        }
        List<User> users = jdbc.sql("SELECT " + COLUMNS + " FROM users WHERE tenant_id IS NULL ORDER BY username_key")
                .query((rs, n) -> map(rs))
                .list();
        Map<String, SortedSet<TenantId>> assignments = new HashMap<>();
        jdbc.sql("SELECT user_id, tenant_id FROM analyst_tenants").query(rs -> {
            assignments.computeIfAbsent(rs.getString(1), k -> new TreeSet<>()).add(new TenantId(rs.getString(2)));
        });
        return users.stream()
                .map(u -> withAssignments(u, assignments.getOrDefault(u.id().value(), new TreeSet<>())))
                .toList();
    }

    /** Provider-wide count, to detect an empty installation on first start. */
    int countAllAccounts() {
        return jdbc.sql("SELECT COUNT(*) FROM users").query(Integer.class).single();
    }

    /** Changes name, role and enabled flag of an account in scope; returns whether one was changed. */
    boolean updateProfile(TenantScope scope, UserId id, String displayName, Role role, boolean enabled, Instant now) {
        String sql = "UPDATE users SET display_name = :name, role = :role, enabled = :enabled, updated_at = :now"
                + " WHERE id = :id AND " + ScopedSql.condition(scope, "tenant_id");
        return ScopedSql.bind(jdbc.sql(sql), scope)
                        .param("name", displayName)
                        .param("role", role.name())
                        .param("enabled", enabled)
                        .param("now", now.toEpochMilli())
                        .param("id", id.value())
                        .update()
                == 1;
    }

    /** Replaces an analyst's assigned tenants (provider-wide scope only: provider admins assign). */
    void setAssignments(TenantScope scope, UserId id, SortedSet<TenantId> tenants) {
        ScopedSql.requireWritable(scope, null);
        jdbc.sql("DELETE FROM analyst_tenants WHERE user_id = ?")
                .param(id.value())
                .update();
        for (TenantId t : tenants) {
            jdbc.sql("INSERT INTO analyst_tenants (user_id, tenant_id) VALUES (?, ?)")
                    .params(id.value(), t.value())
                    .update();
        }
    }

    /** Sets the password of an account in scope (and unlocks it); returns whether one was changed. */
    boolean setPassword(TenantScope scope, UserId id, String hash, boolean mustChange, Instant now) {
        String sql = "UPDATE users SET password_hash = :hash, must_change_password = :must, failed_logins = 0,"
                + " locked_until = NULL, updated_at = :now WHERE id = :id AND "
                + ScopedSql.condition(scope, "tenant_id");
        return ScopedSql.bind(jdbc.sql(sql), scope)
                        .param("hash", hash)
                        .param("must", mustChange)
                        .param("now", now.toEpochMilli())
                        .param("id", id.value())
                        .update()
                == 1;
    }

    /** Sets the password of the signed-in account itself. */
    void setOwnPassword(UserId self, String hash, Instant now) {
        jdbc.sql("UPDATE users SET password_hash = ?, must_change_password = ?, updated_at = ? WHERE id = ?")
                .params(hash, false, now.toEpochMilli(), self.value())
                .update();
    }

    /** Lifts a lockout of an account in scope; returns whether one was changed. */
    boolean unlock(TenantScope scope, UserId id) {
        String sql = "UPDATE users SET failed_logins = 0, locked_until = NULL WHERE id = :id AND "
                + ScopedSql.condition(scope, "tenant_id");
        return ScopedSql.bind(jdbc.sql(sql), scope).param("id", id.value()).update() == 1;
    }

    /** Sign-in bookkeeping (provider-wide by nature, like {@link #findForLogin}). */
    void recordFailure(UserId id, int failedLogins, @Nullable Instant lockedUntil) {
        jdbc.sql("UPDATE users SET failed_logins = :failures, locked_until = :until WHERE id = :id")
                .param("failures", failedLogins)
                .param("until", lockedUntil == null ? null : lockedUntil.toEpochMilli())
                .param("id", id.value())
                .update();
    }

    /** Sign-in bookkeeping (provider-wide by nature, like {@link #findForLogin}). */
    void recordSuccess(UserId id, Instant at) {
        jdbc.sql("UPDATE users SET failed_logins = 0, locked_until = NULL, last_login_at = ? WHERE id = ?")
                .params(at.toEpochMilli(), id.value())
                .update();
    }

    private User withAssignments(User u) {
        if (u.role() != Role.SOC_ANALYST) {
            return u;
        }
        List<TenantId> tenants = jdbc.sql("SELECT tenant_id FROM analyst_tenants WHERE user_id = ?")
                .param(u.id().value())
                .query((rs, n) -> new TenantId(rs.getString(1)))
                .list();
        return withAssignments(u, new TreeSet<>(tenants));
    }

    private static User withAssignments(User u, SortedSet<TenantId> tenants) {
        return new User(
                u.id(),
                u.username(),
                u.displayName(),
                u.role(),
                u.tenant(),
                tenants,
                u.enabled(),
                u.mustChangePassword(),
                u.failedLogins(),
                u.lockedUntil(),
                u.lastLoginAt(),
                u.createdAt());
    }

    private static @Nullable String tenantValue(@Nullable TenantId t) {
        return t == null ? null : t.value();
    }

    private static @Nullable Instant instant(ResultSet rs, String column) throws SQLException {
        long v = rs.getLong(column);
        return rs.wasNull() ? null : Instant.ofEpochMilli(v);
    }

    private static User map(ResultSet rs) throws SQLException {
        String tenant = rs.getString("tenant_id");
        return new User(
                new UserId(rs.getString("id")),
                rs.getString("username"),
                rs.getString("display_name"),
                Role.valueOf(rs.getString("role")),
                tenant == null ? null : new TenantId(tenant),
                new TreeSet<>(),
                rs.getBoolean("enabled"),
                rs.getBoolean("must_change_password"),
                rs.getInt("failed_logins"),
                instant(rs, "locked_until"),
                instant(rs, "last_login_at"),
                Instant.ofEpochMilli(rs.getLong("created_at")));
    }
}
