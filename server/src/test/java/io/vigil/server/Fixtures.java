package io.vigil.server;

import io.vigil.server.api.ConnectionService;
import io.vigil.server.ingest.IngestCredentialService;
import io.vigil.server.ingest.IngestKey;
import io.vigil.server.platform.Actor;
import io.vigil.server.platform.Role;
import io.vigil.server.platform.TenantId;
import io.vigil.server.platform.TenantScope;
import io.vigil.server.tenant.Tenant;
import io.vigil.server.tenant.TenantService;
import io.vigil.server.tenant.User;
import io.vigil.server.tenant.UserService;
import java.util.Set;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.test.context.TestComponent;

/** Makes tenants, accounts and API connections with unique names through the real services. */
@TestComponent
public class Fixtures {

    /** A password every fixture account ends up with. */
    public static final String PASSWORD = "fixture password 123";

    private static final Actor ROOT =
            new Actor(Actor.Kind.USER, "fixtures", "fixtures", Role.PROVIDER_ADMIN, null, TenantScope.all());

    private final TenantService tenants;
    private final UserService users;
    private final ConnectionService connections;
    private final IngestCredentialService ingestKeys;

    Fixtures(
            TenantService tenants,
            UserService users,
            ConnectionService connections,
            IngestCredentialService ingestKeys) {
        this.tenants = tenants;
        this.users = users;
        this.connections = connections;
        this.ingestKeys = ingestKeys;
    }

    /** A provider admin acting for tests. */
    public static Actor root() {
        return ROOT;
    }

    /** A new ingest key of the tenant. */
    public IngestCredentialService.IssuedKey ingestKey(TenantId tenant, IngestKey.Purpose purpose) {
        return ingestKeys.createKey(ROOT, tenant, unique("key"), purpose, "test");
    }

    public static String unique(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    public Tenant tenant() {
        return tenants.create(ROOT, unique("Tenant"), "made by a test", "test");
    }

    /** An account with {@link #PASSWORD} that need not change it. */
    public User user(Role role, @Nullable TenantId tenant, TenantId... assigned) {
        UserService.Created created = users.create(
                ROOT,
                new UserService.NewUser(
                        unique(role.name().toLowerCase(java.util.Locale.ROOT)), "", role, tenant, Set.of(assigned)),
                "test");
        users.changeOwnPassword(created.user().id(), created.initialPassword(), PASSWORD, PASSWORD, "test");
        return created.user();
    }

    /** An account that still has its one-time password (must change it at first sign-in). */
    public UserService.Created freshUser(Role role, @Nullable TenantId tenant) {
        return users.create(ROOT, new UserService.NewUser(unique("fresh"), "", role, tenant, Set.of()), "test");
    }

    public ConnectionService.Issued connection(Role role, @Nullable TenantId tenant) {
        return connections.create(ROOT, unique("connection"), role, tenant, "test");
    }
}
