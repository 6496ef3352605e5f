package io.vigil.server.incident;

import io.vigil.server.platform.Actor;
import io.vigil.server.platform.AuditEntry;
import io.vigil.server.platform.AuditLog;
import io.vigil.server.platform.ConflictException;
import io.vigil.server.platform.ForbiddenException;
import io.vigil.server.platform.NotFoundException;
import io.vigil.server.platform.PreconditionFailedException;
import io.vigil.server.platform.Role;
import io.vigil.server.platform.TenantId;
import io.vigil.server.platform.TenantScope;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

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

    /**
     * Writes {@code after} over the row it was read from (optimistic: only while the row is still at
     * {@code after.version()}).
     *
     * @return {@code after} at its new version
     * @throws StaleWrite when the row changed since it was read (the transaction rolls back; the
     *     services retry it or answer 412)
     */
    Incident save(Actor actor, Incident after) {
        if (!incidents.update(actor.scope(), after)) {
            throw new StaleWrite();
        }
        return after.withVersion(after.version() + 1);
    }

    /**
     * Throws 412 when the caller expects another version than the incident has.
     *
     * @param expected the version the caller read ({@code If-Match} or a {@code version} field);
     *     {@code null}: no precondition
     */
    static void requireVersion(Incident i, @Nullable Long expected) {
        if (expected != null && expected != i.version()) {
            throw new PreconditionFailedException("Incident #" + i.number() + " has changed since version " + expected
                    + " (it is at version " + i.version() + " now); nothing was changed. Read it again, reapply"
                    + " your change and send If-Match: \"" + i.version() + "\".");
        }
    }

    /**
     * Runs {@code work} in a transaction, again (up to three times) when an incident it wrote had
     * changed since it was read; a precondition the caller gave fails inside {@code work} with 412.
     */
    static <T> T inTx(TransactionTemplate tx, Supplier<T> work) {
        for (int attempt = 1; ; attempt++) {
            try {
                return Objects.requireNonNull(tx.execute(status -> work.get()));
            } catch (StaleWrite e) {
                if (attempt == 3) {
                    throw new ConflictException(
                            "The incident is being changed by others right now; nothing was changed. Try again.");
                }
            }
        }
    }

    /** An incident row changed between reading and writing it in one transaction. */
    static final class StaleWrite extends RuntimeException {
        private static final long serialVersionUID = 1L;

        StaleWrite() {
            super("the incident changed concurrently", null, false, false);
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
