package io.vigil.server.store;

import io.vigil.server.platform.Actor;
import io.vigil.server.platform.NotFoundException;
import io.vigil.server.platform.TenantId;
import io.vigil.server.platform.ValidationException;
import io.vigil.telemetry.CanonicalEvent;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import org.springframework.dao.DataAccessException;
import org.springframework.stereotype.Service;

/**
 * The telemetry store: events per tenant and UTC day, for hunting queries, process trees and
 * retention. Writes are idempotent on (tenant, event id); reads are always limited to one tenant the
 * actor may see.
 */
@Service
public class TelemetryStore {

    private static final Pattern EVENT_ID = Pattern.compile("[0-9a-f]{32}");
    static final Comparator<StoredEvent> NEWEST_FIRST = Comparator.comparing(StoredEvent::eventTime)
            .thenComparing(StoredEvent::eventId)
            .reversed();

    private final PartitionCatalog catalog;
    private final EventRepository events;
    private final TenantRetention retention;
    private final StoreProperties properties;

    TelemetryStore(
            PartitionCatalog catalog, EventRepository events, TenantRetention retention, StoreProperties properties) {
        this.catalog = catalog;
        this.events = events;
        this.retention = retention;
        this.properties = properties;
    }

    public StoreProperties properties() {
        return properties;
    }

    /**
     * Stores events of any tenants and days in one transaction. Idempotent: an event whose (tenant,
     * event id) is already stored is skipped. On failure nothing of the call is stored, and the call
     * may be repeated.
     *
     * @return how many events were added (not counting those already stored)
     * @throws StoreException when the database refuses the write (retriable)
     */
    public int write(List<CanonicalEvent> batch) {
        if (batch.isEmpty()) {
            return 0;
        }
        Map<String, Integer> days = new HashMap<>();
        List<EventRow> rows = new ArrayList<>(batch.size());
        Map<String, PartitionCatalog.Needed> needed = new LinkedHashMap<>();
        for (CanonicalEvent e : batch) {
            String tenant = e.envelope().tenant().value();
            EventRow row = EventRows.of(e, days.computeIfAbsent(tenant, retention::days));
            rows.add(row);
            needed.merge(
                    tenant + "\n" + row.day(),
                    new PartitionCatalog.Needed(tenant, row.day(), row.eventTime(), row.eventTime()),
                    (a, b) -> new PartitionCatalog.Needed(
                            a.tenant(),
                            a.day(),
                            Math.min(a.minEventTime(), b.minEventTime()),
                            Math.max(a.maxEventTime(), b.maxEventTime())));
        }
        List<PartitionCatalog.Needed> partitions = List.copyOf(needed.values());
        try {
            return events.insert(catalog.ensure(partitions), rows);
        } catch (DataAccessException first) {
            // A partition may have been dropped by a purge (here or in another process): forget the
            // cached catalog and try once more before giving up.
            catalog.forget();
            try {
                return events.insert(catalog.ensure(partitions), rows);
            } catch (DataAccessException e) {
                throw new StoreException("the telemetry store could not write " + batch.size() + " events", e);
            }
        }
    }

    /**
     * One page of a hunting query's events, newest first. Only the query's tenant is searched, and only
     * if the actor may see it.
     */
    public EventPage search(Actor actor, EventQuery q) {
        actor.requireVisible(q.tenant());
        validate(q);
        String cursorText = q.cursor();
        Cursor after = cursorText == null ? null : Cursor.decode(cursorText);
        Optional<Integer> no = catalog.tenantNo(q.tenant().value());
        if (no.isEmpty()) {
            return new EventPage(List.of(), null);
        }
        long upper = after == null ? q.to().toEpochMilli() : Math.min(q.to().toEpochMilli(), after.eventTime() + 1);
        EventFilter filter = EventFilter.of(q, after, events.dialect());
        int want = q.limit() + 1;
        List<StoredEvent> best = new ArrayList<>();
        for (Partition p : catalog.overlapping(no.get(), q.from().toEpochMilli(), upper)) {
            if (best.size() >= want
                    && p.maxEventTime() < best.get(want - 1).eventTime().toEpochMilli()) {
                break; // partitions come latest first: none of the rest can hold a newer event
            }
            best.addAll(events.search(q.tenant().value(), p, filter, want));
            best.sort(NEWEST_FIRST);
            if (best.size() > want) {
                best.subList(want, best.size()).clear();
            }
        }
        if (best.size() <= q.limit()) {
            return new EventPage(best, null);
        }
        StoredEvent last = best.get(q.limit() - 1);
        return new EventPage(
                best.subList(0, q.limit()), new Cursor(last.eventTime().toEpochMilli(), last.eventId()).encode());
    }

