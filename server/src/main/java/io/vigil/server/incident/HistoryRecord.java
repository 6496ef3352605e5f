package io.vigil.server.incident;

import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * One line of an incident's history: who changed what, when, from what to what.
 *
 * @param seq order of the change (global, increasing)
 * @param incidentId the incident
 * @param changedAt when
 * @param changedBy the user or connection name, or {@code system}
 * @param actorKind {@code USER}, {@code API_CONNECTION} or {@code SYSTEM}
 * @param entity what kind of thing changed: {@code incident_details}, {@code incident_comment},
 *     {@code incident_attachment} ({@code incident_response} when responses exist)
 * @param entityId the incident, comment or attachment id
 * @param operation {@code create}, {@code update}, {@code status}, {@code publish}, {@code link_alerts}
 * @param field the field changed ({@code *} for a whole new thing)
 * @param before the value before ({@code null}: none)
 * @param after the value after ({@code null}: none)
 */
public record HistoryRecord(
        long seq,
        String incidentId,
        Instant changedAt,
        String changedBy,
        String actorKind,
        String entity,
        String entityId,
        String operation,
        String field,
        @Nullable String before,
        @Nullable String after) {

    /** {@code incident_details}. */
    public static final String DETAILS = "incident_details";
    /** {@code incident_comment}. */
    public static final String COMMENT = "incident_comment";
    /** {@code incident_attachment}. */
    public static final String ATTACHMENT = "incident_attachment";
}
