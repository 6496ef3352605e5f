package io.vigil.server.triage;

import io.vigil.server.platform.TenantId;
import java.time.Instant;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * An incident candidate: related alerts of one tenant, grouped.
 *
 * @param id stable id (a name-based UUID of the tenant and its earliest alert)
 * @param tenant the tenant
 * @param status in the queue or decided
 * @param score the combined score (0-100)
 * @param alertCount how many alerts
 * @param hosts the hosts involved, sorted
 * @param users the users involved, sorted
 * @param tactics ATT&amp;CK tactics, sorted
 * @param techniques ATT&amp;CK technique ids, sorted
 * @param links why the alerts were grouped, e.g. {@code same process tree on web01}
 * @param firstTime the earliest alert's event time
 * @param lastTime the latest alert's event time
 * @param incidentId the incident it was promoted or merged into
 * @param updatedAt when it last changed
 */
public record Candidate(
        String id,
        TenantId tenant,
        CandidateStatus status,
        int score,
        int alertCount,
        List<String> hosts,
        List<String> users,
        List<String> tactics,
        List<String> techniques,
        List<String> links,
        Instant firstTime,
        Instant lastTime,
        @Nullable String incidentId,
        Instant updatedAt) {

    public Candidate {
        hosts = List.copyOf(hosts);
        users = List.copyOf(users);
        tactics = List.copyOf(tactics);
        techniques = List.copyOf(techniques);
        links = List.copyOf(links);
    }
}
