package io.vigil.server.detection;

import io.vigil.server.asset.Asset;
import io.vigil.server.asset.AssetService;
import io.vigil.server.asset.PrevalenceCount;
import io.vigil.server.asset.PrevalenceKind;
import io.vigil.server.asset.PrevalenceService;
import io.vigil.server.asset.PrevalenceValue;
import io.vigil.server.intel.IocHit;
import io.vigil.server.intel.IocMatcher;
import io.vigil.server.platform.TenantId;
import io.vigil.telemetry.CanonicalEvent;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.stereotype.Component;

/**
 * The enrich stage: brings the asset inventory and fleet prevalence up to date with a batch before
 * it is matched ({@link #observe}), then attaches to each alert what is known about its event
 * ({@link #attach}): the asset record, the prevalence of the event's image, hashes and command line,
 * and the IoCs in the event. Lookups happen only for events that raised an alert, once per event.
 */
@Component
class AlertEnricher {

    private final AssetService assets;
    private final PrevalenceService prevalence;

    AlertEnricher(AssetService assets, PrevalenceService prevalence) {
        this.assets = assets;
        this.prevalence = prevalence;
    }

    /** Updates the asset inventory and fleet prevalence from a batch (idempotent: redelivery adds nothing). */
    void observe(List<CanonicalEvent> batch) {
        assets.observe(batch);
        prevalence.record(batch);
    }

    /** The alerts with their events' enrichment; alerts of events not in {@code batch} are left as they are. */
    List<Alert> attach(List<Alert> raised, List<CanonicalEvent> batch, IocMatcher iocs, Instant now) {
        if (raised.isEmpty()) {
            return raised;
        }
        Map<String, CanonicalEvent> byId = new HashMap<>();
        for (CanonicalEvent e : batch) {
            byId.put(e.envelope().id().value(), e);
        }
        Map<String, AlertEnrichment> done = new HashMap<>();
        List<Alert> out = new ArrayList<>(raised.size());
        for (Alert a : raised) {
            String eventId = a.eventId();
            CanonicalEvent event = eventId == null ? null : byId.get(eventId);
            if (eventId == null || event == null) {
                out.add(a);
                continue;
            }
            out.add(a.withEnrichment(done.computeIfAbsent(eventId, id -> enrich(event, iocs, now))));
        }
        return out;
    }

    AlertEnrichment enrich(CanonicalEvent event, IocMatcher iocs, Instant now) {
        Optional<Asset> asset = assets.assetOf(event);
        TenantId tenant = new TenantId(event.envelope().tenant().value());
        Instant seen = event.envelope().eventTime().isAfter(now)
                ? now
                : event.envelope().eventTime();
        Instant recent = now.minus(prevalence.properties().firstSeenWindow());
        List<AlertEnrichment.Prevalence> counts = new ArrayList<>();
        boolean newToFleet = false;
        for (PrevalenceValue v : PrevalenceValue.in(event)) {
            Optional<PrevalenceCount> c = prevalence.count(tenant, v);
            if (c.isEmpty()) {
                continue;
            }
            PrevalenceCount p = c.get();
            boolean first = !p.firstSeen().isBefore(recent) || p.firstSeen().equals(seen);
            counts.add(new AlertEnrichment.Prevalence(
                    p.kind().name(), p.key(), p.value(), p.hosts(), p.firstSeen(), first));
            newToFleet |= first && p.kind() != PrevalenceKind.COMMAND_LINE;
        }
        List<AlertEnrichment.IocHit> hits = new ArrayList<>();
        for (IocHit h : iocs.match(event, now)) {
            hits.add(new AlertEnrichment.IocHit(
                    h.ioc().id(),
                    h.ioc().type().name(),
                    h.ioc().value(),
                    h.field(),
                    h.value(),
                    h.ioc().source(),
                    h.ioc().confidence()));
        }
        return new AlertEnrichment(asset.map(AlertEnricher::snapshot).orElse(null), counts, newToFleet, hits);
    }

    private static AlertEnrichment.AssetSnapshot snapshot(Asset a) {
        return new AlertEnrichment.AssetSnapshot(
                a.id(),
                a.hostName(),
                a.os(),
                a.osVersion(),
                a.criticality().name(),
                a.source().name(),
                a.firstSeen());
    }
}
