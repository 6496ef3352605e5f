package io.vigil.server.triage;

import java.util.List;

/**
 * A candidate with its alerts, each with its score and explanation.
 *
 * @param candidate the candidate
 * @param alerts its alerts, oldest first
 */
public record CandidateDetail(Candidate candidate, List<TriagedAlert> alerts) {
    public CandidateDetail {
        alerts = List.copyOf(alerts);
    }
}
