package io.vigil.server.tenant;

import io.vigil.server.platform.Actor;
import io.vigil.server.platform.AuditEntry;
import io.vigil.server.platform.AuditLog;
import io.vigil.server.platform.ConflictException;
import io.vigil.server.platform.NotFoundException;
import io.vigil.server.platform.TenantId;
import io.vigil.server.platform.ValidationException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Creating, renaming and listing tenants, as the actor may. */
@Service
public class TenantService {

    private final TenantRepository tenants;
    private final AuditLog audit;
    private final Clock clock;

    TenantService(TenantRepository tenants, AuditLog audit, Clock clock) {
        this.tenants = tenants;
        this.audit = audit;
        this.clock = clock;
    }

    /** The tenants the actor can see, by name. */
    public List<Tenant> visible(Actor actor) {
        return tenants.list(actor.scope());
    }

    /** One tenant the actor can see; 404 otherwise. */
    public Tenant get(Actor actor, TenantId id) {
        return tenants.find(actor.scope(), id)
                .orElseThrow(() -> new NotFoundException("No tenant with id '" + id + "'."));
    }

    /** Creates a tenant (provider admins only). */
    @Transactional
    public Tenant create(Actor actor, String name, String description, String address) {
        actor.requireProviderAdmin();
        validate(name, description);
        Tenant tenant = new Tenant(TenantId.random(), name.trim(), description.trim(), clock.instant());
        try {
            tenants.insert(actor.scope(), tenant);
        } catch (DuplicateKeyException e) {
            throw nameTaken(tenant.name());
        }
        audit.record(
                AuditEntry.by(actor, tenant.createdAt(), tenant.id(), "tenant.created", tenant.name(), "", address));
        return tenant;
    }

    /** Renames a tenant or changes its description (provider admins only). */
    @Transactional
    public Tenant update(Actor actor, TenantId id, String name, String description, String address) {
        actor.requireProviderAdmin();
        Tenant before = get(actor, id);
        validate(name, description);
        Tenant after =
                new Tenant(id, name.trim(), description.trim(), before.createdAt(), before.telemetryRetentionDays());
        try {
            tenants.update(actor.scope(), after);
        } catch (DuplicateKeyException e) {
            throw nameTaken(after.name());
        }
        Instant now = clock.instant();
        audit.record(AuditEntry.by(
                actor,
                now,
                id,
                "tenant.updated",
                after.name(),
                "name: '" + before.name() + "' -> '" + after.name() + "'",
                address));
        return after;
    }

    /** Sets how many days of telemetry the tenant keeps (provider admins only). */
    @Transactional
    public Tenant setRetention(Actor actor, TenantId id, int days, String address) {
        actor.requireProviderAdmin();
        Tenant before = get(actor, id);
        if (days < Tenant.MIN_RETENTION_DAYS || days > Tenant.MAX_RETENTION_DAYS) {
            throw new ValidationException(
                    "telemetryRetentionDays",
                    "Must be between " + Tenant.MIN_RETENTION_DAYS + " and " + Tenant.MAX_RETENTION_DAYS + " days, not "
                            + days + ".");
        }
        tenants.updateRetention(actor.scope(), id, days);
        audit.record(AuditEntry.by(
                actor,
                clock.instant(),
                id,
                "tenant.retention_changed",
                before.name(),
                "telemetry retention: " + before.telemetryRetentionDays() + " -> " + days + " days",
                address));
        return before.withRetention(days);
    }

    private static ConflictException nameTaken(String name) {
        return new ConflictException("A tenant named '" + name + "' already exists.");
    }

    private static void validate(String name, String description) {
        List<ValidationException.Problem> problems = new ArrayList<>();
        if (name.isBlank()) {
            problems.add(new ValidationException.Problem("name", "A tenant needs a name."));
        } else if (name.trim().length() > 200) {
            problems.add(new ValidationException.Problem("name", "At most 200 characters."));
        } else if (name.chars().anyMatch(Character::isISOControl)) {
            problems.add(new ValidationException.Problem("name", "Control characters are not allowed."));
        }
        if (description.length() > 2000) {
            problems.add(new ValidationException.Problem("description", "At most 2000 characters."));
        }
        if (!problems.isEmpty()) {
            throw new ValidationException(problems);
        }
    }
}
