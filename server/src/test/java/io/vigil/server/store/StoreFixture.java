package io.vigil.server.store;

import io.vigil.server.platform.Actor;
import io.vigil.server.platform.Dialect;
import io.vigil.server.platform.Role;
import io.vigil.server.platform.TenantId;
import io.vigil.server.platform.TenantScope;
import io.vigil.server.platform.TestDatabase;
import io.vigil.telemetry.AssetId;
import io.vigil.telemetry.CanonicalEvent;
import io.vigil.telemetry.EventEnvelope;
import io.vigil.telemetry.EventId;
import io.vigil.telemetry.EventOrigin;
import io.vigil.telemetry.SourceFormat;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** A real telemetry database (SQLite file or PostgreSQL schema) with a store on it. */
record StoreFixture(TestDatabase db, TelemetryStore store, Map<String, Integer> retention) implements AutoCloseable {

    static final Actor ADMIN =
            new Actor(Actor.Kind.USER, "admin", "admin", Role.PROVIDER_ADMIN, null, TenantScope.all());

    static StoreFixture open(Dialect dialect, Path dir) {
        return open(dialect, dir, StoreProperties.defaults());
    }

    static StoreFixture open(Dialect dialect, Path dir, StoreProperties properties) {
        TestDatabase db = TestDatabase.telemetry(dialect, dir);
        Map<String, Integer> retention = new ConcurrentHashMap<>();
        TelemetryStore store = new TelemetryStore(
                new PartitionCatalog(db.dataSource(), dialect),
                new EventRepository(db.dataSource(), dialect),
                t -> retention.getOrDefault(t, TenantRetention.DEFAULT_DAYS),
                properties);
        return new StoreFixture(db, store, retention);
    }

    /** A tenant actor (viewer) of one tenant. */
    static Actor viewerOf(String tenant) {
        TenantId id = new TenantId(tenant);
        return new Actor(Actor.Kind.USER, "viewer", "viewer", Role.TENANT_VIEWER, id, TenantScope.of(id));
    }

    /** A Sysmon event received when it happened. */
    static CanonicalEvent sysmon(String tenant, String asset, Instant time, int eventId, Map<String, String> fields) {
        String category = switch (eventId) {
            case 1 -> "process_creation";
            case 11 -> "file_event";
            case 13 -> "registry_set";
            case 22 -> "dns_query";
            default -> "other";
        };
        return event(
                tenant,
                asset,
                time,
                time,
                new EventOrigin.Windows("Microsoft-Windows-Sysmon/Operational", "Microsoft-Windows-Sysmon", eventId),
                category,
                fields);
    }

    /** A Security 4688 (process creation without GUIDs, hex pids). */
    static CanonicalEvent security4688(String tenant, String asset, Instant time, long pid, long ppid, String image) {
        return event(
                tenant,
                asset,
                time,
                time,
                new EventOrigin.Windows("Security", "Microsoft-Windows-Security-Auditing", 4688),
                "process_creation",
                Map.of(
                        "ProcessId", "0x" + Long.toHexString(pid),
                        "ParentProcessId", "0x" + Long.toHexString(ppid),
                        "Image", image,
                        "CommandLine", image + " /run"));
    }

    static CanonicalEvent event(
            String tenant,
            String asset,
            Instant eventTime,
            Instant receiveTime,
            EventOrigin origin,
            String category,
            Map<String, String> fields) {
        io.vigil.telemetry.TenantId t = new io.vigil.telemetry.TenantId(tenant);
        EventId id = EventId.derive(t, List.of(asset, eventTime.toString(), origin.toString(), fields.toString()));
        return new CanonicalEvent(
                new EventEnvelope(
                        t, new AssetId(asset), id, eventTime, receiveTime, SourceFormat.EVTX_JSON, origin, category),
                fields,
                "{\"raw\": \"" + id.value() + "\"}");
    }

    /** Every event of the query, walking all pages. */
    List<StoredEvent> all(EventQuery q) {
        List<StoredEvent> events = new java.util.ArrayList<>();
        EventQuery page = q;
        while (true) {
            EventPage p = store.search(ADMIN, page);
            events.addAll(p.events());
            if (p.nextCursor() == null) {
                return events;
            }
            page = page.withCursor(p.nextCursor());
        }
    }

    @Override
    public void close() {
        db.close();
    }
}
