package io.vigil.server.intel;

import io.vigil.server.platform.Actor;
import io.vigil.server.platform.AuditEntry;
import io.vigil.server.platform.AuditLog;
import io.vigil.server.platform.ForbiddenException;
import io.vigil.server.platform.NotFoundException;
import io.vigil.server.platform.Role;
import io.vigil.server.platform.TenantId;
import io.vigil.server.platform.TenantScope;
import io.vigil.server.platform.ValidationException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Service;
import tools.jackson.databind.json.JsonMapper;

/**
 * Threat intelligence for the API and the pipeline: searches and edits of IoCs, uploads, feeds and
 * their refresh, and the current {@link IocMatcher} (rebuilt after every import).
 *
 * <p>Roles: everyone reads provider-wide IoCs and those of the tenants they see. A tenant's own IoCs
 * are added, deleted and uploaded by its tenant admins, the SOC analysts assigned to it and provider
 * admins; tenant viewers only read. Feeds and provider-wide IoCs are read by provider roles (SOC
 * analysts, provider admins) and changed by provider admins only.
 */
@Service
public class IntelService {

    private static final Logger LOG = LoggerFactory.getLogger(IntelService.class);

    private final IocRepository iocs;
    private final FeedRepository feeds;
    private final AuditLog audit;
    private final Clock clock;
    private final IntelProperties properties;
    private final Importers importers;
    private final FeedFetcher fetcher;
    private final TaxiiClient taxii;
    private final Object refreshLock = new Object();
    private volatile IocMatcher matcher = IocMatcher.EMPTY;

    public IntelService(
            IocRepository iocs,
            FeedRepository feeds,
            AuditLog audit,
            Clock clock,
            IntelProperties properties,
            JsonMapper json) {
        this.iocs = iocs;
        this.feeds = feeds;
        this.audit = audit;
        this.clock = clock;
        this.properties = properties;
        this.importers = new Importers(json);
        this.fetcher = new FeedFetcher(
                properties.fetchTimeout(), properties.maxDocumentSize().toBytes());
        this.taxii = new TaxiiClient(fetcher, json, properties.taxiiPageSize(), properties.taxiiMaxPages());
    }

    public IntelProperties properties() {
        return properties;
    }

    /** The matcher over every active IoC; replaced, never changed, after each import. */
    public IocMatcher matcher() {
        return matcher;
    }

    /** Rebuilds the matcher from the store (at start, after imports and deletions). */
    @EventListener(ApplicationReadyEvent.class)
    public void rebuildMatcher() {
        IocMatcher.Builder b = IocMatcher.builder();
        iocs.forEachActive(clock.instant(), b::add);
        matcher = b.build();
    }

    // ---- IoCs

    /** IoCs the actor may see: provider-wide ones and those of its tenants (or of {@code q.tenant()}). */
    public List<Ioc> search(Actor actor, IocQuery q) {
        if (q.tenant() != null) {
            actor.requireVisible(q.tenant());
        }
        try {
            return iocs.search(actor.scope(), q, clock.instant());
        } catch (IllegalArgumentException e) {
            throw new ValidationException(
                    "value", java.util.Objects.requireNonNullElse(e.getMessage(), "invalid value"));
        }
    }

    /** Adds (or refreshes) one IoC of {@code tenant}, typed in by a person or sent by a connection. */
    public Ioc add(Actor actor, TenantId tenant, Indicator indicator, String address) {
        requireTenantWriter(actor, tenant);
        Instant now = clock.instant();
        IocRepository.Origin origin =
                new IocRepository.Origin(tenant, null, "manual", actor.name(), 75, null, Tlp.AMBER);
        iocs.upsert(actor.scope(), origin, List.of(indicator), now);
        Ioc stored = iocs.search(
                        actor.scope(),
                        new IocQuery(tenant, false, indicator.type(), indicator.value(), "manual", true, 1, 0),
                        now)
                .getFirst();
        audit.record(AuditEntry.by(
                actor,
                now,
                tenant,
                "intel.ioc_added",
                stored.type().name().toLowerCase(java.util.Locale.ROOT) + " " + stored.value(),
                "id " + stored.id(),
                address));
        rebuildMatcher();
        return stored;
    }

