package io.vigil.server.triage;

import java.time.Duration;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * What a scorer knows about an alert beyond the alert itself. Enrichment (asset records, fleet
 * prevalence) is not attached to alerts yet: its factors are {@code null} (unknown), and scorers say
 * so in their explanation instead of guessing.
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

    public TriageContext {
        tacticsOnHost = List.copyOf(tacticsOnHost);
        if (assetCriticality != null && (assetCriticality < 1 || assetCriticality > 5)) {
            throw new IllegalArgumentException("asset criticality is 1-5, not " + assetCriticality);
        }
    }
}
