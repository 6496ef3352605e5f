package io.vigil.sigma.internal;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * A validated correlation rule.
 *
 * @param type one of the seven correlation types
 * @param rules referenced rule ids or names, in order
 * @param groupBy fields the events are grouped by
 * @param timespan the sliding window
 * @param conditions comparison operator to threshold, ANDed (empty for temporal types without one)
 * @param field the aggregated field of the value_* types
 * @param aliases alias name to (rule reference to field)
 * @param generate whether the referenced rules also produce their own matches
 */
public record CorrelationSpec(
        Type type,
        List<String> rules,
        List<String> groupBy,
        Duration timespan,
        Map<Comparison, Double> conditions,
        @Nullable String field,
        Map<String, Map<String, String>> aliases,
        boolean generate) {

    public CorrelationSpec {
        rules = List.copyOf(rules);
        groupBy = List.copyOf(groupBy);
        conditions = Map.copyOf(conditions);
        aliases = Map.copyOf(aliases);
    }

    /** The correlation types of Sigma 2.1. */
    public enum Type {
        EVENT_COUNT,
        VALUE_COUNT,
        TEMPORAL,
        TEMPORAL_ORDERED,
        VALUE_SUM,
        VALUE_AVG,
        VALUE_PERCENTILE;

        boolean needsField() {
            return this == VALUE_COUNT || this == VALUE_SUM || this == VALUE_AVG || this == VALUE_PERCENTILE;
        }

        public boolean isTemporal() {
            return this == TEMPORAL || this == TEMPORAL_ORDERED;
        }
    }
}
