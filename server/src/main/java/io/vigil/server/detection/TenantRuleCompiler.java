package io.vigil.server.detection;

import io.vigil.sigma.Refusal;
import io.vigil.sigma.RuleKind;
import io.vigil.sigma.RuleMetadata;
import io.vigil.sigma.RuleProblem;
import io.vigil.sigma.RuleSet;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Compiles one tenant's rule set: the shared packs' rule texts, the tenant's custom rules and
 * exclusions, its placeholder values, with its switched-off rules and packs loaded but never
 * matching. Plain code, no I/O: the same compile validates a change and builds the set in force.
 */
final class TenantRuleCompiler {

    /** The pack id of a tenant's own rules in listings. */
    static final String CUSTOM_PACK = "custom";

    /**
     * A compiled tenant rule set and what is wrong with the tenant's texts in it.
     *
     * @param rules the rule set (shared rules, the tenant's rules and filters; switched-off rules
     *     loaded but never matching)
     * @param problems every problem of the tenant's texts (empty: all of them loaded)
     * @param packOfFile the pack id of each shared rule file
     */
    record Compiled(RuleSet rules, List<RuleTextProblem> problems, Map<String, String> packOfFile) {
        Compiled {
            problems = List.copyOf(problems);
        }

        /** The pack a rule belongs to: a shared pack's id, or {@link #CUSTOM_PACK}. */
        String packOf(RuleMetadata rule) {
            return packOfFile.getOrDefault(rule.file(), CUSTOM_PACK);
        }
    }

    private TenantRuleCompiler() {}

    static Compiled compile(TenantRuleSettings settings, RulePacks.Loaded shared) {
        Map<String, String> packOfFile = new HashMap<>();
        for (RulePacks.Source s : shared.sources()) {
            packOfFile.put(s.file(), s.pack());
        }
        Set<String> offPacks = settings.disabledPacks();
        Set<String> offRules = settings.disabledRules();
        RuleSet.Builder builder = RuleSet.builder()
                .placeholders(settings.placeholders())
                .disable(m ->
                        offRules.contains(m.id()) || offPacks.contains(packOfFile.getOrDefault(m.file(), CUSTOM_PACK)));
        for (RulePacks.Source s : shared.sources()) {
            builder.add(s.file(), s.text());
        }
        Map<String, TenantRuleText> byFile = new HashMap<>();
        for (TenantRuleText t : settings.texts()) {
            builder.add(t.file(), t.text());
            byFile.put(t.file(), t);
        }
        RuleSet rules = builder.build();
        return new Compiled(rules, problems(rules, byFile), Map.copyOf(packOfFile));
    }

    private static List<RuleTextProblem> problems(RuleSet rules, Map<String, TenantRuleText> texts) {
        List<RuleTextProblem> problems = new ArrayList<>();
        Set<String> withContent = new HashSet<>();
        for (Refusal r : rules.refusals()) {
            if (texts.containsKey(r.file())) {
                withContent.add(r.file());
                for (RuleProblem p : r.problems()) {
                    String title = r.title().isEmpty() ? "" : "rule '" + clip(r.title()) + "': ";
                    problems.add(new RuleTextProblem(r.file(), p.line(), title + p.message()));
                }
            }
        }
        Map<String, RuleMetadata> firstById = new HashMap<>();
        for (RuleMetadata m : rules.rules()) {
            TenantRuleText text = texts.get(m.file());
            RuleMetadata first = firstById.putIfAbsent(m.id(), m);
            if (text == null) {
                continue;
            }
            withContent.add(m.file());
            if (first != null) {
                problems.add(new RuleTextProblem(
                        m.file(),
                        m.line(),
                        "rule id " + m.id() + " is already used by '" + clip(first.title()) + "' ("
                                + (texts.containsKey(first.file()) ? first.file() : "a shared rule")
                                + "); give this rule an id of its own (a new UUID)"));
            }
            if (text.kind() == TenantRuleText.Kind.EXCLUSION && m.kind() != RuleKind.FILTER) {
                problems.add(new RuleTextProblem(
                        m.file(),
                        m.line(),
                        "'" + clip(m.title()) + "' is a " + m.kind().name().toLowerCase(java.util.Locale.ROOT)
                                + " rule; an exclusion holds only filter rules (filter: with rules:, selections"
                                + " and condition); save it as a custom rule instead"));
            }
            if (text.kind() == TenantRuleText.Kind.RULE && m.kind() == RuleKind.FILTER) {
                problems.add(new RuleTextProblem(
                        m.file(),
                        m.line(),
                        "'" + clip(m.title()) + "' is a filter rule; save it as an exclusion instead"));
            }
        }
        for (String file : texts.keySet()) {
            if (!withContent.contains(file)) {
                problems.add(new RuleTextProblem(file, 1, "no Sigma rule in the text"));
            }
        }
        problems.sort(java.util.Comparator.comparing(RuleTextProblem::text).thenComparingInt(RuleTextProblem::line));
        return problems;
    }

    private static String clip(String s) {
        return s.length() > 80 ? s.substring(0, 80) + "…" : s;
    }
}
