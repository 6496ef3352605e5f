package io.vigil.server.api;

import io.vigil.server.platform.Actor;
import io.vigil.server.platform.AuditEntry;
import io.vigil.server.platform.AuditLog;
import io.vigil.server.platform.NotFoundException;
import io.vigil.server.platform.Role;
import io.vigil.server.platform.TenantId;
import io.vigil.server.platform.ValidationException;
import io.vigil.server.tenant.TenantService;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Creating, listing and revoking API connections. Provider admins manage every connection; a
 * tenant admin manages the tenant-role connections of their own tenant.
 */
@Service
public class ConnectionService {

    private static final SecureRandom RANDOM = new SecureRandom();

    /** A new connection with its first (single-use) refresh token. */
    public record Issued(ApiConnection connection, String refreshToken) {}

    private final ConnectionRepository connections;
    private final TokenService tokens;
    private final TenantService tenants;
    private final AuditLog audit;
    private final Clock clock;

    ConnectionService(
            ConnectionRepository connections, TokenService tokens, TenantService tenants, AuditLog audit, Clock clock) {
        this.connections = connections;
        this.tokens = tokens;
        this.tenants = tenants;
        this.audit = audit;
        this.clock = clock;
    }

    /** Connections the actor can see, newest first. */
    public List<ApiConnection> visible(Actor actor) {
        return connections.list(actor.scope()).stream()
                .filter(c -> actor.isProviderAdmin() || (c.tenant() != null && actor.administers(c.tenant())))
                .toList();
    }

    /** One connection the actor manages. */
    public ApiConnection get(Actor actor, String clientId) {
        ApiConnection c = connections
                .find(actor.scope(), clientId)
                .orElseThrow(() -> new NotFoundException("No API connection '" + clip(clientId) + "'."));
        requireMayManage(actor, c.role(), c.tenant());
        return c;
    }

    /** Creates a connection and its first refresh token (valid 24 h, single use). */
    @Transactional
    public Issued create(Actor actor, String name, Role role, @Nullable TenantId tenant, String address) {
        List<ValidationException.Problem> problems = new ArrayList<>();
        String trimmed = name.trim();
        if (trimmed.isEmpty() || trimmed.length() > 100 || trimmed.chars().anyMatch(Character::isISOControl)) {
            problems.add(new ValidationException.Problem("name", "1-100 printable characters, e.g. 'SOAR playbooks'."));
        }
        if (role == Role.PROVIDER_ADMIN && tenant != null) {
            problems.add(new ValidationException.Problem(
                    "tenant", "A provider admin connection covers every tenant; leave the tenant empty."));
        }
        if (!role.providerSide() && tenant == null) {
            problems.add(
                    new ValidationException.Problem("tenant", "A " + role.label() + " connection needs a tenant."));
        }
        if (!problems.isEmpty()) {
            throw new ValidationException(problems);
        }
        if (tenant != null) {
            tenants.get(actor, tenant); // 404 when not visible
        }
        requireMayManage(actor, role, tenant);
        Instant now = clock.instant();
        ApiConnection connection =
                new ApiConnection(newClientId(), trimmed, role, tenant, actor.name(), now, null, null);
        connections.insert(actor.scope(), connection);
        String refresh = tokens.issuePortalRefreshToken(connection);
        audit.record(AuditEntry.by(
                actor,
                now,
                tenant,
                "connection.created",
                connection.clientId(),
                "'" + trimmed + "' role " + role + (tenant == null ? ", all tenants" : ""),
                address));
        return new Issued(connection, refresh);
    }

    /** A fresh single-use refresh token for an existing connection (when the integration lost its own). */
    @Transactional
    public String newRefreshToken(Actor actor, String clientId, String address) {
        ApiConnection c = get(actor, clientId);
        if (c.revoked()) {
            throw new ValidationException("connection", "This connection is revoked; create a new one.");
        }
        String refresh = tokens.issuePortalRefreshToken(c);
        audit.record(AuditEntry.by(
                actor,
                clock.instant(),
                c.tenant(),
                "token.created",
                clientId,
                "new refresh token for '" + c.name() + "'",
                address));
        return refresh;
    }

    /** Revokes a connection: every token it issued stops working at once. */
    @Transactional
    public void revoke(Actor actor, String clientId, String address) {
        ApiConnection c = get(actor, clientId);
        Instant now = clock.instant();
        if (connections.revoke(actor.scope(), clientId, actor.name(), now)) {
            audit.record(AuditEntry.by(
                    actor, now, c.tenant(), "connection.revoked", clientId, "'" + c.name() + "'", address));
        }
    }

    private static void requireMayManage(Actor actor, Role role, @Nullable TenantId tenant) {
        if (role.providerSide() || tenant == null) {
            actor.requireProviderAdmin();
        } else {
            actor.requireAdministers(tenant);
        }
    }

    private static String newClientId() {
        byte[] bytes = new byte[16];
        RANDOM.nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }

    private static String clip(String s) {
        return s.length() <= 64 ? s : s.substring(0, 64) + "…";
    }
}
