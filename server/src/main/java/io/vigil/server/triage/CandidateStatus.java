package io.vigil.server.triage;

/** Where a candidate is: in the queue, or decided. */
public enum CandidateStatus {
    /** In the queue; grouping may still add alerts or join it with another candidate. */
    OPEN,
    /** Dismissed as a false positive (a verdict was stored). */
    DISMISSED,
    /** Promoted to a new incident. */
    PROMOTED,
    /** Merged into an existing incident. */
    MERGED
}
