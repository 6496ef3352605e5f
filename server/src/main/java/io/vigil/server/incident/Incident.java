package io.vigil.server.incident;

import io.vigil.server.platform.TenantId;
import java.time.Instant;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * An incident: what the SOC tells a customer about an attack (or what a customer asks the SOC to
 * look at). Names follow the MDR API v1 incident object.
 *
 * @param id opaque id
 * @param tenant the customer
 * @param number sequential per tenant, shown to people
 * @param creationTime when it was created
 * @param updateTime when it last changed (any mutation, comments and attachments included)
 * @param createdBy who created it (user or connection name, or {@code system})
 * @param origin the SOC service or the customer
 * @param priority HIGH, NORMAL (Medium), LOW
 * @param status lifecycle state, see {@link IncidentLifecycle}
 * @param resolution the verdict; {@code null} until resolved or closed
 * @param summary one line
 * @param statusDescription where the investigation stands
 * @param recommendations what the customer should do (Markdown)
 * @param description what happened (Markdown)
 * @param clientDescription the customer's own words (customer-created incidents)
 * @param mitreTactics ATT&amp;CK tactics
 * @param mitreTechniques ATT&amp;CK technique ids
 * @param detectionTechnology how it was detected (e.g. {@code SIGMA}, {@code IOC})
 * @param attackStage e.g. {@code initial access}, {@code lateral movement}
 * @param affectedHosts asset names
 * @param hostBasedIocs file hashes, paths, registry keys …
 * @param networkBasedIocs addresses, domains, URLs …
 * @param alertIds the linked alerts
 * @param firstActivityAt when the earliest linked alert's event happened (for MTTD)
 * @param firstDetectedAt when the earliest linked alert was raised (creation time without alerts): the SLA start
 * @param publishedAt when the customer was notified; {@code null} while unpublished
 * @param firstAnswerAt the first SOC comment on a customer-created incident
 * @param resolvedAt when it was last resolved
 * @param closedAt when it was closed
 * @param version how many times the stored incident has been written since its creation (its ETag);
 *     the value it had when it was read, for optimistic locking
 */
public record Incident(
        String id,
        TenantId tenant,
        long number,
        Instant creationTime,
        Instant updateTime,
        String createdBy,
        Origin origin,
        Priority priority,
        Status status,
        @Nullable Resolution resolution,
        String summary,
        String statusDescription,
        String recommendations,
        String description,
        String clientDescription,
        List<String> mitreTactics,
        List<String> mitreTechniques,
        String detectionTechnology,
        String attackStage,
        List<String> affectedHosts,
        List<IncidentIoc> hostBasedIocs,
        List<IncidentIoc> networkBasedIocs,
        List<String> alertIds,
        @Nullable Instant firstActivityAt,
        Instant firstDetectedAt,
        @Nullable Instant publishedAt,
        @Nullable Instant firstAnswerAt,
        @Nullable Instant resolvedAt,
        @Nullable Instant closedAt,
        long version) {

    public Incident {
        mitreTactics = List.copyOf(mitreTactics);
        mitreTechniques = List.copyOf(mitreTechniques);
        affectedHosts = List.copyOf(affectedHosts);
        hostBasedIocs = List.copyOf(hostBasedIocs);
        networkBasedIocs = List.copyOf(networkBasedIocs);
        alertIds = List.copyOf(alertIds);
    }

    /** Whether the customer has been notified. */
    public boolean published() {
        return publishedAt != null;
    }

    /** The same incident with the editable fields of {@code f}. */
    public Incident with(IncidentFields f, Instant now) {
        return new Incident(
                id,
                tenant,
                number,
                creationTime,
                now,
                createdBy,
                origin,
                f.priority(),
                status,
                resolution,
                f.summary(),
                f.statusDescription(),
                f.recommendations(),
                f.description(),
                clientDescription,
                f.mitreTactics(),
                f.mitreTechniques(),
                f.detectionTechnology(),
                f.attackStage(),
                f.affectedHosts(),
                f.hostBasedIocs(),
                f.networkBasedIocs(),
                alertIds,
                firstActivityAt,
                firstDetectedAt,
                publishedAt,
                firstAnswerAt,
                resolvedAt,
                closedAt,
                version);
    }

    /** The same incident at another version (after a write). */
    public Incident withVersion(long next) {
        return new Incident(
                id,
                tenant,
                number,
                creationTime,
                updateTime,
                createdBy,
                origin,
                priority,
                status,
                resolution,
                summary,
                statusDescription,
                recommendations,
                description,
                clientDescription,
                mitreTactics,
                mitreTechniques,
                detectionTechnology,
                attackStage,
                affectedHosts,
                hostBasedIocs,
                networkBasedIocs,
                alertIds,
                firstActivityAt,
                firstDetectedAt,
                publishedAt,
                firstAnswerAt,
                resolvedAt,
                closedAt,
                next);
    }

    /** The fields the SOC edits. */
    public IncidentFields fields() {
        return new IncidentFields(
                priority,
                summary,
                statusDescription,
                recommendations,
                description,
                mitreTactics,
                mitreTechniques,
                detectionTechnology,
                attackStage,
                affectedHosts,
                hostBasedIocs,
                networkBasedIocs);
    }
}
