package io.vigil.server.triage;

import io.vigil.server.detection.Alert;
import io.vigil.server.detection.AlertEnrichment;
import java.time.Duration;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * What a scorer knows about an alert beyond the alert itself: the enrich stage's snapshot (asset
 * criticality, first seen in the fleet) when the alert has one, else {@code null} (unknown), which
 * scorers say in their explanation instead of guessing.
 *
 * @param assetCriticality the asset's criticality 1 (low) to 5 (crown jewel); {@code null}: unknown
 * @param firstSeenInFleet whether the alert's file or process was never seen elsewhere in the
 *     fleet; {@code null}: unknown
 * @param tacticsOnHost the distinct ATT&amp;CK tactics of the alerts on the same host within {@code
 *     window} of this one, its own included, sorted
 * @param window the window the tactics were counted in
 */
public record TriageContext(
        @Nullable Integer assetCriticality,
        @Nullable Boolean firstSeenInFleet,
        List<String> tacticsOnHost,
        Duration window) {

    /** The context of an alert: its enrichment's asset criticality and fleet novelty, when it has them. */
    public static TriageContext of(Alert alert, List<String> tacticsOnHost, Duration window) {
        AlertEnrichment e = alert.enrichment();
        Integer criticality = null;
        if (e != null && e.asset() != null) {
            criticality = switch (e.asset().criticality()) {
                case "LOW" -> 1;
                case "NORMAL" -> 3;
                case "HIGH" -> 4;
                case "CRITICAL" -> 5;
                default -> null;
            };
        }
        Boolean firstSeen = (e == null || e.prevalence().isEmpty()) ? null : e.firstSeenInFleet();
        return new TriageContext(criticality, firstSeen, tacticsOnHost, window);
    }

    public TriageContext {
        tacticsOnHost = List.copyOf(tacticsOnHost);
        if (assetCriticality != null && (assetCriticality < 1 || assetCriticality > 5)) {
            throw new IllegalArgumentException("asset criticality is 1-5, not " + assetCriticality);
        }
    }
}
