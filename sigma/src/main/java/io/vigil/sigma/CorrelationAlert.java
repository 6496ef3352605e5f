package io.vigil.sigma;

import java.time.Instant;
import java.util.List;

/**
 * A correlation rule that fired.
 *
 * @param rule the correlation rule
 * @param groupKey the group-by values, in group-by order ({@code field=value})
 * @param first time of the oldest event in the window
 * @param last time of the event that made the correlation fire
 * @param events number of events in the window
 */
public record CorrelationAlert(RuleMetadata rule, List<String> groupKey, Instant first, Instant last, int events) {
    public CorrelationAlert {
        groupKey = List.copyOf(groupKey);
    }
}
