package io.vigil.sigma;

import java.util.List;
import java.util.Map;

/** Builds small rule sets from detection snippets (test support). */
final class Rules {
    /** The log source test events declare: the product of {@link #rule}. */
    static final LogSource TEST_PRODUCT = new LogSource("test", null, null);

    private Rules() {}

    /** A complete rule around {@code detection} (indented YAML under "detection:"). */
    static String rule(String id, String detection) {
        return """
                title: Test rule %s
                id: %s
                status: test
                level: high
                tags:
                    - attack.execution
                    - attack.t1059.001
                logsource:
                    product: test
                detection:
                %s
                """.formatted(id, id, detection.indent(4));
    }

    static RuleSet of(String detection) {
        return RuleSet.builder().add("test.yml", rule("r1", detection)).build();
    }

    static RuleSet of(String detection, Map<String, List<String>> placeholders) {
        return RuleSet.builder()
                .placeholders(placeholders)
                .add("test.yml", rule("r1", detection))
                .build();
    }

    static boolean matches(String detection, Map<String, ?> event) {
        RuleSet set = of(detection);
        if (!set.refusals().isEmpty()) {
            throw new AssertionError("rule refused: " + set.refusals());
        }
        return !set.match(MapEvent.of(event, TEST_PRODUCT)).isEmpty();
    }
}
