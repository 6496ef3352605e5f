package io.vigil.server.platform;

import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * One line of the audit log: who did what to which thing, when, from where, and how it ended.
 *
 * @param at when it happened
 * @param actor who did it: user name, connection name, or {@code system}; for a failed login the
 *     name that was typed
 * @param actorKind {@code USER}, {@code API_CONNECTION}, {@code SYSTEM} or {@code ANONYMOUS}
 * @param tenant the tenant the action concerns, if any (tenant admins see their tenant's lines)
 * @param action a stable dotted name, e.g. {@code login.failure}, {@code user.role_changed}
 * @param target what was acted on, e.g. a user name or a connection's client id
 * @param detail free text: before/after values, reasons
 * @param remoteAddress the client address as the server saw it
 * @param success whether the action succeeded
 */
public record AuditEntry(
        Instant at,
        String actor,
        String actorKind,
        @Nullable TenantId tenant,
        String action,
        String target,
        String detail,
        String remoteAddress,
        boolean success) {

    public AuditEntry {
        actor = clip(actor, 200);
        target = clip(target, 500);
        detail = clip(detail, 2000);
        remoteAddress = clip(remoteAddress, 100);
    }

    private static String clip(String s, int max) {
        return s.length() <= max ? s : s.substring(0, max) + "…";
    }

    /** An entry made by {@code actor}. */
    public static AuditEntry by(
            Actor actor,
            Instant at,
            @Nullable TenantId tenant,
            String action,
            String target,
            String detail,
            String remoteAddress) {
        return new AuditEntry(
                at, actor.name(), actor.kind().name(), tenant, action, target, detail, remoteAddress, true);
    }
}
