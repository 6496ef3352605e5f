package io.vigil.server.tenant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vigil.server.platform.Actor;
import io.vigil.server.platform.AuditEntry;
import io.vigil.server.platform.AuditLog;
import io.vigil.server.platform.ConflictException;
import io.vigil.server.platform.Dialect;
import io.vigil.server.platform.ForbiddenException;
import io.vigil.server.platform.MutableClock;
import io.vigil.server.platform.NotFoundException;
import io.vigil.server.platform.Role;
import io.vigil.server.platform.TenantId;
import io.vigil.server.platform.TenantScope;
import io.vigil.server.platform.TestDatabase;
import io.vigil.server.platform.ValidationException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.security.crypto.password.DelegatingPasswordEncoder;

/** Tenants, accounts and sign-in against real SQLite and PostgreSQL (same test, two databases). */
class AccountsTest {

    @TempDir
    Path dir;

    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-28T10:00:00Z"));
    private final Actor root = new Actor(Actor.Kind.USER, "root", "root", Role.PROVIDER_ADMIN, null, TenantScope.all());
    private final List<TestDatabase> opened = new ArrayList<>();

    /** The services under test, wired on one real database. */
    private record Fixture(
            TenantRepository tenantRepo,
            UserRepository userRepo,
            TenantService tenants,
            UserService users,
            LoginService login,
            AuditLog audit) {}

    private Fixture open(Dialect dialect) {
        TestDatabase db = TestDatabase.open(dialect, dir);
        opened.add(db);
        // bcrypt at minimum cost keeps these tests fast; production uses Argon2id (PasswordPolicyTest).
        Passwords passwords = new Passwords(
                new DelegatingPasswordEncoder("bcrypt", java.util.Map.of("bcrypt", new BCryptPasswordEncoder(4))));
        TenantRepository tenantRepo = new TenantRepository(db.jdbc());
        UserRepository userRepo = new UserRepository(db.jdbc());
        AuditLog audit = new AuditLog(db.jdbc());
        return new Fixture(
                tenantRepo,
                userRepo,
                new TenantService(tenantRepo, audit, clock),
                new UserService(userRepo, tenantRepo, passwords, audit, clock),
                new LoginService(
                        userRepo,
                        passwords,
                        audit,
                        clock,
                        new LoginProperties(3, Duration.ofMinutes(15), 10, Duration.ofMinutes(15))),
                audit);
    }

    @AfterEach
    void close() {
        opened.forEach(TestDatabase::close);
    }

    private static String signIn(UserService users, UserService.Created created, String newPassword) {
        users.changeOwnPassword(created.user().id(), created.initialPassword(), newPassword, newPassword, "::1");
        return newPassword;
    }

    @ParameterizedTest
    @EnumSource(Dialect.class)
    void shouldShowATenantOnlyToScopesThatIncludeIt(Dialect dialect) {
        Fixture f = open(dialect);
        Tenant a = f.tenants().create(root, "Acme", "", "::1");
        Tenant b = f.tenants().create(root, "Globex", "", "::1");

        assertThat(f.tenantRepo().list(TenantScope.all()))
                .extracting(Tenant::name)
                .containsExactly("Acme", "Globex");
        assertThat(f.tenantRepo().list(TenantScope.of(a.id())))
                .extracting(Tenant::name)
                .containsExactly("Acme");
        assertThat(f.tenantRepo().find(TenantScope.of(a.id()), b.id())).isEmpty();
        assertThat(f.tenantRepo().list(TenantScope.only(Set.of()))).isEmpty();
        assertThatThrownBy(() -> f.tenants().create(root, "ACME ", "", "::1")).isInstanceOf(ConflictException.class);
    }