    private void validate(EventQuery q) {
        List<ValidationException.Problem> problems = new ArrayList<>();
        if (!q.from().isBefore(q.to())) {
            problems.add(new ValidationException.Problem("to", "Must be after 'from' (" + q.from() + ")."));
        } else if (Duration.between(q.from(), q.to()).compareTo(properties.maxQueryRange()) > 0) {
            problems.add(new ValidationException.Problem(
                    "to",
                    "The range from 'from' to 'to' may cover at most "
                            + properties.maxQueryRange().toDays() + " days (" + properties.maxQueryRange()
                            + "); split the query."));
        }
        if (q.limit() < 1 || q.limit() > properties.maxPageSize()) {
            problems.add(new ValidationException.Problem(
                    "limit", "Must be between 1 and " + properties.maxPageSize() + ", not " + q.limit() + "."));
        }
        if (q.assets().size() > 1000 || q.where().size() > 50 || q.categories().size() > 100) {
            problems.add(new ValidationException.Problem(
                    "query", "At most 1000 assets, 50 field conditions and 100 categories."));
        }
        String text = q.text();
        if (text != null && text.length() > 1000) {
            problems.add(new ValidationException.Problem("text", "At most 1000 characters."));
        }
        if (!problems.isEmpty()) {
            throw new ValidationException(problems);
        }
    }

    /** One event of the tenant, with its raw record; 404 when the actor cannot see it or it is not stored. */
    public StoredEvent find(Actor actor, TenantId tenant, String eventId) {
        actor.requireVisible(tenant);
        NotFoundException notFound = new NotFoundException("No event with id '" + FieldPredicate.clip(eventId)
                + "' in tenant " + tenant + " (event ids are 32 lower-case hex digits).");
        if (!EVENT_ID.matcher(eventId).matches()) {
            throw notFound;
        }
        Optional<Integer> no = catalog.tenantNo(tenant.value());
        if (no.isEmpty()) {
            throw notFound;
        }
        return events.find(tenant.value(), catalog.partitions(no.get()), eventId)
                .orElseThrow(() -> notFound);
    }

    /**
     * The process tree around one process on one asset: its ancestors as far as the data goes and its
     * descendants up to {@link StoreProperties#maxTreeNodes()}.
     *
     * @param process a ProcessGuid, or a key {@code pid:<asset>:<pid>:<start ms>} as returned in trees
     */
    public ProcessTree processTree(Actor actor, TenantId tenant, String asset, String process) {
        actor.requireVisible(tenant);
        if (asset.isBlank() || process.isBlank()) {
            throw new ValidationException("asset", "Name the asset and the process (a ProcessGuid or process key).");
        }
        NotFoundException notFound = new NotFoundException("No process creation of '" + FieldPredicate.clip(process)
                + "' on asset '" + FieldPredicate.clip(asset) + "' in tenant " + tenant + ".");
        Optional<Integer> no = catalog.tenantNo(tenant.value());
        if (no.isEmpty()) {
            throw notFound;
        }
        String key = process.startsWith("pid:") ? process : EventRows.guid(process);
        if (key == null) {
            throw notFound;
        }
        return new ProcessTrees(events, catalog.partitions(no.get()), asset, properties.maxTreeNodes())
                .around(key)
                .orElseThrow(() -> notFound);
    }

    /**
     * Drops every tenant-day that lies wholly before its tenant's retention: with a retention of N
     * days, the days before (today − N) in UTC.
     *
     * @param now the current time (from the injected clock)
     * @return what was dropped
     */
    public List<DroppedDay> purge(Instant now) {
        long today = Math.floorDiv(now.toEpochMilli(), Duration.ofDays(1).toMillis());
        List<DroppedDay> dropped = new ArrayList<>();
        for (Map.Entry<String, Integer> t : catalog.tenants().entrySet()) {
            long cutoff = today - retention.days(t.getKey());
            for (Partition p : catalog.partitions(t.getValue())) {
                if (p.day() < cutoff) {
                    catalog.drop(p);
                    dropped.add(new DroppedDay(t.getKey(), p.date(), p.rows()));
                }
            }
        }
        return dropped;
    }

    /** The tenant's partitions, newest day first (for tests and operations). */
    List<Partition> partitions(String tenant) {
        return catalog.tenantNo(tenant).map(catalog::partitions).orElse(List.of());
    }
}
