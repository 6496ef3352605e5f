package io.vigil.server.triage;

import java.time.Instant;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * A scored alert as triage stores it.
 *
 * @param features what grouping reads
 * @param score the triage score
 * @param explanation the score's factors
 * @param scorer which scorer produced it
 * @param scoredAt when
 * @param candidateId the candidate it belongs to, once grouped
 */
public record TriagedAlert(
        AlertFeatures features,
        int score,
        List<ScoreFactor> explanation,
        String scorer,
        Instant scoredAt,
        @Nullable String candidateId) {

    public TriagedAlert {
        explanation = List.copyOf(explanation);
    }
}
