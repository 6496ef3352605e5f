package io.vigil.server.detection;

import io.vigil.server.platform.Actor;
import io.vigil.server.platform.ForbiddenException;
import io.vigil.server.platform.NotFoundException;
import io.vigil.server.platform.TenantId;
import io.vigil.server.platform.ValidationException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Alerts for the SOC. Alerts are the provider's working material: provider admins and SOC analysts
 * (for their assigned tenants) read them; a customer's users see incidents, not raw alerts.
 */
@Service
public class AlertService {

    /** The largest page of alerts. */
    public static final int MAX_PAGE = 1000;

    private final AlertRepository alerts;
    private final TransactionTemplate tx;
    private final Clock clock;

    AlertService(AlertRepository alerts, TransactionTemplate tx, Clock clock) {
        this.alerts = alerts;
        this.tx = tx;
        this.clock = clock;
    }

    /**
     * Stores alerts from the pipeline in one transaction; those a tenant already has (same key) are
     * skipped.
     *
     * @return how many were new
     */
    public int record(List<Alert> batch) {
        if (batch.isEmpty()) {
            return 0;
        }
        Integer added = tx.execute(status -> {
            int n = 0;
            for (Alert a : batch) {
                if (alerts.insertIfAbsent(a)) {
                    n++;
                }
            }
            return n;
        });
        return added == null ? 0 : added;
    }

    /** One page of a tenant's alerts, newest first. */
    public AlertPage list(Actor actor, AlertFilter filter) {
        requireSoc(actor, filter.tenant());
        if (filter.limit() < 1 || filter.limit() > MAX_PAGE) {
            throw new ValidationException(
                    "limit", "Must be between 1 and " + MAX_PAGE + ", not " + filter.limit() + ".");
        }
        Instant afterTime = null;
        String afterId = null;
        String cursor = filter.cursor();
        if (cursor != null) {
            String decoded;
            try {
                decoded = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
            } catch (IllegalArgumentException e) {
                throw new ValidationException("cursor", "Not a cursor from a previous page.");
            }
            int colon = decoded.indexOf(':');
            try {
                afterTime = Instant.ofEpochMilli(Long.parseLong(decoded.substring(0, Math.max(colon, 0))));
            } catch (NumberFormatException e) {
                throw new ValidationException("cursor", "Not a cursor from a previous page.");
            }
            afterId = decoded.substring(colon + 1);
        }
        AlertFilter oneMore = new AlertFilter(
                filter.tenant(),
                filter.from(),
                filter.to(),
                filter.levels(),
                filter.asset(),
                filter.ruleId(),
                filter.limit() + 1,
                null);
        List<Alert> page = alerts.list(actor.scope(), oneMore, afterTime, afterId);
        if (page.size() <= filter.limit()) {
            return new AlertPage(page, null);
        }
        Alert last = page.get(filter.limit() - 1);
        String next = Base64.getUrlEncoder()
                .withoutPadding()
                .encodeToString((last.detectedAt().toEpochMilli() + ":" + last.id()).getBytes(StandardCharsets.UTF_8));
        return new AlertPage(page.subList(0, filter.limit()), next);
    }

    /** One alert with its evidence; 404 when the actor cannot see it. */
    public Alert find(Actor actor, TenantId tenant, String id) {
        requireSoc(actor, tenant);
        return alerts.find(actor.scope(), tenant, id)
                .orElseThrow(() -> new NotFoundException(
                        "No alert with id '" + (id.length() > 64 ? id.substring(0, 64) + "…" : id) + "'."));
    }

    /** Alerts per rule in the last {@code period} over every tenant the actor sees, most first. */
    public List<RuleHits> ruleHits(Actor actor, Duration period, int limit) {
        Instant since = clock.instant().minus(period);
        if (!actor.role().providerSide()) {
            throw new ForbiddenException("Rule statistics are for the SOC; your role is "
                    + actor.role().label() + ".");
        }
        return alerts.hits(actor.scope(), since, Math.max(1, Math.min(limit, MAX_PAGE)));
    }

    private static void requireSoc(Actor actor, @Nullable TenantId tenant) {
        if (tenant != null) {
            actor.requireVisible(tenant);
        }
        if (!actor.role().providerSide()) {
            throw new ForbiddenException("Alerts are the SOC's working material; your role ("
                    + actor.role().label() + ") sees published incidents.");
        }
    }
}
