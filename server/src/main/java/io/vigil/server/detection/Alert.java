package io.vigil.server.detection;

import io.vigil.server.platform.TenantId;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * What the detection pipeline raises: a rule (or correlation, or IoC) matched telemetry of one
 * tenant's asset. Its {@link #key} makes it idempotent: the same rule on the same event is one alert,
 * however often the event is delivered.
 *
 * @param id stable id derived from tenant and key
 * @param tenant the tenant
 * @param key what makes it unique in the tenant, e.g. {@code sigma:<rule id>:<event id>}
 * @param technology how it was detected
 * @param ruleId the rule's id
 * @param ruleTitle the rule's title
 * @param level the rule's level ({@code informational} … {@code critical})
 * @param tactics ATT&amp;CK tactics from the rule's tags, as written there (e.g. {@code credential-access})
 * @param techniques ATT&amp;CK technique ids from the rule's tags (e.g. {@code T1003.002}); unknown ids kept
 * @param asset the asset the event came from
 * @param eventId the event that triggered it ({@code null} for correlations over several events)
 * @param eventTime when that event happened
 * @param detectedAt when the pipeline raised it
 * @param evidence why it fired: which selection, field and value matched
 * @param enrichment what the enrich stage knew about the event ({@code null}: not enriched)
 */
public record Alert(
        String id,
        TenantId tenant,
        String key,
        Technology technology,
        String ruleId,
        String ruleTitle,
        String level,
        List<String> tactics,
        List<String> techniques,
        String asset,
        @Nullable String eventId,
        Instant eventTime,
        Instant detectedAt,
        List<AlertEvidence> evidence,
        @Nullable AlertEnrichment enrichment) {

    /** How an alert was detected. */
    public enum Technology {
        SIGMA,
        CORRELATION,
        IOC
    }

    public Alert {
        tactics = List.copyOf(tactics);
        techniques = List.copyOf(techniques);
        evidence = List.copyOf(evidence);
    }

    /** An alert without enrichment (the enrich stage adds it with {@link #withEnrichment}). */
    public Alert(
            String id,
            TenantId tenant,
            String key,
            Technology technology,
            String ruleId,
            String ruleTitle,
            String level,
            List<String> tactics,
            List<String> techniques,
            String asset,
            @Nullable String eventId,
            Instant eventTime,
            Instant detectedAt,
            List<AlertEvidence> evidence) {
        this(
                id,
                tenant,
                key,
                technology,
                ruleId,
                ruleTitle,
                level,
                tactics,
                techniques,
                asset,
                eventId,
                eventTime,
                detectedAt,
                evidence,
                null);
    }

    /** {@return this alert with {@code e} as its enrichment} */
    public Alert withEnrichment(@Nullable AlertEnrichment e) {
        return new Alert(
                id,
                tenant,
                key,
                technology,
                ruleId,
                ruleTitle,
                level,
                tactics,
                techniques,
                asset,
                eventId,
                eventTime,
                detectedAt,
                evidence,
                e);
    }

    /** {@return the stable alert id for a key of a tenant (a name-based UUID)} */
    public static String idFor(TenantId tenant, String key) {
        return UUID.nameUUIDFromBytes((tenant.value() + "\n" + key).getBytes(StandardCharsets.UTF_8))
                .toString();
    }
}