    @ParameterizedTest
    @EnumSource(Dialect.class)
    void shouldKeepEachTenantsAccountsInsideItsScope(Dialect dialect) {
        Fixture f = open(dialect);
        Tenant a = f.tenants().create(root, "Acme", "", "::1");
        Tenant b = f.tenants().create(root, "Globex", "", "::1");
        UserService.Created adminA = f.users()
                .create(root, new UserService.NewUser("alice", "Alice", Role.TENANT_ADMIN, a.id(), Set.of()), "::1");
        UserService.Created viewerB = f.users()
                .create(root, new UserService.NewUser("bob", "Bob", Role.TENANT_VIEWER, b.id(), Set.of()), "::1");
        Actor alice = adminA.user().asActor();

        assertThat(f.users().ofTenant(alice, a.id())).extracting(User::username).containsExactly("alice");
        assertThatThrownBy(() -> f.users().ofTenant(alice, b.id())).isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> f.users().get(alice, viewerB.user().id())).isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> f.users().resetPassword(alice, viewerB.user().id(), "::1"))
                .isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> f.users()
                        .create(
                                alice,
                                new UserService.NewUser("mallory", "", Role.TENANT_ADMIN, b.id(), Set.of()),
                                "::1"))
                .isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> f.users()
                        .create(
                                alice,
                                new UserService.NewUser("mallory", "", Role.PROVIDER_ADMIN, null, Set.of()),
                                "::1"))
                .isInstanceOf(ForbiddenException.class);
        assertThat(f.userRepo()
                        .updateProfile(
                                alice.scope(), viewerB.user().id(), "x", Role.TENANT_ADMIN, true, clock.instant()))
                .isFalse();
        assertThat(f.userRepo().listProvider(alice.scope())).isEmpty();
        User intruder = new User(
                UserId.random(),
                "intruder",
                "",
                Role.TENANT_ADMIN,
                b.id(),
                new TreeSet<>(),
                true,
                false,
                0,
                null,
                null,
                clock.instant());
        assertThatThrownBy(() -> f.userRepo().insert(alice.scope(), intruder, "hash"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("outside the caller's scope");
        assertThat(f.userRepo().unlock(alice.scope(), viewerB.user().id())).isFalse();
    }

    @ParameterizedTest
    @EnumSource(Dialect.class)
    void shouldLetAnAnalystSeeOnlyAssignedTenants(Dialect dialect) {
        Fixture f = open(dialect);
        Tenant a = f.tenants().create(root, "Acme", "", "::1");
        f.tenants().create(root, "Globex", "", "::1");
        UserService.Created analyst = f.users()
                .create(root, new UserService.NewUser("sam", "Sam", Role.SOC_ANALYST, null, Set.of(a.id())), "::1");
        User stored = f.userRepo().findAuthenticated(analyst.user().id()).orElseThrow();

        assertThat(stored.assignedTenants()).containsExactly(a.id());
        assertThat(f.tenants().visible(stored.asActor()))
                .extracting(Tenant::name)
                .containsExactly("Acme");

        f.users().update(root, stored.id(), new UserService.Change("Sam", Role.SOC_ANALYST, true, Set.of()), "::1");
        assertThat(f.tenants()
                        .visible(f.userRepo()
                                .findAuthenticated(stored.id())
                                .orElseThrow()
                                .asActor()))
                .isEmpty();
        assertThat(f.audit().newest(TenantScope.all(), 20, 0))
                .extracting(AuditEntry::action)
                .contains("user.assignments_changed");
    }

    @ParameterizedTest
    @EnumSource(Dialect.class)
    void shouldRefuseATakenUserNameInAnyCase(Dialect dialect) {
        Fixture f = open(dialect);
        f.users().create(root, new UserService.NewUser("Carol", "", Role.SOC_ANALYST, null, Set.of()), "::1");
        assertThatThrownBy(() -> f.users()
                        .create(root, new UserService.NewUser("carol", "", Role.SOC_ANALYST, null, Set.of()), "::1"))
                .isInstanceOf(ConflictException.class)
                .hasMessageContaining("taken");
    }

    @ParameterizedTest
    @EnumSource(Dialect.class)
    void shouldLockAnAccountAfterRepeatedFailuresAndUnlockAfterTheLockout(Dialect dialect) {
        Fixture f = open(dialect);
        UserService.Created dave =
                f.users().create(root, new UserService.NewUser("dave", "", Role.SOC_ANALYST, null, Set.of()), "::1");
        String password = signIn(f.users(), dave, "correct horse battery staple");

        assertThat(f.login().login("dave", "wrong", "10.0.0.1")).isInstanceOf(LoginResult.Refused.class);
        assertThat(f.login().login("dave", "wrong", "10.0.0.1")).isInstanceOf(LoginResult.Refused.class);
        LoginResult third = f.login().login("dave", "wrong", "10.0.0.1");
        assertThat(third).isInstanceOfSatisfying(LoginResult.Refused.class, r -> {
            assertThat(r.reason()).isEqualTo(LoginResult.Reason.LOCKED);
            assertThat(r.message()).contains("locked").contains("10:15 UTC");
        });
        // Even the right password is refused while locked.
        assertThat(f.login().login("dave", password, "10.0.0.2"))
                .isInstanceOfSatisfying(
                        LoginResult.Refused.class, r -> assertThat(r.reason()).isEqualTo(LoginResult.Reason.LOCKED));

        clock.advance(Duration.ofMinutes(16));
        assertThat(f.login().login("DAVE", password, "10.0.0.2")).isInstanceOf(LoginResult.Success.class);
        assertThat(f.audit().newest(TenantScope.all(), 50, 0))
                .extracting(AuditEntry::action)
                .contains("login.failure", "account.locked", "login.success");
    }

    @ParameterizedTest
    @EnumSource(Dialect.class)
    void shouldThrottleAnAddressThatGuessesAcrossAccounts(Dialect dialect) {
        Fixture f = open(dialect);
        for (int i = 0; i < 10; i++) {
            f.login().login("nobody" + i, "guess", "203.0.113.9");
        }
        assertThat(f.login().login("anyone", "guess", "203.0.113.9"))
                .isInstanceOfSatisfying(
                        LoginResult.Refused.class,
                        r -> assertThat(r.reason()).isEqualTo(LoginResult.Reason.ADDRESS_THROTTLED));
        assertThat(f.login().login("anyone", "guess", "203.0.113.10"))
                .isInstanceOfSatisfying(
                        LoginResult.Refused.class,
                        r -> assertThat(r.reason()).isEqualTo(LoginResult.Reason.BAD_CREDENTIALS));
    }

    @ParameterizedTest
    @EnumSource(Dialect.class)
    void shouldRefuseDisabledAccountsAndWeakOrWrongPasswordChanges(Dialect dialect) {
        Fixture f = open(dialect);
        Tenant a = f.tenants().create(root, "Acme", "", "::1");
        UserService.Created erin = f.users()
                .create(root, new UserService.NewUser("erin", "", Role.TENANT_VIEWER, a.id(), Set.of()), "::1");
        assertThat(erin.user().mustChangePassword()).isTrue();

        assertThatThrownBy(() -> f.users().changeOwnPassword(erin.user().id(), "wrong", "short", "other", "::1"))
                .isInstanceOfSatisfying(
                        ValidationException.class,
                        e -> assertThat(e.problems())
                                .extracting(ValidationException.Problem::field)
                                .contains("current", "repeated", "password"));
        String password = signIn(f.users(), erin, "a long enough passphrase");
        assertThat(f.userRepo()
                        .findAuthenticated(erin.user().id())
                        .orElseThrow()
                        .mustChangePassword())
                .isFalse();

        f.users()
                .update(
                        root,
                        erin.user().id(),
                        new UserService.Change("Erin", Role.TENANT_VIEWER, false, Set.of()),
                        "::1");
        assertThat(f.login().login("erin", password, "::1"))
                .isInstanceOfSatisfying(
                        LoginResult.Refused.class, r -> assertThat(r.reason()).isEqualTo(LoginResult.Reason.DISABLED));
    }

    @ParameterizedTest
    @EnumSource(Dialect.class)
    void shouldNotLetAnAdminDemoteOrDisableThemselves(Dialect dialect) {
        Fixture f = open(dialect);
        UserService.Created frank = f.users()
                .create(root, new UserService.NewUser("frank", "", Role.PROVIDER_ADMIN, null, Set.of()), "::1");
        Actor self = frank.user().asActor();
        assertThatThrownBy(() -> f.users()
                        .update(
                                self,
                                frank.user().id(),
                                new UserService.Change("", Role.SOC_ANALYST, true, Set.of()),
                                "::1"))
                .isInstanceOf(ForbiddenException.class);
        assertThatThrownBy(() -> f.users()
                        .update(
                                root,
                                frank.user().id(),
                                new UserService.Change("", Role.TENANT_ADMIN, true, Set.of()),
                                "::1"))
                .isInstanceOf(ValidationException.class);
    }

    @ParameterizedTest
    @EnumSource(Dialect.class)
    void shouldKeepAnalystAssignmentsWhenListingProviderAccounts(Dialect dialect) {
        Fixture f = open(dialect);
        TenantId a = f.tenants().create(root, "Acme", "", "::1").id();
        f.users().create(root, new UserService.NewUser("gina", "", Role.SOC_ANALYST, null, Set.of(a)), "::1");
        assertThat(f.users().accountsPerTenant(root)).isEmpty();
        f.users().create(root, new UserService.NewUser("hank", "", Role.TENANT_VIEWER, a, Set.of()), "::1");
        assertThat(f.users().accountsPerTenant(root)).containsExactly(java.util.Map.entry(a, 1));
        assertThat(f.userRepo().listProvider(TenantScope.all()))
                .filteredOn(u -> u.username().equals("gina"))
                .singleElement()
                .satisfies(u -> assertThat(u.assignedTenants()).isEqualTo(new TreeSet<>(Set.of(a))));
    }
}
