package io.vigil.sigma;

import static io.vigil.sigma.Rules.matches;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** Conditions: operators, precedence, x-of patterns, them, condition lists. */
class ConditionTest {
    private static final String SELECTIONS = """
            sel_a:
                A: 1
            sel_b:
                B: 1
            sel_c:
                C: 1
            _helper:
                H: 1
            """;

    private static boolean eval(String condition, Map<String, ?> event) {
        return matches(SELECTIONS + "condition: " + condition + "\n", event);
    }

    @Test
    void shouldBindAndTighterThanOr() {
        assertThat(eval("sel_a or sel_b and sel_c", Map.of("A", 1))).isTrue();
        assertThat(eval("sel_a or sel_b and sel_c", Map.of("B", 1))).isFalse();
        assertThat(eval("(sel_a or sel_b) and sel_c", Map.of("A", 1))).isFalse();
    }

    @Test
    void shouldBindNotTighterThanAnd() {
        assertThat(eval("not sel_a and sel_b", Map.of("B", 1))).isTrue();
        assertThat(eval("not sel_a and sel_b", Map.of("A", 1, "B", 1))).isFalse();
        assertThat(eval("not (sel_a and sel_b)", Map.of("A", 1))).isTrue();
    }

    @Test
    void shouldMatchOneOfAndAnyOfPattern() {
        assertThat(eval("1 of sel_*", Map.of("C", 1))).isTrue();
        assertThat(eval("any of sel_*", Map.of("B", 1))).isTrue();
        assertThat(eval("1 of sel_*", Map.of("H", 1))).isFalse();
    }

    @Test
    void shouldRequireEveryMatchForAllOfPattern() {
        assertThat(eval("all of sel_*", Map.of("A", 1, "B", 1, "C", 1))).isTrue();
        assertThat(eval("all of sel_*", Map.of("A", 1, "B", 1))).isFalse();
    }

    @Test
    void shouldExcludeUnderscoreNamesFromThem() {
        assertThat(eval("all of them", Map.of("A", 1, "B", 1, "C", 1))).isTrue();
        assertThat(eval("1 of them", Map.of("H", 1))).isFalse();
        assertThat(eval("_helper and 1 of them", Map.of("H", 1, "A", 1))).isTrue();
    }

    @Test
    void shouldTreatAListOfConditionsAsOr() {
        String d = SELECTIONS + "condition:\n    - sel_a and sel_b\n    - sel_c\n";
        assertThat(matches(d, Map.of("C", 1))).isTrue();
        assertThat(matches(d, Map.of("A", 1, "B", 1))).isTrue();
        assertThat(matches(d, Map.of("A", 1))).isFalse();
    }

    @Test
    void shouldMatchWholeIdentifiersOnlyInPatterns() {
        String d = """
                selection:
                    A: 1
                selection_extra:
                    B: 1
                condition: all of selection
                """;
        assertThat(matches(d, Map.of("A", 1))).isTrue();
    }

    @Test
    void shouldAcceptOperatorsInAnyCase() {
        assertThat(eval("sel_a AND NOT sel_b", Map.of("A", 1))).isTrue();
    }
}