    /** Deletes an IoC of {@code tenant}; {@code null}: a provider-wide one (provider admins). */
    public void delete(Actor actor, @Nullable TenantId tenant, long id, String address) {
        if (tenant == null) {
            actor.requireProviderAdmin();
        } else {
            requireTenantWriter(actor, tenant);
        }
        Ioc ioc = iocs.find(actor.scope(), id)
                .filter(i -> java.util.Objects.equals(i.tenant(), tenant))
                .orElseThrow(() -> new NotFoundException("No IoC with id " + id + " here."));
        iocs.delete(actor.scope(), tenant, id);
        audit.record(AuditEntry.by(
                actor,
                clock.instant(),
                tenant,
                "intel.ioc_deleted",
                ioc.type().name().toLowerCase(java.util.Locale.ROOT) + " " + ioc.value(),
                "id " + id + ", source " + ioc.source(),
                address));
        rebuildMatcher();
    }

    /**
     * Imports an uploaded document for {@code tenant} ({@code null}: provider-wide, provider admins).
     * The IoCs' source is {@code upload:<name>}; they never expire unless they say so.
     */
    public FeedRun upload(
            Actor actor, @Nullable TenantId tenant, FeedKind format, byte[] document, String name, String address) {
        if (tenant == null) {
            actor.requireProviderAdmin();
        } else {
            requireTenantWriter(actor, tenant);
        }
        if (format == FeedKind.MISP_FEED || format == FeedKind.TAXII) {
            throw new ValidationException(
                    "format", format + " is read from a feed location; upload a STIX bundle, a MISP event or a CSV");
        }
        Instant started = clock.instant();
        ImportReport report = new ImportReport(properties.maxIndicatorsPerImport());
        importers.read(format, document, name, report);
        String source = "upload:" + IocValues.clip(name);
        IocRepository.Origin origin = new IocRepository.Origin(tenant, null, source, actor.name(), 50, null, Tlp.AMBER);
        FeedRun run = store(actor.scope(), origin, report, started);
        audit.record(AuditEntry.by(
                actor,
                clock.instant(),
                tenant,
                "intel.uploaded",
                source,
                format + ": " + run.status() + ", " + run.added() + " added, " + run.updated() + " updated, "
                        + run.skipped() + " skipped",
                address));
        return run;
    }

    private FeedRun store(TenantScope scope, IocRepository.Origin origin, ImportReport report, Instant started) {
        IocRepository.Upserted u = new IocRepository.Upserted(0, 0);
        if (!report.indicators().isEmpty()) {
            u = iocs.upsert(scope, origin, report.indicators(), clock.instant());
            rebuildMatcher();
        }
        return new FeedRun(
                started,
                clock.instant(),
                report.status(),
                report.entries(),
                u.added(),
                u.updated(),
                report.skipped(),
                report.problems());
    }

    private static void requireTenantWriter(Actor actor, TenantId tenant) {
        actor.requireVisible(tenant);
        if (actor.role() == Role.TENANT_VIEWER) {
            throw new ForbiddenException("Your role (" + actor.role().label() + ") can read IoCs but not change them.");
        }
    }

    // ---- feeds

    private static void requireProviderRole(Actor actor) {
        if (!actor.role().providerSide()) {
            throw new ForbiddenException("Feeds are managed by the provider; your role is "
                    + actor.role().label() + ".");
        }
    }

    public List<Feed> feeds(Actor actor) {
        requireProviderRole(actor);
        return feeds.list();
    }

    public Feed feed(Actor actor, String id) {
        requireProviderRole(actor);
        return feeds.find(id).orElseThrow(() -> new NotFoundException("No feed with id '" + IocValues.clip(id) + "'."));
    }

    public List<FeedRun> runs(Actor actor, String id, int limit) {
        feed(actor, id);
        return feeds.runs(id, Math.max(1, Math.min(limit, 100)));
    }

