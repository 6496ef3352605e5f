package io.vigil.server.triage;

import java.util.List;

/**
 * A triage score with its explanation.
 *
 * @param score 0 (noise) to 100 (act now)
 * @param factors every factor the scorer weighed, absent ones included, so the score can be checked
 */
public record TriageScore(int score, List<ScoreFactor> factors) {
    public TriageScore {
        if (score < 0 || score > 100) {
            throw new IllegalArgumentException("a triage score is 0-100, not " + score);
        }
        factors = List.copyOf(factors);
    }
}
