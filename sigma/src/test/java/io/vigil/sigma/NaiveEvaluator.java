package io.vigil.sigma;

import io.vigil.sigma.internal.CompiledRule;
import java.util.ArrayList;
import java.util.List;

/**
 * The oracle: every rule against every event, no index. Public for the {@code bench} module, which
 * measures it beside the indexed engine through sigma's test-jar.
 */
public final class NaiveEvaluator {
    private NaiveEvaluator() {}

    /** How many rules match the event, testing every rule. */
    public static int countMatches(RuleSet set, SigmaEvent event) {
        int n = 0;
        for (CompiledRule rule : set.compiled()) {
            if (rule.matches(event)) {
                n++;
            }
        }
        return n;
    }

    /** The ids of the rules that match the event, testing every rule, in rule order. */
    public static List<String> matchingIds(RuleSet set, SigmaEvent event) {
        List<String> ids = new ArrayList<>();
        for (CompiledRule rule : set.compiled()) {
            if (rule.matches(event)) {
                ids.add(rule.metadata().id());
            }
        }
        return ids;
    }

    /** The ids of the rules the indexed engine reports, in rule order. */
    public static List<String> indexedIds(RuleSet set, SigmaEvent event) {
        List<String> ids = new ArrayList<>();
        set.forEachMatch(event, m -> ids.add(m.id()));
        return ids;
    }
}
