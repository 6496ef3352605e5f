package io.vigil.sigma.internal;

import io.vigil.sigma.LogSourceMapping;
import io.vigil.sigma.LogSourceVariant;
import io.vigil.sigma.RuleMetadata;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Resolves references between parsed rules (filters and correlations name rules by id or name)
 * and produces the compiled detection rules.
 */
public final class RuleLinker {
    private RuleLinker() {}

    /** The outcome of linking: compiled detection rules, and the rules refused while linking. */
    public record Linked(List<CompiledRule> rules, List<ParsedRule> accepted, Map<ParsedRule, String> refused) {}

    public static Linked link(List<ParsedRule> parsed, LogSourceMapping mapping) {
        Map<String, ParsedRule> byRef = new HashMap<>();
        for (ParsedRule r : parsed) {
            byRef.putIfAbsent(r.metadata().id(), r);
            if (r.metadata().name() != null) {
                byRef.putIfAbsent(r.metadata().name(), r);
            }
        }
        Map<ParsedRule, String> refused = new HashMap<>();
        Map<String, List<CompiledDetection>> filtersByRuleId = new HashMap<>();
        for (ParsedRule r : parsed) {
            List<String> unknown = new ArrayList<>();
            switch (r) {
                case ParsedRule.Filter f -> {
                    for (String ref : f.rules()) {
                        ParsedRule target = byRef.get(ref);
                        if (target == null) {
                            unknown.add(ref);
                        } else {
                            filtersByRuleId
                                    .computeIfAbsent(target.metadata().id(), k -> new ArrayList<>())
                                    .add(f.detection());
                        }
                    }
                }
                case ParsedRule.Correlation c -> {
                    for (String ref : c.spec().rules()) {
                        if (!byRef.containsKey(ref)) {
                            unknown.add(ref);
                        }
                    }
                    if (unknown.isEmpty() && cyclic(c, byRef, new HashSet<>())) {
                        refused.put(r, "correlation references form a cycle");
                    }
                }
                case ParsedRule.Detection d -> {}
            }
            if (!unknown.isEmpty()) {
                refused.put(r, "unknown referenced rule(s) " + unknown + ": give the id or name of a loaded rule");
            }
        }
        List<CompiledRule> rules = new ArrayList<>();
        List<ParsedRule> accepted = new ArrayList<>();
        for (ParsedRule r : parsed) {
            if (refused.containsKey(r)) {
                continue;
            }
            accepted.add(r);
            if (r instanceof ParsedRule.Detection d) {
                RuleMetadata meta = d.metadata();
                List<CompiledRule.Variant> variants = new ArrayList<>();
                for (LogSourceVariant v : mapping.variantsFor(meta.logSource())) {
                    variants.add(CompiledRule.Variant.of(v));
                }
                rules.add(new CompiledRule(
                        meta, d.detection(), variants, filtersByRuleId.getOrDefault(meta.id(), List.of())));
            }
        }
        return new Linked(rules, accepted, refused);
    }

    private static boolean cyclic(ParsedRule.Correlation c, Map<String, ParsedRule> byRef, Set<ParsedRule> path) {
        if (!path.add(c)) {
            return true;
        }
        for (String ref : c.spec().rules()) {
            if (byRef.get(ref) instanceof ParsedRule.Correlation next && cyclic(next, byRef, path)) {
                return true;
            }
        }
        path.remove(c);
        return false;
    }
}
