package io.vigil.server.incident;

import io.vigil.server.platform.Actor;
import io.vigil.server.platform.AuditEntry;
import io.vigil.server.platform.AuditLog;
import io.vigil.server.platform.ForbiddenException;
import io.vigil.server.platform.NotFoundException;
import io.vigil.server.platform.Role;
import io.vigil.server.platform.TenantId;
import io.vigil.server.platform.TenantScope;
import java.time.Instant;
import java.util.List;
import org.springframework.stereotype.Component;

/**
 * What every incident service does first and last: find the incident as the caller may see it,
 * check the caller's role, and write the history and audit lines of a change.
 */
@Component
class IncidentAccess {

    private final IncidentRepository incidents;
    private final HistoryRepository history;
    private final AuditLog audit;

    /** Who the scheduled jobs act as in history and audit lines. */
    static final Actor SYSTEM =
            new Actor(Actor.Kind.API_CONNECTION, "system", "system", Role.PROVIDER_ADMIN, null, TenantScope.all());

    IncidentAccess(IncidentRepository incidents, HistoryRepository history, AuditLog audit) {
        this.incidents = incidents;
        this.history = history;
        this.audit = audit;
    }

    /** Customers (tenant roles) see only published incidents and the ones they created. */
    static boolean customerView(Actor actor) {
        return !actor.role().providerSide();
    }

    static Origin originOf(Actor actor) {
        return actor.role().providerSide() ? Origin.SERVICE : Origin.CUSTOMER;
    }

    /** The incident with the caller's read mark; 404 when missing or out of the caller's sight. */
    IncidentRepository.Row load(Actor actor, TenantId tenant, String id) {
        actor.requireVisible(tenant);
        return incidents
                .find(actor.scope(), tenant, id, actor.id(), customerView(actor))
                .orElseThrow(() -> new NotFoundException("No incident with id '" + Texts.clip(id) + "'."));
    }

    /** SOC work: provider admins and analysts of the tenant. */
    static void requireSoc(Actor actor, String what) {
        if (!actor.role().providerSide()) {
            throw new ForbiddenException(
                    what + " is the SOC's work; your role is " + actor.role().label() + ".");
        }
    }

    /** Writing as a customer (create, comment, attach, close) needs the tenant admin role; the SOC may too. */
    static void requireWriter(Actor actor, String what) {
        if (actor.role() == Role.TENANT_VIEWER) {
            throw new ForbiddenException(
                    "Your role (" + actor.role().label() + ") is read-only; a tenant admin can " + what + ".");
        }
    }

    void record(Actor actor, Incident incident, Instant at, List<HistoryRepository.Line> lines) {
        history.append(actor.scope(), incident.tenant(), incident.id(), at, actor.name(), kindOf(actor), lines);
    }

    void audit(Actor actor, Instant at, TenantId tenant, String action, String target, String detail, String remote) {
        audit.record(new AuditEntry(at, actor.name(), kindOf(actor), tenant, action, target, detail, remote, true));
    }

    /** {@code USER}, {@code API_CONNECTION}, or {@code SYSTEM} for the jobs. */
    static String kindOf(Actor actor) {
        return actor.equals(SYSTEM) ? "SYSTEM" : actor.kind().name();
    }
}