    /** Adds a feed (provider admins); it is refreshed at once by the next schedule check. */
    public Feed createFeed(
            Actor actor,
            String name,
            FeedKind kind,
            String location,
            @Nullable String collection,
            Duration interval,
            int confidence,
            Duration ttl,
            Tlp tlp,
            String address) {
        actor.requireProviderAdmin();
        List<ValidationException.Problem> problems = new ArrayList<>();
        if (location.isBlank()) {
            problems.add(new ValidationException.Problem("location", "Give an http(s):// URL or a server path."));
        }
        Feed feed;
        try {
            feed = new Feed(
                    UUID.randomUUID().toString(),
                    name.trim(),
                    kind,
                    location.trim(),
                    collection,
                    interval,
                    confidence,
                    ttl,
                    tlp,
                    true,
                    actor.name(),
                    clock.instant(),
                    null,
                    null);
        } catch (IllegalArgumentException e) {
            problems.add(new ValidationException.Problem(
                    "feed", java.util.Objects.requireNonNullElse(e.getMessage(), "invalid")));
            throw new ValidationException(problems);
        }
        if (!problems.isEmpty()) {
            throw new ValidationException(problems);
        }
        try {
            feeds.insert(actor.scope(), feed);
        } catch (DuplicateKeyException e) {
            throw new io.vigil.server.platform.ConflictException("A feed named '" + feed.name() + "' already exists.");
        }
        audit.record(AuditEntry.by(
                actor, feed.createdAt(), null, "intel.feed_created", feed.name(), kind + " " + location, address));
        return feed;
    }

    public void deleteFeed(Actor actor, String id, String address) {
        actor.requireProviderAdmin();
        Feed feed = feed(actor, id);
        feeds.delete(actor.scope(), id);
        audit.record(AuditEntry.by(
                actor, clock.instant(), null, "intel.feed_deleted", feed.name(), feed.location(), address));
        rebuildMatcher();
    }

    /** Refreshes a feed now (provider admins) and returns the run. */
    public FeedRun refresh(Actor actor, String id, String address) {
        actor.requireProviderAdmin();
        Feed feed = feed(actor, id);
        FeedRun run = refresh(feed);
        audit.record(AuditEntry.by(
                actor,
                clock.instant(),
                null,
                "intel.feed_refreshed",
                feed.name(),
                run.status() + ": " + run.added() + " added, " + run.updated() + " updated, " + run.skipped()
                        + " skipped",
                address));
        return run;
    }

    /** Refreshes every enabled feed whose interval has passed. */
    @Scheduled(
            fixedDelayString = "${vigil.intel.refresh-check:60s}",
            initialDelayString = "${vigil.intel.refresh-check:60s}")
    public void refreshDue() {
        Instant now = clock.instant();
        for (Feed feed : feeds.list()) {
            if (feed.dueAt(now)) {
                try {
                    refresh(feed);
                } catch (RuntimeException e) {
                    LOG.error("Refreshing feed {} failed", feed.name(), e);
                }
            }
        }
    }

    /** Reads a feed and stores its IoCs; errors end up in the run, never as exceptions. */
    FeedRun refresh(Feed feed) {
        synchronized (refreshLock) {
            Instant started = clock.instant();
            ImportReport report = new ImportReport(properties.maxIndicatorsPerImport());
            String addedAfter = null;
            try {
                switch (feed.kind()) {
                    case TAXII ->
                        addedAfter = taxii.read(
                                feed.location(),
                                java.util.Objects.requireNonNull(feed.collection()),
                                feed.taxiiAddedAfter(),
                                report);
                    case MISP_FEED ->
                        importers.misp().readFeed(fetcher.source(feed.location()), properties.maxFeedEvents(), report);
                    case STIX, MISP_EVENT, URLHAUS, THREATFOX, MALWAREBAZAAR, FEODO, INFOBLOX ->
                        importers.read(feed.kind(), fetcher.fetch(feed.location()), feed.location(), report);
                }
            } catch (java.io.IOException e) {
                report.fail(feed.location(), e.getMessage());
            }
            IocRepository.Origin origin = new IocRepository.Origin(
                    null, feed.id(), feed.name(), "feed:" + feed.name(), feed.confidence(), feed.ttl(), feed.tlp());
            FeedRun run = store(TenantScope.all(), origin, report, started);
            feeds.recordRun(TenantScope.all(), feed.id(), run, addedAfter);
            return run;
        }
    }
}
