package io.vigil.sigma.internal;

import io.vigil.sigma.SigmaEvent;
import java.util.List;
import java.util.function.Consumer;

/** Decides which rules to test for an event. */
public final class RuleIndex {
    private final List<CompiledRule> rules;

    private RuleIndex(List<CompiledRule> rules) {
        this.rules = rules;
    }

    public static RuleIndex build(List<CompiledRule> rules) {
        return new RuleIndex(List.copyOf(rules));
    }

    /** Calls {@code onMatch} for every rule that matches the event, in rule order. */
    public void forEachMatch(SigmaEvent event, Consumer<CompiledRule> onMatch) {
        for (CompiledRule r : rules) {
            if (r.matches(event)) {
                onMatch.accept(r);
            }
        }
    }
}
