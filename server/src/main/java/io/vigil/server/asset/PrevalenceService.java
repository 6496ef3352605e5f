package io.vigil.server.asset;

import io.vigil.server.platform.Actor;
import io.vigil.server.platform.ForbiddenException;
import io.vigil.server.platform.NotFoundException;
import io.vigil.server.platform.TenantId;
import io.vigil.server.platform.TenantScope;
import io.vigil.server.platform.ValidationException;
import io.vigil.telemetry.CanonicalEvent;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Fleet prevalence: how many of a tenant's assets ran an image, a file hash or a command line in
 * the last {@code vigil.assets.prevalence-window} (30 days), and when the fleet first ran it. The
 * pipeline records every batch's process creations ({@link #record}); analysts query it ({@link
 * #report}); a scheduled job ages old sightings out ({@link #ageOut}).
 */
@Service
public class PrevalenceService {

    /** The largest page of assets in a report. */
    public static final int MAX_PAGE = 1000;

    /** The longest value a query may name (longer command lines are queried by their key). */
    public static final int MAX_QUERY_VALUE = 32_768;

    private record SightingKey(TenantId tenant, PrevalenceKind kind, String key, String asset) {}

    /** A sighting as last written by this process. */
    private record Written(Instant firstSeen, Instant lastSeen) {}

    private final PrevalenceRepository repository;
    private final TransactionTemplate tx;
    private final Clock clock;
    private final AssetProperties properties;
    private final WrittenCache<SightingKey, Written> written;

    PrevalenceService(
            PrevalenceRepository repository, TransactionTemplate tx, Clock clock, AssetProperties properties) {
        this.repository = repository;
        this.tx = tx;
        this.clock = clock;
        this.properties = properties;
        this.written = new WrittenCache<>(properties.cacheSize());
    }

    /** The settings in force. */
    public AssetProperties properties() {
        return properties;
    }

    /**
     * Records the process creations of a batch: each (tenant, value, asset) once, with the batch's
     * earliest and latest event time (cut to now; events older than the window are not counted).
     * Sightings this process wrote recently with the same span are skipped.
     *
     * @return how many sightings were written
     */
    public int record(List<CanonicalEvent> batch) {
        Instant now = clock.instant();
        Instant since = now.minus(properties.prevalenceWindow());
        Map<SightingKey, PrevalenceRepository.SightingRow> sightings = new LinkedHashMap<>();
        Map<SightingKey, PrevalenceRepository.ValueRow> values = new LinkedHashMap<>();
        for (CanonicalEvent event : batch) {
            if (!PrevalenceValue.counted(event)) {
                continue;
            }
            Instant seen = event.envelope().eventTime().isAfter(now)
                    ? now
                    : event.envelope().eventTime();
            if (seen.isBefore(since)) {
                continue;
            }
            TenantId tenant = new TenantId(event.envelope().tenant().value());
            String asset = AssetSighting.assetId(event);
            for (PrevalenceValue v : PrevalenceValue.in(event)) {
                SightingKey key = new SightingKey(tenant, v.kind(), v.key(), asset);
                sightings.merge(
                        key,
                        new PrevalenceRepository.SightingRow(tenant, v.kind(), v.key(), asset, seen, seen),
                        (a, b) -> new PrevalenceRepository.SightingRow(
                                tenant, v.kind(), v.key(), asset, min(a.firstSeen(), seen), max(a.lastSeen(), seen)));
                values.merge(
                        new SightingKey(tenant, v.kind(), v.key(), ""),
                        new PrevalenceRepository.ValueRow(
                                tenant, v, Texts.clip(v.value(), properties.maxValueLength()), seen, seen),
                        (a, b) -> new PrevalenceRepository.ValueRow(
                                tenant, v, a.display(), min(a.firstSeen(), seen), max(a.lastSeen(), seen)));
            }
        }
        // Skip what this process wrote with the same span lately; never trust a write that may have aged out.
        sightings.entrySet().removeIf(e -> {
            Written w = written.get(e.getKey());
            PrevalenceRepository.SightingRow s = e.getValue();
            return w != null
                    && !s.firstSeen().isBefore(w.firstSeen())
                    && Duration.between(w.lastSeen(), s.lastSeen()).compareTo(properties.prevalenceResolution()) <= 0
                    && w.lastSeen().isAfter(since.plus(properties.prevalenceResolution()));
        });
        if (sightings.isEmpty()) {
            return 0;
        }
        java.util.Set<SightingKey> kept = new java.util.HashSet<>();
        sightings.keySet().forEach(k -> kept.add(new SightingKey(k.tenant(), k.kind(), k.key(), "")));
        values.keySet().retainAll(kept);
        tx.executeWithoutResult(status -> repository.upsert(values.values(), sightings.values()));
        sightings.forEach((k, s) -> {
            Written w = written.get(k);
            written.put(
                    k,
                    w == null
                            ? new Written(s.firstSeen(), s.lastSeen())
                            : new Written(min(w.firstSeen(), s.firstSeen()), max(w.lastSeen(), s.lastSeen())));
        });
        return sightings.size();
    }

