package io.vigil.sigma;

import io.vigil.sigma.internal.CompiledRule;
import io.vigil.sigma.internal.ParsedRule;
import io.vigil.sigma.internal.Problems;
import io.vigil.sigma.internal.RuleIndex;
import io.vigil.sigma.internal.RuleLinker;
import io.vigil.sigma.internal.RuleParser;
import io.vigil.sigma.internal.YamlDocuments;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Predicate;

/**
 * A loaded, validated and indexed set of Sigma rules, for one tenant (filters and placeholder
 * values are per tenant). Thread-safe once built.
 *
 * <pre>{@code
 * RuleSet rules = RuleSet.builder().add("rule.yml", yamlText).build();
 * rules.refusals().forEach(System.err::println);
 * List<Match> matches = rules.match(MapEvent.of(fields));
 * }</pre>
 */
public final class RuleSet {
    private final List<RuleMetadata> rules;
    private final List<Refusal> refusals;
    private final List<CompiledRule> compiled;
    private final List<ParsedRule.Correlation> correlations;
    private final RuleIndex index;

    private RuleSet(
            List<RuleMetadata> rules,
            List<Refusal> refusals,
            List<CompiledRule> compiled,
            List<ParsedRule.Correlation> correlations) {
        this.rules = List.copyOf(rules);
        this.refusals = List.copyOf(refusals);
        this.compiled = List.copyOf(compiled);
        this.correlations = List.copyOf(correlations);
        this.index = RuleIndex.build(this.compiled);
    }

    /** The correlation rules, for {@link CorrelationEngine}. */
    List<ParsedRule.Correlation> correlations() {
        return correlations;
    }

    /** The id of the rule with this id or name, or {@code null}. */
    @org.jspecify.annotations.Nullable
    String resolve(String idOrName) {
        for (RuleMetadata m : rules) {
            if (m.id().equals(idOrName) || idOrName.equals(m.name())) {
                return m.id();
            }
        }
        return null;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Every loaded rule: detection, correlation and filter rules. */
    public List<RuleMetadata> rules() {
        return rules;
    }

    /** Every refused rule document with all of its problems. */
    public List<Refusal> refusals() {
        return refusals;
    }

    /** The detection rules that match the event, with evidence. */
    public List<Match> match(SigmaEvent event) {
        List<Match> out = new ArrayList<>();
        index.forEachMatch(event, rule -> out.add(rule.explain(event)));
        return out;
    }

    /** Calls {@code onMatch} with each matching rule, without building evidence. */
    public void forEachMatch(SigmaEvent event, Consumer<RuleMetadata> onMatch) {
        index.forEachMatch(event, rule -> onMatch.accept(rule.metadata()));
    }

    /** How many rules the index evaluates for the event (for tests and tuning). */
    int candidateCount(SigmaEvent event) {
        return index.candidateCount(event);
    }

    /** The indexes (in {@link #compiled}) of the rules the index evaluates for the event (for tests). */
    int[] candidates(SigmaEvent event) {
        return index.candidates(event);
    }

    /** The compiled detection rules, for tests and tools in this module. */
    List<CompiledRule> compiled() {
        return compiled;
    }

    /** Collects rule texts, then validates, links and indexes them. */
    public static final class Builder {
        private final Map<String, List<String>> placeholders = new LinkedHashMap<>();
        private LogSourceMapping mapping = LogSourceMapping.builtIn();
        private final List<ParsedRule> parsed = new ArrayList<>();
        private final List<Refusal> refusals = new ArrayList<>();
        private final Map<ParsedRule, Integer> order = new LinkedHashMap<>();
        private final List<Predicate<RuleMetadata>> disabled = new ArrayList<>();

        private Builder() {}

        /** Values for {@code |expand} placeholders; set before adding rules that use them. */
        public Builder placeholders(Map<String, List<String>> values) {
            values.forEach((k, v) -> placeholders.put(k, List.copyOf(v)));
            return this;
        }

        /**
         * Rules that must never match (a tenant switched them, or their pack, off). They stay loaded,
         * so filters and correlations naming them still resolve, and {@link RuleSet#rules()} still
         * lists them; they are left out of the index and of the correlations. Several calls add up.
         */
        public Builder disable(Predicate<RuleMetadata> which) {
            disabled.add(Objects.requireNonNull(which, "which"));
            return this;
        }

        /** Rules with these ids never match; see {@link #disable(Predicate)}. */
        public Builder disable(Collection<String> ruleIds) {
            Set<String> ids = Set.copyOf(ruleIds);
            return ids.isEmpty() ? this : disable(m -> ids.contains(m.id()));
        }

        private boolean isDisabled(RuleMetadata m) {
            for (Predicate<RuleMetadata> p : disabled) {
                if (p.test(m)) {
                    return true;
                }
            }
            return false;
        }

        /** The log source mapping (default: {@link LogSourceMapping#builtIn()}). */
        public Builder logSources(LogSourceMapping logSources) {
            this.mapping = Objects.requireNonNull(logSources, "logSources");
            return this;
        }

        /** Parses every document of one rule file; refused documents are kept with their reasons. */
        public Builder add(String file, String yamlText) {
            List<RuleProblem> syntax = new ArrayList<>();
            List<YamlDocuments.Document> docs = YamlDocuments.read(file, yamlText, syntax);
            RuleParser parser = new RuleParser(placeholders);
            for (int i = 0; i < docs.size(); i++) {
                YamlDocuments.Document doc = docs.get(i);
                if (doc.root() == null) {
                    continue;
                }
                Problems problems = new Problems(file);
                ParsedRule rule = parser.parse(doc.root(), i, problems);
                if (rule == null || !problems.isEmpty()) {
                    List<RuleProblem> list = problems.isEmpty()
                            ? List.of(new RuleProblem(file, doc.line(), "rule refused"))
                            : problems.list();
                    refusals.add(new Refusal(file, doc.line(), titleOf(doc), list));
                } else {
                    order.put(rule, order.size());
                    parsed.add(rule);
                }
            }
            if (!syntax.isEmpty()) {
                refusals.add(new Refusal(file, syntax.get(0).line(), "", syntax));
            }
            return this;
        }

        private static String titleOf(YamlDocuments.Document doc) {
            return doc.root() instanceof io.vigil.sigma.internal.YNode.YMap m
                            && m.get("title") instanceof io.vigil.sigma.internal.YNode.YScalar s
                    ? s.text()
                    : "";
        }

        public RuleSet build() {
            RuleLinker.Linked linked = RuleLinker.link(parsed, mapping);
            List<Refusal> all = new ArrayList<>(refusals);
            linked.refused().forEach((rule, reason) -> {
                RuleMetadata m = rule.metadata();
                all.add(new Refusal(
                        m.file(), m.line(), m.title(), List.of(new RuleProblem(m.file(), m.line(), reason))));
            });
            List<RuleMetadata> metadata =
                    linked.accepted().stream().map(ParsedRule::metadata).toList();
            List<ParsedRule.Correlation> correlations = linked.accepted().stream()
                    .filter(r -> r instanceof ParsedRule.Correlation)
                    .map(r -> (ParsedRule.Correlation) r)
                    .toList();
            if (disabled.isEmpty()) {
                return new RuleSet(metadata, all, linked.rules(), correlations);
            }
            return new RuleSet(
                    metadata,
                    all,
                    linked.rules().stream()
                            .filter(r -> !isDisabled(r.metadata()))
                            .toList(),
                    correlations.stream().filter(c -> !isDisabled(c.metadata())).toList());
        }
    }
}
