package io.vigil.server.triage;

import io.vigil.server.detection.Alert;

/**
 * Scores one alert for the SOC queue. The rule-based {@link RuleBasedScorer} is today's; a learned
 * model trained on analysts' verdicts replaces it behind this interface.
 */
public interface TriageScorer {

    /** A stable name stored with each score (which scorer and version produced it). */
    String name();

    /** The alert's score with one explanation line per factor weighed. Pure: no I/O. */
    TriageScore score(Alert alert, TriageContext context);
}
