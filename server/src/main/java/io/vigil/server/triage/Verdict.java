package io.vigil.server.triage;

import io.vigil.server.platform.TenantId;
import java.time.Instant;
import java.util.List;

/**
 * An analyst's verdict on a candidate: training data for a learned scorer.
 *
 * @param id the verdict's id
 * @param tenant the tenant
 * @param candidateId the candidate decided
 * @param alertIds its alerts
 * @param features the alerts' features and scores at the time of the verdict
 * @param verdict {@code FALSE_POSITIVE}, {@code PROMOTED} or {@code MERGED}
 * @param reason the analyst's words
 * @param analyst who decided
 * @param decidedAt when
 */
public record Verdict(
        String id,
        TenantId tenant,
        String candidateId,
        List<String> alertIds,
        List<TriagedAlert> features,
        String verdict,
        String reason,
        String analyst,
        Instant decidedAt) {

    public Verdict {
        alertIds = List.copyOf(alertIds);
        features = List.copyOf(features);
    }
}
