package io.vigil.server.triage;

import io.vigil.server.platform.Actor;
import io.vigil.server.platform.TenantId;
import java.util.List;

/**
 * Where promoted and merged candidates go: the incident service implements this ({@code
 * io.vigil.server.incident.TriageIncidentSink}). Triage does not depend on incidents; when no bean
 * implements it (a process without the incident capability), promote and merge answer 503 and
 * auto-publish leaves candidates in the queue.
 *
 * <p>Both calls run with the acting person or API connection (or the system actor for
 * auto-publish); the implementation records the incident's history and audit as for any change.
 */
public interface IncidentSink {

    /**
     * Creates an incident from alerts of one tenant.
     *
     * @param actor who publishes (an analyst, or the system actor for auto-publish)
     * @param tenant the tenant of the alerts
     * @param alertIds the alerts to link, oldest first
     * @param summary a one-line summary
     * @param descriptionMarkdown the auto-written description (Markdown, untrusted values escaped)
     * @param priority the priority triage suggests
     * @param publish publish at once (auto-publish); otherwise the analyst reviews and publishes
     * @return the new incident's id
     */
    String createFromAlerts(
            Actor actor,
            TenantId tenant,
            List<String> alertIds,
            String summary,
            String descriptionMarkdown,
            Priority priority,
            boolean publish);

    /**
     * Links alerts of one tenant to an existing incident of that tenant.
     *
     * @throws io.vigil.server.platform.NotFoundException when the tenant has no such incident
     */
    void addAlerts(Actor actor, TenantId tenant, String incidentId, List<String> alertIds);
}
