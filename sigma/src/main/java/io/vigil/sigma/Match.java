package io.vigil.sigma;

import java.util.List;

/**
 * A rule that matched an event, with the evidence an analyst needs.
 *
 * @param rule the matching rule
 * @param evidence the selection values that matched (those not under a {@code not})
 */
public record Match(RuleMetadata rule, List<Evidence> evidence) {
    public Match {
        evidence = List.copyOf(evidence);
    }
}
