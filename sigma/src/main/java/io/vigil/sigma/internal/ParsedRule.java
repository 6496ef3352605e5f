package io.vigil.sigma.internal;

import io.vigil.sigma.RuleMetadata;
import java.util.List;

/** A rule document that passed validation, before log source mapping and linking. */
public sealed interface ParsedRule {

    RuleMetadata metadata();

    /** A detection rule. */
    record Detection(RuleMetadata metadata, CompiledDetection detection) implements ParsedRule {}

    /** A filter rule: its detection is applied as AND NOT to the rules named in {@code rules}. */
    record Filter(RuleMetadata metadata, List<String> rules, CompiledDetection detection) implements ParsedRule {
        public Filter {
            rules = List.copyOf(rules);
        }
    }

    /** A correlation rule (validated and linked; see {@link CorrelationSpec}). */
    record Correlation(RuleMetadata metadata, CorrelationSpec spec) implements ParsedRule {}
}
