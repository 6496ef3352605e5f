package io.vigil.sigma;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.statistics.Statistics;
import org.junit.jupiter.api.Test;

/**
 * The index's plans (two necessary clauses per rule, vetoes from negated conjuncts) never change a
 * result: over rules built to exercise them and events built from the same few words, the indexed
 * rule set reports exactly what the naive evaluator finds.
 */
class IndexPlanPropertyTest {
    private static final List<String> DETECTIONS = List.of(
            // two clauses: either alone proves nothing
            "sel:\n    A|endswith: '\\\\ab.exe'\n    B|contains: cd\ncondition: sel",
            "sel:\n    A|contains|all:\n        - ab\n        - cd\n        - '\\\\'\ncondition: sel",
            "a:\n    A: ab\nb:\n    - B|startswith: cd\n    - C: x\ncondition: a and b",
            "a:\n    A|contains: ab\nb:\n    B|contains: cd\nc:\n    C|contains: x\ncondition: (a and b) or (a and c)",
            // vetoes: negated conjuncts with exactly decidable values
            "f:\n    A|contains: '\\\\'\ncondition: not f",
            "sel:\n    A|endswith: .exe\nf1:\n    B: cd\nf2:\n    - C|startswith: x\n    - A|contains: ab\n"
                    + "condition: sel and not 1 of f*",
            "sel:\n    A|endswith: .exe\nf:\n    A|endswith:\n        - ab.exe\n        - cd.exe\n    B: x\n"
                    + "condition: sel and not f",
            "f:\n    A|contains|all:\n        - ab\n        - cd\ncondition: not f",
            "f:\n    A|contains|cased: AB\ncondition: not f",
            "f:\n    A: null\ng:\n    A:\n        - ''\n        - ab\ncondition: not f and not g",
            "f:\n    A|re: 'a.c'\nh:\n    B|contains: x\ncondition: not f and not h",
            "sel:\n    A|contains: ab\nf:\n    B|contains: cd\ncondition: sel and not (f and sel)",
            "k:\n    - ab\n    - cd\nf:\n    A|contains: x\ncondition: k and not f",
            "sel:\n    C|exists: true\nf:\n    C|endswith: '.exe'\ncondition: sel and not f");

    private static final RuleSet RULES = rules();

    private static RuleSet rules() {
        RuleSet.Builder b = RuleSet.builder();
        for (int i = 0; i < DETECTIONS.size(); i++) {
            b.add("r" + i + ".yml", Rules.rule("r" + i, DETECTIONS.get(i)));
        }
        return b.build();
    }

    @Test
    void shouldCompileEveryPlanRule() {
        assertThat(RULES.refusals()).isEmpty();
        assertThat(RULES.compiled()).hasSize(DETECTIONS.size());
    }

    @Provide
    Arbitrary<MapEvent> events() {
        Arbitrary<String> word = Arbitraries.of("ab", "AB", "cd", "x", "\\", ".exe", "ab.exe", "\\ab.exe", "", "zz");
        Arbitrary<Object> value = Arbitraries.oneOf(
                word.list().ofMinSize(1).ofMaxSize(3).map(ws -> (Object) String.join("", ws)),
                word.list().ofMinSize(1).ofMaxSize(3).map(ws -> (Object) ws),
                Arbitraries.just((Object) 7L));
        // each of A, B and C present with probability 3/4
        Arbitrary<Map<String, Object>> fields = Combinators.combine(
                        Arbitraries.integers().between(0, 63), value.list().ofSize(3))
                .as((presence, values) -> {
                    Map<String, Object> event = new LinkedHashMap<>();
                    for (int i = 0; i < 3; i++) {
                        if (((presence >> (2 * i)) & 3) != 0) {
                            event.put(String.valueOf((char) ('A' + i)), values.get(i));
                        }
                    }
                    return event;
                });
        return fields.map(f -> MapEvent.of(f, Rules.TEST_PRODUCT));
    }

    @Property(tries = 2000)
    void indexedMatchesShouldEqualNaiveMatches(@ForAll("events") MapEvent e) {
        List<String> naive = NaiveEvaluator.matchingIds(RULES, e);
        // how many of the rules with two clauses (r0-r3) and with vetoes (r5-r13) match
        Statistics.label("clause rules")
                .collect(naive.stream().filter(id -> number(id) < 4).count());
        Statistics.label("veto rules")
                .collect(naive.stream().filter(id -> number(id) >= 5).count());
        assertThat(NaiveEvaluator.indexedIds(RULES, e))
                .as("indexed vs naive for %s", e)
                .isEqualTo(naive);
        Statistics.label("clause rules").coverage(c -> c.check(0L).percentage(p -> p <= 97.0));
        Statistics.label("veto rules").coverage(c -> c.check(0L).percentage(p -> p <= 80.0));
    }

    @Test
    void shouldSkipRulesWhoseNegatedFilterHoldsOrWhoseSecondClauseIsMissing() {
        // r0 needs both A ending in \ab.exe and B containing cd: A alone makes it no candidate
        MapEvent onlyA = MapEvent.of(Map.of("A", "c:\\AB.exe"), Rules.TEST_PRODUCT);
        assertThat(candidates(onlyA)).doesNotContain("r0");
        // r4 (not A contains \) is vetoed by a backslash, evaluated without one
        assertThat(candidates(MapEvent.of(Map.of("A", "c:\\ab"), Rules.TEST_PRODUCT)))
                .doesNotContain("r4");
        assertThat(candidates(MapEvent.of(Map.of("A", "ab"), Rules.TEST_PRODUCT)))
                .contains("r4");
    }

    private static int number(String id) {
        return Integer.parseInt(id.substring(1));
    }

    private static List<String> candidates(SigmaEvent e) {
        List<String> ids = new ArrayList<>();
        for (int i : RULES.candidates(e)) {
            ids.add(RULES.compiled().get(i).metadata().id());
        }
        return ids;
    }
}
