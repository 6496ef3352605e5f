package io.vigil.server.triage;

import io.vigil.server.platform.Actor;
import io.vigil.server.platform.TenantId;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Records the calls triage makes through {@link IncidentSink} and answers with numbered incident
 * ids, so the tests can check exactly what triage hands over (who, which tenant, which alerts, what
 * summary, description and publish flag). The real sink, the incident service, is tested end to end
 * in {@code TriageWorkbenchTest#shouldPromoteAndMergeIntoIncidentsOverTheApi}.
 */
final class RecordingIncidentSink implements IncidentSink {

    /** One createFromAlerts call. */
    record Created(
            Actor actor,
            TenantId tenant,
            List<String> alertIds,
            String summary,
            String description,
            Priority priority,
            boolean publish,
            String incidentId) {}

    /** One addAlerts call. */
    record Added(Actor actor, TenantId tenant, String incidentId, List<String> alertIds) {}

    final List<Created> created = new CopyOnWriteArrayList<>();
    final List<Added> added = new CopyOnWriteArrayList<>();

    @Override
    public String createFromAlerts(
            Actor actor,
            TenantId tenant,
            List<String> alertIds,
            String summary,
            String descriptionMarkdown,
            Priority priority,
            boolean publish) {
        String id = "incident-" + (created.size() + 1);
        created.add(
                new Created(actor, tenant, List.copyOf(alertIds), summary, descriptionMarkdown, priority, publish, id));
        return id;
    }

    @Override
    public void addAlerts(Actor actor, TenantId tenant, String incidentId, List<String> alertIds) {
        added.add(new Added(actor, tenant, incidentId, List.copyOf(alertIds)));
    }
}
