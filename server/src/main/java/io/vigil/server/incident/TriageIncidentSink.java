package io.vigil.server.incident;

import io.vigil.server.platform.Actor;
import io.vigil.server.platform.TenantId;
import io.vigil.server.triage.IncidentSink;
import java.util.List;
import org.springframework.stereotype.Component;

/**
 * The incident service as triage's {@link IncidentSink}: a promoted candidate becomes an incident
 * made from its alerts (tactics, techniques, hosts, detection technology and first detection copied
 * from them, the auto-written description as the incident's description), a merged one links its
 * alerts to an existing incident. History and audit are recorded as for any change; the audit
 * address is {@code triage}, since the request that caused it is triage's.
 */
@Component
class TriageIncidentSink implements IncidentSink {

    private static final String ORIGIN = "triage";

    private final IncidentService incidents;

    TriageIncidentSink(IncidentService incidents) {
        this.incidents = incidents;
    }

    @Override
    public String createFromAlerts(
            Actor actor,
            TenantId tenant,
            List<String> alertIds,
            String summary,
            String descriptionMarkdown,
            io.vigil.server.triage.Priority priority,
            boolean publish) {
        IncidentFields fields = new IncidentFields(
                switch (priority) {
                    case HIGH -> Priority.HIGH;
                    case NORMAL -> Priority.NORMAL;
                    case LOW -> Priority.LOW;
                },
                clip(summary, IncidentFields.MAX_SUMMARY),
                "",
                "",
                clip(descriptionMarkdown, IncidentFields.MAX_TEXT),
                List.of(),
                List.of(),
                "",
                "",
                List.of(),
                List.of(),
                List.of());
        return incidents
                .create(actor, tenant, fields, alertIds, publish, ORIGIN)
                .incident()
                .id();
    }

    /** A long auto-written text, cut so that the incident takes it (the analyst edits it anyway). */
    private static String clip(String text, int max) {
        String marker = "\n\n… (cut at " + max + " characters)";
        return text.length() <= max ? text : text.substring(0, max - marker.length()) + marker;
    }

    @Override
    public void addAlerts(Actor actor, TenantId tenant, String incidentId, List<String> alertIds) {
        incidents.linkAlerts(actor, tenant, incidentId, alertIds, ORIGIN);
    }
}