    /**
     * A value's prevalence in a tenant's fleet for the pipeline (no actor: the pipeline works for
     * every tenant); empty when no asset of the tenant ran it within the window.
     */
    public Optional<PrevalenceCount> count(TenantId tenant, PrevalenceValue value) {
        Instant since = clock.instant().minus(properties.prevalenceWindow());
        return repository.count(TenantScope.of(tenant), tenant, value.kind(), value.key(), since);
    }

    /**
     * A value's prevalence with a page of the assets that ran it, for analysts (provider admins and
     * the SOC analysts of the tenant). The value is normalised as the pipeline does (images
     * lower-cased, hashes lower-case hex); a {@code key} (from an alert's enrichment) names a value
     * too long for a URL.
     */
    public PrevalenceReport report(
            Actor actor,
            TenantId tenant,
            PrevalenceKind kind,
            @Nullable String value,
            @Nullable String key,
            int limit,
            @Nullable String cursor) {
        actor.requireVisible(tenant);
        if (!actor.role().providerSide()) {
            throw new ForbiddenException("Fleet prevalence is for the SOC; your role is "
                    + actor.role().label() + ".");
        }
        if (limit < 1 || limit > MAX_PAGE) {
            throw new ValidationException("limit", "Must be between 1 and " + MAX_PAGE + ", not " + limit + ".");
        }
        String k = key(kind, value, key);
        String after = null;
        if (cursor != null) {
            try {
                after = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
            } catch (IllegalArgumentException e) {
                throw new ValidationException("cursor", "Not a cursor from a previous page.");
            }
        }
        Instant since = clock.instant().minus(properties.prevalenceWindow());
        PrevalenceCount count = repository
                .count(actor.scope(), tenant, kind, k, since)
                .orElseThrow(() -> new NotFoundException("No asset of this tenant ran this "
                        + kind.name().toLowerCase(Locale.ROOT).replace('_', ' ') + " in the last "
                        + properties.prevalenceWindow().toDays() + " days."));
        List<PrevalenceHost> hosts = repository.hosts(actor.scope(), tenant, kind, k, since, after, limit + 1);
        if (hosts.size() <= limit) {
            return new PrevalenceReport(count, hosts, null);
        }
        String next = Base64.getUrlEncoder()
                .withoutPadding()
                .encodeToString(hosts.get(limit - 1).asset().getBytes(StandardCharsets.UTF_8));
        return new PrevalenceReport(count, hosts.subList(0, limit), next);
    }

    private static String key(PrevalenceKind kind, @Nullable String value, @Nullable String key) {
        if (key != null) {
            if (value != null) {
                throw new ValidationException("value", "Name the value (value=…) or its key (key=…), not both.");
            }
            String k = key.trim().toLowerCase(Locale.ROOT);
            PrevalenceValue asHash = PrevalenceValue.of(PrevalenceKind.HASH, k);
            if (k.length() != 64 || asHash == null) {
                throw new ValidationException("key", "A key is the 64 hex digits of a SHA-256, as alerts show it.");
            }
            return k;
        }
        if (value == null) {
            throw new ValidationException("value", "Name the value (value=…) or its key (key=…).");
        }
        if (value.length() > MAX_QUERY_VALUE) {
            throw new ValidationException(
                    "value",
                    "At most " + MAX_QUERY_VALUE + " characters; query a longer value"
                            + " by its key (the SHA-256 an alert's enrichment shows).");
        }
        PrevalenceValue v = PrevalenceValue.of(kind, value);
        if (v == null) {
            throw new ValidationException(
                    "value",
                    kind == PrevalenceKind.HASH ? "Not an MD5, SHA-1 or SHA-256 in hex." : "Must not be empty.");
        }
        return v.key();
    }

    /**
     * Deletes sightings (and values) older than the prevalence window, for every tenant.
     *
     * @return how many sightings were deleted
     */
    public int ageOut() {
        Instant cutoff = clock.instant().minus(properties.prevalenceWindow());
        Integer n = tx.execute(status -> repository.ageOutAllTenants(cutoff));
        return n == null ? 0 : n;
    }

    private static Instant min(Instant a, Instant b) {
        return a.isBefore(b) ? a : b;
    }

    private static Instant max(Instant a, Instant b) {
        return a.isAfter(b) ? a : b;
    }
}
