package io.vigil.sigma;

import io.vigil.sigma.internal.CompiledRule;
import java.util.ArrayList;
import java.util.List;

/** The oracle: every rule against every event, no index. */
final class NaiveEvaluator {
    private NaiveEvaluator() {}

    static List<String> matchingIds(RuleSet set, SigmaEvent event) {
        List<String> ids = new ArrayList<>();
        for (CompiledRule rule : set.compiled()) {
            if (rule.matches(event)) {
                ids.add(rule.metadata().id());
            }
        }
        return ids;
    }

    static List<String> indexedIds(RuleSet set, SigmaEvent event) {
        List<String> ids = new ArrayList<>();
        set.forEachMatch(event, m -> ids.add(m.id()));
        return ids;
    }
}
