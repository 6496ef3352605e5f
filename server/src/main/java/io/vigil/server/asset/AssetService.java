package io.vigil.server.asset;

import io.vigil.server.platform.Actor;
import io.vigil.server.platform.AuditEntry;
import io.vigil.server.platform.AuditLog;
import io.vigil.server.platform.ForbiddenException;
import io.vigil.server.platform.NotFoundException;
import io.vigil.server.platform.Role;
import io.vigil.server.platform.TenantId;
import io.vigil.server.platform.TenantScope;
import io.vigil.server.platform.ValidationException;
import io.vigil.telemetry.CanonicalEvent;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The asset inventory of every tenant, kept up to date from telemetry ({@link #observe}), read by
 * every role that sees the tenant, with a criticality the SOC or an admin sets.
 */
@Service
public class AssetService {

    /** The largest page of assets. */
    public static final int MAX_PAGE = 1000;

    private record Key(TenantId tenant, String id) {}

    private final AssetRepository repository;
    private final AuditLog audit;
    private final TransactionTemplate tx;
    private final Clock clock;
    private final AssetProperties properties;
    private final WrittenCache<Key, AssetSighting> written;

    AssetService(
            AssetRepository repository,
            AuditLog audit,
            TransactionTemplate tx,
            Clock clock,
            AssetProperties properties) {
        this.repository = repository;
        this.audit = audit;
        this.tx = tx;
        this.clock = clock;
        this.properties = properties;
        this.written = new WrittenCache<>(properties.cacheSize());
    }

    /**
     * Brings the inventory up to date with a batch: each asset once, written only when something
     * about it changed or its last sighting moved by more than {@code
     * vigil.assets.last-seen-resolution}. An asset's times are when its telemetry was received (cut
     * to now), not the events' own clocks.
     *
     * @return how many assets were written
     */
    public int observe(List<CanonicalEvent> batch) {
        Instant now = clock.instant();
        Map<Key, AssetSighting> seen = new LinkedHashMap<>();
        for (CanonicalEvent event : batch) {
            Instant received = event.envelope().receiveTime();
            AssetSighting s = AssetSighting.of(event, received.isAfter(now) ? now : received);
            seen.merge(new Key(s.tenant(), s.id()), s, AssetSighting::merge);
        }
        List<AssetSighting> changed = new ArrayList<>();
        seen.forEach((k, s) -> {
            if (s.changes(written.get(k), properties.lastSeenResolution())) {
                changed.add(s);
            }
        });
        if (changed.isEmpty()) {
            return 0;
        }
        tx.executeWithoutResult(status -> repository.upsert(changed));
        for (AssetSighting s : changed) {
            Key k = new Key(s.tenant(), s.id());
            AssetSighting before = written.get(k);
            written.put(k, before == null ? s : before.merge(s));
        }
        return changed.size();
    }

    /** The stored asset an event came from, for the pipeline (no actor: it works for every tenant). */
    public Optional<Asset> assetOf(CanonicalEvent event) {
        TenantId tenant = new TenantId(event.envelope().tenant().value());
        return repository.find(TenantScope.of(tenant), tenant, AssetSighting.assetId(event));
    }

    /** One page of a tenant's assets in id order. */
    public AssetPage list(Actor actor, TenantId tenant, int limit, @Nullable String cursor) {
        actor.requireVisible(tenant);
        if (limit < 1 || limit > MAX_PAGE) {
            throw new ValidationException("limit", "Must be between 1 and " + MAX_PAGE + ", not " + limit + ".");
        }
        String after = null;
        if (cursor != null) {
            try {
                after = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
            } catch (IllegalArgumentException e) {
                throw new ValidationException("cursor", "Not a cursor from a previous page.");
            }
        }
        List<Asset> page = repository.list(actor.scope(), tenant, after, limit + 1);
        if (page.size() <= limit) {
            return new AssetPage(page, null);
        }
        String next = Base64.getUrlEncoder()
                .withoutPadding()
                .encodeToString(page.get(limit - 1).id().getBytes(StandardCharsets.UTF_8));
        return new AssetPage(page.subList(0, limit), next);
    }

    /** One asset; 404 when the tenant has none with this id or the actor cannot see the tenant. */
    public Asset find(Actor actor, TenantId tenant, String id) {
        actor.requireVisible(tenant);
        return repository.find(actor.scope(), tenant, id).orElseThrow(() -> notFound(id));
    }

    /**
     * Sets an asset's criticality (provider admins, the tenant's SOC analysts, the tenant's admins),
     * audited as {@code asset.criticality_changed} with the old and new value.
     */
    public Asset setCriticality(Actor actor, TenantId tenant, String id, Criticality criticality, String address) {
        actor.requireVisible(tenant);
        if (actor.role() == Role.TENANT_VIEWER) {
            throw new ForbiddenException("Your role (" + actor.role().label() + ") cannot change assets.");
        }
        Asset updated = tx.execute(status -> {
            Asset before = repository.find(actor.scope(), tenant, id).orElseThrow(() -> notFound(id));
            if (before.criticality() == criticality) {
                return before;
            }
            repository.setCriticality(actor.scope(), tenant, id, criticality);
            audit.record(AuditEntry.by(
                    actor,
                    clock.instant(),
                    tenant,
                    "asset.criticality_changed",
                    id,
                    before.criticality() + " -> " + criticality,
                    address));
            return repository.find(actor.scope(), tenant, id).orElseThrow(() -> notFound(id));
        });
        if (updated == null) {
            throw notFound(id);
        }
        return updated;
    }

    private static NotFoundException notFound(String id) {
        return new NotFoundException("No asset with id '" + Texts.clip(id, 64) + "'.");
    }
}
